import type { HandoffStatusView, Locale } from "../../src/channels/events";
import { format, langTag, type Strings } from "./i18n";

/** What the strip above the input shows for a request for a person; undefined hides it. */
export interface HandoffStrip {
  state: HandoffStatusView["state"];
  text: string;
  /** Waiting in line: the citizen may leave the queue. */
  cancellable: boolean;
}

export function handoffStrip(
  status: HandoffStatusView | undefined,
  strings: Strings,
  locale: Locale,
  now: Date = new Date(),
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
      const time = status.backAt ? formatBackAt(status.backAt, locale, now) : undefined;
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

/** `position` 1 is next in line, so the number of people ahead is position - 1. */
function waitingText(status: HandoffStatusView, strings: Strings): string {
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

/** The time agents are back, in the reader's time zone: the time alone today, with the date otherwise. */
export function formatBackAt(iso: string, locale: Locale, now: Date = new Date()): string | undefined {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return undefined;
  const today = at.toDateString() === now.toDateString();
  const options: Intl.DateTimeFormatOptions = today
    ? { hour: "numeric", minute: "2-digit" }
    : { month: "long", day: "numeric", weekday: "short", hour: "numeric", minute: "2-digit" };
  return new Intl.DateTimeFormat(langTag[locale], options).format(at);
}

/** Throttle for "the citizen is typing" and the quiet spell after which it is withdrawn. */
export const TYPING_EVERY_MS = 2_000;
export const TYPING_IDLE_MS = 3_000;

/**
 * Tells the agent the citizen is typing: `true` at most once per TYPING_EVERY_MS while keys are
 * pressed, `false` after TYPING_IDLE_MS without a key or when the message is sent.
 */
export class TypingSignal {
  private lastTrueAt = Number.NEGATIVE_INFINITY;
  private active = false;
  private idleTimer: number | undefined;

  constructor(private readonly emit: (typing: boolean) => void) {}

  typed(): void {
    const now = Date.now();
    if (now - this.lastTrueAt >= TYPING_EVERY_MS) {
      this.lastTrueAt = now;
      this.active = true;
      this.emit(true);
    }
    window.clearTimeout(this.idleTimer);
    this.idleTimer = window.setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** The citizen stopped or sent: withdraw a `true` that is still standing. */
  stop(): void {
    window.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.active) return;
    this.active = false;
    this.emit(false);
  }

  /** Nobody is listening any more (the agent left, the connection dropped): forget, send nothing. */
  reset(): void {
    window.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.active = false;
  }
}
