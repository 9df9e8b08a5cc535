import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from "./chinese-number.js";

export type DateGranularity = "day" | "week" | "month" | "year";

export interface DateMention {
  /** The words in the message. */
  text: string;
  /** ISO date of the start of the period: 2024-03-01 for 2024年3月, Monday for 上周. */
  start: string;
  granularity: DateGranularity;
  relative: boolean;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

/**
 * The calendar day at `now` in the service's time zone, `offsetMinutes` east of UTC at that
 * moment (Asia/Shanghai, UTC+8, unless the service is configured with another zone).
 */
function localDay(now: Date, offsetMinutes: number): Ymd {
  const t = new Date(now.getTime() + offsetMinutes * 60_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function iso({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function addDays(day: Ymd, n: number): Ymd {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function addMonths(day: Ymd, n: number): Ymd {
  const t = new Date(Date.UTC(day.y, day.m - 1 + n, 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: 1 };
}

function mondayOf(day: Ymd): Ymd {
  const weekday = new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

function realDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return m >= 1 && m <= 12 && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const N = `(\\d+|[${CHINESE_NUMERAL_CHARS}]+|半)`;
const MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_EN = `(${MONTHS_EN.map((m) => `${m}|${m.slice(0, 3)}`).join("|")})\\.?`;

/** 上上个月, 上个月, 这个月, 下个月: months from the current one. */
const MONTH_SHIFT: Record<string, number> = { 上上: -2, 上: -1, 这: 0, 本: 0, 当: 0, 下: 1 };

type Rule = { re: RegExp; resolve: (m: RegExpExecArray, today: Ymd) => Omit<DateMention, "text"> | undefined };

const dayRel = (n: number) => (today: Ymd) => ({ start: iso(addDays(today, n)), granularity: "day" as const, relative: true });
const monthRel = (n: number) => (today: Ymd) => ({ start: iso(addMonths(today, n)), granularity: "month" as const, relative: true });
const yearRel = (n: number) => (today: Ymd) => ({ start: `${today.y + n}-01-01`, granularity: "year" as const, relative: true });
const weekRel = (n: number) => (today: Ymd) => ({ start: iso(addDays(mondayOf(today), 7 * n)), granularity: "week" as const, relative: true });

function count(token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  return token === "半" ? 0.5 : parseChineseNumber(token);
}

function agoRule(unit: "day" | "week" | "month" | "year", n: number, sign: number, today: Ymd) {
  if (unit === "day") return dayRel(sign * Math.round(n))(today);
  if (unit === "week") return dayRel(sign * Math.round(7 * n))(today);
  if (unit === "month") {
    if (n === 0.5) return dayRel(sign * 15)(today);
    return { ...monthRel(sign * n)(today), start: iso(addMonths(today, sign * n)).slice(0, 8) + String(Math.min(today.d, 28)).padStart(2, "0"), granularity: "day" as const };
  }
  if (n === 0.5) return { ...monthRel(sign * 6)(today), granularity: "month" as const };
  return { start: iso({ y: today.y + sign * n, m: today.m, d: Math.min(today.d, 28) }), granularity: "day" as const, relative: true };
}

const UNIT_ZH: Record<string, "day" | "week" | "month" | "year"> = { 天: "day", 日: "day", 周: "week", 星期: "week", 礼拜: "week", 个月: "month", 月: "month", 年: "year" };
const UNIT_EN: Record<string, "day" | "week" | "month" | "year"> = { day: "day", week: "week", month: "month", year: "year" };

// Order matters: longer, more specific forms first; a matched span is not matched again.
const RULES: Rule[] = [
  { re: /(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*[日号]?/g, resolve: (m) => abs(Number(m[1]), Number(m[2]), Number(m[3])) },
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d)/g, resolve: (m) => absMonth(Number(m[1]), Number(m[2])) },
  { re: /\b(\d{4})-(\d{1,2})\b(?!-)/g, resolve: (m) => absMonth(Number(m[1]), Number(m[2])) },
  { re: /(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, resolve: (m, t) => abs(t.y, Number(m[1]), Number(m[2])) },
  { re: /(?<![\d年])(\d{4})\s*年(?!\s*\d)/g, resolve: (m) => ({ start: `${m[1]}-01-01`, granularity: "year", relative: false }) },
  { re: /大前天/g, resolve: (_m, t) => dayRel(-3)(t) },
  { re: /前天/g, resolve: (_m, t) => dayRel(-2)(t) },
  { re: /昨天|昨日/g, resolve: (_m, t) => dayRel(-1)(t) },
  { re: /今天|今日/g, resolve: (_m, t) => dayRel(0)(t) },
  { re: /明天|明日/g, resolve: (_m, t) => dayRel(1)(t) },
  { re: /大后天/g, resolve: (_m, t) => dayRel(3)(t) },
  { re: /后天/g, resolve: (_m, t) => dayRel(2)(t) },
  // 上个月30号: a day of a relative month.
  {
    re: new RegExp(`(上上|上|这|本|当|下)个?月${N}\\s*[日号]`, "g"),
    resolve: (m, t) => {
      const shift = MONTH_SHIFT[m[1] ?? ""] ?? 0;
      const first = addMonths(t, shift);
      const d = count(m[2]);
      return d === undefined ? undefined : abs(first.y, first.m, d);
    },
  },
  // 10月底 / 10月初: the last or first day of that month this year.
  {
    re: /(?<![\d年])(\d{1,2})\s*月\s*(底|末|初)/g,
    resolve: (m, t) => {
      const month = Number(m[1]);
      if (month < 1 || month > 12) return undefined;
      const day = m[2] === "初" ? { y: t.y, m: month, d: 1 } : addDays({ y: t.y, m: month + 1, d: 1 }, -1);
      return { start: iso(day), granularity: "day", relative: false };
    },
  },
  // 上个月底 / 月末 is the month's last day; 月初 its first.
  {
    re: /(上上|上|这|本|当|下)个?月(底|末|初)/g,
    resolve: (m, t) => {
      const shift = MONTH_SHIFT[m[1] ?? ""] ?? 0;
      const first = addMonths(t, shift);
      const day = m[2] === "初" ? first : addDays(addMonths(t, shift + 1), -1);
      return { start: iso(day), granularity: "day", relative: true };
    },
  },
  { re: /上上个?月/g, resolve: (_m, t) => monthRel(-2)(t) },
  { re: /上个?月/g, resolve: (_m, t) => monthRel(-1)(t) },
  { re: /这个?月|本月|当月/g, resolve: (_m, t) => monthRel(0)(t) },
  { re: /下个?月/g, resolve: (_m, t) => monthRel(1)(t) },
  { re: /上个?(?:星期|礼拜)|上周/g, resolve: (_m, t) => weekRel(-1)(t) },
  { re: /这个?(?:星期|礼拜)|这周|本周/g, resolve: (_m, t) => weekRel(0)(t) },
  { re: /下个?(?:星期|礼拜)|下周/g, resolve: (_m, t) => weekRel(1)(t) },
  { re: /前年/g, resolve: (_m, t) => yearRel(-2)(t) },
  { re: /去年/g, resolve: (_m, t) => yearRel(-1)(t) },
  { re: /今年/g, resolve: (_m, t) => yearRel(0)(t) },
  { re: /明年/g, resolve: (_m, t) => yearRel(1)(t) },
  {
    re: new RegExp(`${N}\\s*(天|日|周|个?星期|个?礼拜|个月|年)\\s*(前|以前|之前|后|以后|之后)`, "g"),
    resolve: (m, t) => {
      const n = count(m[1]);
      const unit = UNIT_ZH[(m[2] ?? "").replace(/^个(?=星期|礼拜)/, "")];
      if (n === undefined || unit === undefined) return undefined;
      return agoRule(unit, n, /前/.test(m[3] ?? "") ? -1 : 1, t);
    },
  },
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, resolve: (m) => abs(Number(m[1]), Number(m[2]), Number(m[3])) },
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_EN}\\s+(\\d{4})\\b`, "gi"),
    resolve: (m) => abs(Number(m[3]), monthIndex(m[2]), Number(m[1])),
  },
  {
    re: new RegExp(`\\b${MONTH_EN}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, "gi"),
    resolve: (m) => abs(Number(m[3]), monthIndex(m[1]), Number(m[2])),
  },
  { re: new RegExp(`\\b${MONTH_EN}\\s+(\\d{4})\\b`, "gi"), resolve: (m) => absMonth(Number(m[2]), monthIndex(m[1])) },
  { re: /\bthe day before yesterday\b/gi, resolve: (_m, t) => dayRel(-2)(t) },
  { re: /\byesterday\b/gi, resolve: (_m, t) => dayRel(-1)(t) },
  { re: /\btoday\b/gi, resolve: (_m, t) => dayRel(0)(t) },
  { re: /\btomorrow\b/gi, resolve: (_m, t) => dayRel(1)(t) },
  { re: /\b(last|this|next)\s+(week|month|year)\b/gi, resolve: (m, t) => {
      const n = { last: -1, this: 0, next: 1 }[(m[1] ?? "").toLowerCase() as "last" | "this" | "next"];
      const unit = (m[2] ?? "").toLowerCase();
      return unit === "week" ? weekRel(n)(t) : unit === "month" ? monthRel(n)(t) : yearRel(n)(t);
    } },
  { re: /\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(day|week|month|year)s?\s+ago\b/gi, resolve: (m, t) => {
      const n = englishCount(m[1] ?? "");
      const unit = UNIT_EN[(m[2] ?? "").toLowerCase()];
      return n === undefined || unit === undefined ? undefined : agoRule(unit, n, -1, t);
    } },
  { re: /\bin\s+(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(day|week|month|year)s?\b/gi, resolve: (m, t) => {
      const n = englishCount(m[1] ?? "");
      const unit = UNIT_EN[(m[2] ?? "").toLowerCase()];
      return n === undefined || unit === undefined ? undefined : agoRule(unit, n, 1, t);
    } },
];

const EN_NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
function englishCount(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  if (w === "a" || w === "an") return 1;
  const i = EN_NUMBERS.indexOf(w);
  return i >= 0 ? i : undefined;
}

function monthIndex(name: string | undefined): number {
  const n = (name ?? "").toLowerCase().replace(/\.$/, "");
  return MONTHS_EN.findIndex((m) => m === n || m.slice(0, 3) === n) + 1;
}

function abs(y: number, m: number, d: number) {
  return realDay(y, m, d) ? { start: iso({ y, m, d }), granularity: "day" as const, relative: false } : undefined;
}

function absMonth(y: number, m: number) {
  return m >= 1 && m <= 12 ? { start: iso({ y, m, d: 1 }), granularity: "month" as const, relative: false } : undefined;
}

/**
 * Finds the dates a message mentions, absolute (2024年3月5日, 2024-03, March 2024) and relative
 * (上个月, 三天前, 去年, last week), resolved against `now` in the service's time zone (`offsetMinutes` east of UTC then).
 */
export function extractDates(text: string, now: Date, offsetMinutes: number): DateMention[] {
  const today = localDay(now, offsetMinutes);
  const taken: [number, number][] = [];
  const found: (DateMention & { at: number })[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) {
      const from = m.index;
      const to = from + m[0].length;
      if (taken.some(([a, b]) => from < b && to > a)) continue;
      const resolved = rule.resolve(m, today);
      if (!resolved) continue;
      taken.push([from, to]);
      found.push({ text: m[0], ...resolved, at: from });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...d }) => d);
}
