/**
 * When agents answer live chats, e.g. `mon-fri 08:30-17:30; sat 09:00-12:00`, in one time zone
 * (Asia/Shanghai by default), or `always`. Pure: the caller passes the instant.
 */

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

export interface ServiceHours {
  /** Per weekday (0 = Sunday): open intervals in minutes since local midnight. */
  days: [number, number][][];
  timeZone: string;
  always: boolean;
}

export class ServiceHoursError extends Error {}

const minutes = (hhmm: string): number => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new ServiceHoursError(`'${hhmm}' is not a time like 08:30`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) throw new ServiceHoursError(`'${hhmm}' is not a time of day`);
  return h * 60 + min;
};

const dayIndex = (name: string): number => {
  const i = DAYS.indexOf(name.toLowerCase() as (typeof DAYS)[number]);
  if (i < 0) throw new ServiceHoursError(`'${name}' is not a weekday (mon, tue, wed, thu, fri, sat, sun)`);
  return i;
};

/** Parses the setting; throws ServiceHoursError naming the bad part. */
export function parseServiceHours(spec: string, timeZone: string): ServiceHours {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new ServiceHoursError(`'${timeZone}' is not a known time zone`);
  }
  const days: [number, number][][] = DAYS.map(() => []);
  if (spec.trim().toLowerCase() === "always") return { days: days.map(() => [[0, 1440]]), timeZone, always: true };
  for (const part of spec.split(";").map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/i.exec(part);
    if (!m) throw new ServiceHoursError(`'${part}' should look like 'mon-fri 08:30-17:30'`);
    const from = dayIndex(m[1]!);
    const to = m[2] ? dayIndex(m[2]) : from;
    const open = minutes(m[3]!);
    const close = minutes(m[4]!);
    if (close <= open) throw new ServiceHoursError(`'${part}': closing time must be after opening time`);
    for (let d = from; ; d = (d + 1) % 7) {
      days[d]!.push([open, close]);
      if (d === to) break;
    }
  }
  if (days.every((d) => d.length === 0)) throw new ServiceHoursError("no opening hours given");
  return { days, timeZone, always: false };
}

/** Local weekday and minute of the day in the desk's time zone. */
function localTime(at: Date, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { day: dayIndex(get("weekday").slice(0, 3)), minute: Number(get("hour")) * 60 + Number(get("minute")) };
}

export function isOpen(hours: ServiceHours, at: Date): boolean {
  if (hours.always) return true;
  const { day, minute } = localTime(at, hours.timeZone);
  return hours.days[day]!.some(([open, close]) => minute >= open && minute < close);
}

/** The next opening after `at` (at minute precision), or undefined when always open. */
export function nextOpening(hours: ServiceHours, at: Date): Date | undefined {
  if (hours.always) return undefined;
  const { day, minute } = localTime(at, hours.timeZone);
  const start = at.getTime() - (at.getTime() % 60_000);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const d = (day + ahead) % 7;
    const opens = hours.days[d]!.map(([open]) => open)
      .filter((open) => ahead > 0 || open > minute)
      .sort((a, b) => a - b);
    if (opens.length > 0) {
      // Minutes from now to that opening; a DST-free zone (China) makes this exact, elsewhere it can be off by an hour on the switch day.
      return new Date(start + ((ahead * 1440 + opens[0]! - minute) * 60_000));
    }
  }
  return undefined;
}

/** When agents are back, as the citizen reads it ("周二 12/8 08:30", "Tue 8/12 08:30"), in the service's zone. */
export function formatOpening(at: Date, locale: "zh" | "en", timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
    timeZone,
    weekday: "short",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
}
