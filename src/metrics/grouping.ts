/**
 * Splitting a figure by hour of day, day, channel, domain or skill. Every figure groups the same
 * way: it maps its units (questions, handoffs…) to a `Fact`, the fact gives the key, and the figure
 * is computed again on each group. Hours and days are the service's local time (a supervisor's
 * "9 o'clock" is Shanghai's, not UTC's), so the time zone is a parameter.
 */
import type { Channel } from "../domain/channel.js";
import { DEFAULT_TIME_ZONE, localDate, localDateTime } from "../domain/local-time.js";
import type { DeskLog } from "./desk-log.js";

export type GroupKey = "hour" | "day" | "channel" | "domain" | "skill";

export interface Grouping {
  by: GroupKey;
  /** IANA zone for "hour" and "day"; Asia/Shanghai by default. */
  timeZone?: string;
}

/** What a unit of a figure says about itself, for grouping. */
export interface Fact {
  /** When it happened (ISO): the question asked, the handoff arrived… */
  at: string;
  conversationId: string;
  intent: string | null;
  skill: string | null;
}

/** A figure overall and, when grouping was asked for, per key (keys in ascending order). */
export interface Grouped<T> {
  all: T;
  groups?: Record<string, T>;
}

/** The key of units that lack what is grouped by (a question has no skill, a handoff may have no intent). */
export const NO_KEY = "(none)";

/** The domain of an intent: its part before the first dot ("unemployment.apply" -> "unemployment"). */
export function domainOf(intent: string | null): string {
  if (!intent) return NO_KEY;
  const dot = intent.indexOf(".");
  return dot === -1 ? intent : intent.slice(0, dot);
}

export function channelsOf(log: DeskLog): ReadonlyMap<string, Channel> {
  return new Map((log.conversations ?? []).map((c) => [c.id, c.channel]));
}

export function keyOf(fact: Fact, grouping: Grouping, channels: ReadonlyMap<string, Channel>): string {
  const zone = grouping.timeZone ?? DEFAULT_TIME_ZONE;
  switch (grouping.by) {
    case "hour":
      // "2026-12-07 06:53" -> "06:00": hour of day, so all days' 9 o'clocks fall together. Not a bare
      // "06": a key like "23" is an array index, which objects list first, out of order.
      return `${localDateTime(fact.at, zone).slice(11, 13)}:00`;
    case "day":
      return localDate(fact.at, zone);
    case "channel":
      return channels.get(fact.conversationId) ?? "unknown";
    case "domain":
      return domainOf(fact.intent);
    case "skill":
      return fact.skill ?? NO_KEY;
  }
}

/**
 * Splits units by the key of their fact, in ascending key order. A figure that reads two kinds of
 * units (handoffs per question) calls it once per kind and joins on the keys.
 */
export function splitBy<T>(units: readonly T[], factOf: (unit: T) => Fact, grouping: Grouping, log: DeskLog): Map<string, T[]> {
  const channels = channelsOf(log);
  const groups = new Map<string, T[]>();
  for (const unit of units) {
    const key = keyOf(factOf(unit), grouping, channels);
    const list = groups.get(key);
    if (list) list.push(unit);
    else groups.set(key, [unit]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The figure over all units, and over each group when `grouping` is given. */
export function grouped<T, R>(
  units: readonly T[],
  factOf: (unit: T) => Fact,
  grouping: Grouping | undefined,
  log: DeskLog,
  figure: (units: readonly T[]) => R,
): Grouped<R> {
  const all = figure(units);
  if (!grouping) return { all };
  const groups: Record<string, R> = {};
  for (const [key, list] of splitBy(units, factOf, grouping, log)) groups[key] = figure(list);
  return { all, groups };
}
