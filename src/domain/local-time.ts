/**
 * Times as people read them: in the service's time zone (SERVICE_TIMEZONE, Asia/Shanghai by
 * default), never the server's or UTC. Stored times stay ISO 8601 in UTC; only what is shown, and
 * what "today" means for relative dates, goes through here.
 */
export const DEFAULT_TIME_ZONE = "Asia/Shanghai";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Zones change their offset only on a quarter hour (DST, and the half- and quarter-hour zones alike). */
const QUARTER_HOUR = 15 * 60_000;
/** The offset of each zone for the quarter hour last asked about: Intl's formatToParts costs tens of microseconds, and every turn asks. */
const offsets = new Map<string, { quarter: number; offsetMs: number }>();

function offsetMsAt(timeZone: string, at: Date): number {
  const quarter = Math.floor(at.getTime() / QUARTER_HOUR);
  const known = offsets.get(timeZone);
  if (known?.quarter === quarter) return known.offsetMs;
  const p = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(at))
    if (part.type in p) p[part.type as keyof typeof p] = Number(part.value);
  const offsetMs =
    Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000;
  offsets.set(timeZone, { quarter, offsetMs });
  return offsetMs;
}

function partsIn(
  timeZone: string,
  at: Date,
): Record<"year" | "month" | "day" | "hour" | "minute" | "second", number> {
  const there = new Date(at.getTime() + offsetMsAt(timeZone, at));
  return {
    year: there.getUTCFullYear(),
    month: there.getUTCMonth() + 1,
    day: there.getUTCDate(),
    hour: there.getUTCHours(),
    minute: there.getUTCMinutes(),
    second: there.getUTCSeconds(),
  };
}

const toDate = (at: Date | string) => (typeof at === "string" ? new Date(at) : at);
const pad = (n: number) => String(n).padStart(2, "0");

/** Minutes east of UTC in `timeZone` at that moment: 480 for Asia/Shanghai. */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  return Math.round(offsetMsAt(timeZone, at) / 60_000);
}

/** The calendar date there: "2026-12-07". */
export function localDate(at: Date | string, timeZone: string): string {
  const p = partsIn(timeZone, toDate(at));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Date and time there, to the minute: "2026-12-07 06:53" (the same in both languages). */
export function localDateTime(at: Date | string, timeZone: string): string {
  const p = partsIn(timeZone, toDate(at));
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}
