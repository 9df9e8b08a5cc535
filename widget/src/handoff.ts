import type { HandoffStatusView, Locale } from "../../src/protocol/events.js";
import { localDateTime } from "../../src/domain/local-time.js";
import { format, langTag, type Strings } from "./i18n.js";

/** What the strip above the input shows for a request for a person; undefined hides it. */
export interface HandoffStrip {
  state: HandoffStatusView["state"];
  text: string;
  /** Waiting in line: the citizen may leave the queue. */
  cancellable: boolean;
}

/** Where and when the strip is read: the service's time zone (from chat:session) and the instant. */
export interface StripClock {
  now?: Date;
  /** The service's IANA time zone; times are shown in it. Undefined: the reader's own. */
  timeZone?: string;
  /** The reader's zone, for tests; undefined: the browser's. */
  readerTimeZone?: string;
}

export function handoffStrip(
  status: HandoffStatusView | undefined,
  strings: Strings,
  locale: Locale,
  clock: StripClock = {},
): HandoffStrip | undefined {
  if (!status) return undefined;
  const { state } = status;
  switch (state) {
    case "queued":
    case "offered":
      return { state, text: waitingText(status, strings), cancellable: true };
    case "connected":
      return {
        state,
        text: status.agentName
          ? format(strings.handoffConnected, { name: status.agentName })
          : strings.handoffConnectedAnon,
        cancellable: false,
      };
    case "unavailable": {
      const time = status.backAt ? formatBackAt(status.backAt, locale, clock) : undefined;
      return {
        state,
        text: time ? format(strings.handoffBackAt, { time }) : strings.handoffUnavailable,
        cancellable: false,
      };
    }
    default:
      return undefined; // ended, cancelled
  }
}

/** Queued with nobody online: no place or estimate to give, only that the first agent takes the chat. */
export function waitingForAgents(status: HandoffStatusView | undefined): boolean {
  return status?.state === "queued" && status.waitingForAgents === true;
}

/** `position` 1 is next in line, so the number of people ahead is position - 1. */
function waitingText(status: HandoffStatusView, strings: Strings): string {
  if (waitingForAgents(status)) return strings.handoffWaitingForAgents;
  const { position, etaSec } = status;
  let text = strings.handoffWaiting;
  if (position !== undefined && Number.isFinite(position)) {
    const ahead = Math.max(0, Math.floor(position) - 1);
    text = ahead === 0 ? strings.handoffNext : format(strings.handoffAhead, { n: ahead });
  }
  const minutes = etaMinutes(etaSec);
  if (minutes === "under-1") text += strings.handoffEtaShort;
  else if (minutes !== undefined) text += format(strings.handoffEta, { m: minutes });
  return text;
}

/**
 * A wait rounded the way a person would say it: under a minute, whole minutes up to 10, then to
 * the nearest 5 up to an hour, then to the nearest 10. An estimate should not look precise.
 */
export function etaMinutes(etaSec: number | undefined): number | "under-1" | undefined {
  if (etaSec === undefined || !Number.isFinite(etaSec) || etaSec < 0) return undefined;
  if (etaSec < 60) return "under-1";
  const minutes = etaSec / 60;
  if (minutes <= 10) return Math.max(1, Math.round(minutes));
  if (minutes <= 60) return Math.round(minutes / 5) * 5;
  return Math.round(minutes / 10) * 10;
}

/** The zone if this browser knows it; otherwise undefined (the browser's own), rather than an exception. */
export function knownTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** The calendar day and wall-clock minute of an instant in a zone (the browser's own when none), e.g. "2026-03-02 08:30". */
const wallClock = (at: Date, timeZone: string | undefined): string =>
  localDateTime(at, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);

/**
 * The time agents are back, in the service's time zone: the time alone when that is today there,
 * with the date otherwise. A reader whose own clock is elsewhere also gets the zone's name, so
 * "08:30" is never taken for their local time.
 */
export function formatBackAt(iso: string, locale: Locale, clock: StripClock = {}): string | undefined {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return undefined;
  const now = clock.now ?? new Date();
  const timeZone = knownTimeZone(clock.timeZone);
  const day = (d: Date) => wallClock(d, timeZone).slice(0, 10);
  const today = day(at) === day(now);
  const elsewhere = wallClock(at, timeZone) !== wallClock(at, knownTimeZone(clock.readerTimeZone));
  // Chinese readers expect a 24-hour 08:30, as the desk's own messages write it.
  const clockTime: Intl.DateTimeFormatOptions =
    locale === "zh"
      ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
      : { hour: "numeric", minute: "2-digit" };
  const options: Intl.DateTimeFormatOptions = today
    ? clockTime
    : { month: "long", day: "numeric", weekday: "short", ...clockTime };
  return new Intl.DateTimeFormat(langTag[locale], {
    ...options,
    timeZone,
    ...(elsewhere ? { timeZoneName: "long" } : {}),
  }).format(at);
}
