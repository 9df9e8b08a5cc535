import { useSyncExternalStore } from "react";
import type { Locale } from "./protocol";

/**
 * One shared clock for every ticking figure (waiting times, offer countdowns): a single interval
 * while anything shows one, none otherwise.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time in ms, re-rendering the caller every second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/** 0:07, 4:05, 1:02:09. Negative durations show as 0:00. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** Milliseconds since an ISO time, or 0 for a time that cannot be read. */
export function elapsedSince(iso: string, at: number): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : at - t;
}

/**
 * Times are shown in the service's time zone (agent:hello.timeZone), never the browser's: an agent
 * working from another zone, or on a machine set to UTC, reads the same clock as the citizens and
 * the service hours. Until the zone is known (null) nothing is shown rather than a wrong time.
 */
export type ServiceTimeZone = string | null;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  locale: Locale,
  timeZone: string,
  style: "clock" | "dateTime" | "day",
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === "clock"
        ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
        : style === "dateTime"
          ? { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
          : { year: "numeric", month: "numeric", day: "numeric" };
    const tag = locale === "zh" ? "zh-CN" : "en-GB";
    try {
      f = new Intl.DateTimeFormat(tag, { ...options, timeZone });
    } catch {
      // A zone this browser does not know: UTC rather than a console that cannot start.
      f = new Intl.DateTimeFormat(tag, { ...options, timeZone: "UTC" });
    }
    formatters.set(key, f);
  }
  return f;
}

function parse(iso: string): Date | undefined {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? undefined : t;
}

/** 14:05, in the service's zone. */
export function formatClock(iso: string, locale: Locale, timeZone: ServiceTimeZone): string {
  const t = parse(iso);
  return t && timeZone ? formatter(locale, timeZone, "clock").format(t) : "";
}

/** Day, month and time ("03/05, 14:05" in English, "05/03 14:05" in Chinese), in the service's zone. */
export function formatDateTime(iso: string, locale: Locale, timeZone: ServiceTimeZone): string {
  const t = parse(iso);
  return t && timeZone ? formatter(locale, timeZone, "dateTime").format(t) : "";
}

/** The calendar day ("2024-5-3") of an instant in the service's zone. */
export function dayIn(at: Date | number, timeZone: string): string {
  const parts = formatter("en", timeZone, "day").formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/**
 * A time earlier in the shift: the clock alone when it is today in the service's zone, else with
 * its date (a night shift's list spans midnight).
 */
export function formatShiftTime(iso: string, locale: Locale, timeZone: ServiceTimeZone, now: number): string {
  const t = parse(iso);
  if (!t || !timeZone) return "";
  return dayIn(t, timeZone) === dayIn(now, timeZone)
    ? formatClock(iso, locale, timeZone)
    : formatDateTime(iso, locale, timeZone);
}

/** A span rounded down to whole minutes, split into hours and minutes (for "in chat 1 h 5 min"). */
export function wholeMinutes(ms: number): { hours: number; minutes: number; total: number } {
  const total = Math.max(0, Math.floor(ms / 60_000));
  return { hours: Math.floor(total / 60), minutes: total % 60, total };
}
