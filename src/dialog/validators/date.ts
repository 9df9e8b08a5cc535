import { DEFAULT_TIME_ZONE, localDate } from "../../domain/local-time.js";
import type { DateMention } from "../../nlu/entities/dates.js";
import { extractEntities } from "../../nlu/entities/index.js";
import { canonicalise } from "../../nlu/normalise.js";
import { fail, ok } from "./shared.js";
import type { SlotValidator, Text, Validation, ValidationContext } from "./types.js";

export interface DateRules {
  /** Reject dates after today (a separation date). */
  notFuture?: boolean;
  /** Reject dates before today (an appointment). */
  notPast?: boolean;
  /** Reject dates more than this many days before today. */
  maxPastDays?: number;
}

const DAY_MS = 86_400_000;
const PRECISION = { day: 0, week: 1, month: 2, year: 3 } as const;

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoOf = (t: Date) => t.toISOString().slice(0, 10);
const addDays = (iso: string, n: number) => isoOf(new Date(utc(iso).getTime() + n * DAY_MS));

/** Today in the service's time zone, where the citizen's calendar is. */
function today(ctx: ValidationContext): string {
  return localDate(ctx.now, ctx.timeZone ?? DEFAULT_TIME_ZONE);
}

/** The last day of the period a mention names (the period starts at `start`). */
function periodEnd(d: DateMention): string {
  if (d.granularity === "week") return addDays(d.start, 6);
  if (d.granularity === "month") {
    const t = utc(d.start);
    return isoOf(new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)));
  }
  return d.start;
}

const EN_DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
const EN_MONTH = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" });

function dayText(iso: string): Text {
  const [y, m, d] = iso.split("-").map(Number);
  return { zh: `${y}年${m}月${d}日`, en: EN_DAY.format(utc(iso)) };
}

/** How a mention is shown back: the period it names, not a made-up day (2026年10月 / October 2026). */
function describe(d: DateMention): Text {
  if (d.granularity === "month") {
    const [y, m] = d.start.split("-").map(Number);
    return { zh: `${y}年${m}月`, en: EN_MONTH.format(utc(d.start)) };
  }
  const day = dayText(d.start);
  if (d.granularity === "week") return { zh: `${day.zh}那一周`, en: `the week of ${day.en}` };
  return day;
}

function checkMention(d: DateMention, rules: DateRules, ctx: ValidationContext): Validation {
  const shown = describe(d);
  const now = today(ctx);
  if (rules.notFuture && d.start > now) {
    return fail(`${shown.zh}还没到。请说一个今天或以前的日期。`, `${shown.en} is still to come. Please give a date up to today.`);
  }
  if (rules.notPast && periodEnd(d) < now) {
    return fail(`${shown.zh}已经过去了。请说今天或以后的日期。`, `${shown.en} has passed. Please give today or a later date.`);
  }
  if (rules.maxPastDays !== undefined) {
    const earliest = addDays(now, -rules.maxPastDays);
    // The stored value (the period's start) is what later rules read, so it is what must be recent enough.
    if (d.start < earliest) {
      const from = dayText(earliest);
      return fail(
        `${shown.zh}距今已超过${rules.maxPastDays}天，只能选${from.zh}以后的日期。`,
        `${shown.en} is more than ${rules.maxPastDays} days ago; the date must be ${from.en} or later.`,
      );
    }
  }
  return ok(d.start, shown[ctx.locale]);
}

function fromText(text: string, rules: DateRules, ctx: ValidationContext): Validation | undefined {
  // extractEntities reads dates with ID, card and phone numbers blanked out, so 19491231 inside an
  // ID number is not taken for a date the citizen mentioned.
  const mentions = extractEntities(canonicalise(text), ctx.now, ctx.timeZone).filter((e): e is DateMention & { type: "date" } => e.type === "date");
  if (mentions.length === 0) return undefined;
  // 2026年10月31日，也就是上个月底: the most precise mention is the answer; precise ones must agree.
  const finest = Math.min(...mentions.map((m) => PRECISION[m.granularity]));
  const best = mentions.filter((m) => PRECISION[m.granularity] === finest);
  const distinct = [...new Map(best.map((m) => [m.start, m])).values()];
  if (distinct.length > 1) {
    const list = distinct.map(describe);
    return fail(
      `您提到了不止一个日期（${list.map((t) => t.zh).join("、")}），请只说一个日期。`,
      `You mentioned more than one date (${list.map((t) => t.en).join(", ")}); please give just one.`,
    );
  }
  const [mention] = distinct;
  if (!mention) return undefined;
  if (mention.granularity === "year") {
    return fail(
      "请说得具体一些，至少到月份，例如“2025年3月”或“2025年3月5日”。",
      "Please be more precise, to the month at least, e.g. “March 2025” or “5 March 2025”.",
    );
  }
  return checkMention(mention, rules, ctx);
}

/**
 * A calendar date, absolute (2024年3月5日, 2024-03-05, 3月5号) or relative (昨天, 上个月, 三天前,
 * last week), stored as ISO yyyy-mm-dd; a month or week is stored as its first day.
 */
export function date(rules: DateRules = {}): SlotValidator {
  return {
    kind: "date",
    sensitive: false,
    validate(answer, ctx) {
      const example = dayText(today(ctx));
      return (
        fromText(answer, rules, ctx) ??
        fail(
          `没看懂这个日期。请按“${example.zh}”这样输入，也可以说“昨天”“上个月”“三天前”。`,
          `I could not read that date. Please type it like “${example.en}”, or say “yesterday”, “last month”, “three days ago”.`,
        )
      );
    },
    extract(message, ctx) {
      return fromText(message, rules, ctx);
    },
  };
}
