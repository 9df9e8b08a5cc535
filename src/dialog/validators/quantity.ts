import { extractAmounts } from "../../nlu/entities/amount.js";
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from "../../nlu/entities/chinese-number.js";
import { canonicalise } from "../../nlu/normalise.js";
import { fail, ok, trimAnswer } from "./shared.js";
import type { SlotValidator, Text, Validation } from "./types.js";

/** Counts and amounts a calculator asks for: years of contributions, yuan, days. Pure. */

const NUM = `(\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}半]+)`;
/** Years, 15年6个月, 十年半; a year of birth (1975年, 75年3月, 65年出生) is not a count of years. */
const YEARS_ZH = new RegExp(`(?<![\\d.])${NUM}\\s*(?:年|个年头)(半)?(?:\\s*(?:零)?${NUM}\\s*个?月)?(?!\\s*(?:\\d{1,2}月|[一二三四五六七八九十]{1,2}月|出生|生|的人))`, "gu");
/** 8千, 1.2万, 8k. */
const SCALED_YUAN = new RegExp(`(?<![\\d.])${NUM}\\s*(万|千|k)(?![a-z])`, "iu");
/** 98天, 一百一十三天, 158 days. */
const DAYS = new RegExp(`${NUM}\\s*(?:天|日|days?\\b)`, "iu");

/** 十五 → 15, 十年半's 十 + 半 → 10.5. */
function number(raw: string): number | undefined {
  if (!raw.endsWith("半")) return parseChineseNumber(raw);
  if (raw === "半") return 0.5;
  const whole = parseChineseNumber(raw.slice(0, -1));
  return whole === undefined ? undefined : whole + 0.5;
}

/** Years with optional months: 15年, 十五年, 15年6个月, 十年半, 15 years, 15. */
function yearsIn(text: string, whole: boolean): number | undefined {
  const t = canonicalise(text);
  for (const m of t.matchAll(YEARS_ZH)) {
    if (!m[1] || /^\d{4}$/.test(m[1]) || /^[一二三四五六七八九〇零]{4}$/.test(m[1])) continue;
    const y = number(m[1]);
    const months = m[3] ? number(m[3]) : m[2] ? 6 : 0;
    if (y !== undefined && months !== undefined) return y + months / 12;
  }
  const en = /(\d+(?:\.\d+)?)\s*(?:years?|yrs?)\b/i.exec(t);
  if (en?.[1]) return Number(en[1]);
  const bare = trimAnswer(t);
  return whole && /^\d+(?:\.\d+)?$/.test(bare) ? Number(bare) : undefined;
}

export interface CountRules {
  min: number;
  max: number;
  /** What the number counts, for the reason shown on a bad answer. */
  what: Text;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function checked(n: number, rules: CountRules, unit: Text, locale: keyof Text): Validation {
  if (n < rules.min || n > rules.max) {
    return fail(
      `${rules.what.zh}请在${rules.min}到${rules.max}${unit.zh}之间。`,
      `${rules.what.en} should be between ${rules.min} and ${rules.max} ${unit.en}.`,
    );
  }
  return ok(String(round2(n)), locale === "zh" ? `${round2(n)}${unit.zh}` : `${round2(n)} ${unit.en}`);
}

/** A number of years (contributions, service); fractions allowed (15年6个月 = 15.5). */
export function years(rules: CountRules): SlotValidator {
  const unit = { zh: "年", en: "years" };
  return {
    kind: "years",
    sensitive: false,
    validate(answer, ctx) {
      const n = yearsIn(answer, true);
      return n === undefined ? fail(`请告诉我${rules.what.zh}，例如 15年。`, `Please tell me ${rules.what.en.toLowerCase()}, e.g. 15 years.`) : checked(n, rules, unit, ctx.locale);
    },
    extract(message, ctx) {
      const n = yearsIn(message, false);
      return n === undefined ? undefined : checked(n, rules, unit, ctx.locale);
    },
  };
}

/** An amount in yuan: 8000, 8000元, 8千, 1.2万, ¥8,000, 8k; `unknown` words give its value; `cue` must be in a longer message. */
export function yuan(rules: CountRules & { unknown?: { value: number; display: Text }; cue?: RegExp }): SlotValidator {
  const unit = { zh: "元", en: "yuan" };
  const unknown = /不知道|不清楚|不晓得|没查过|忘了|don'?t know|not sure|no idea/i;
  const fallback = (locale: keyof Text): Validation | undefined => (rules.unknown ? ok(String(rules.unknown.value), rules.unknown.display[locale]) : undefined);
  // 平均工资7500: a plain number right after the word for what it is; also across the comma of a
  // correction (工资说错了，是8500), never across a clause that is not one.
  const cued = rules.cue
    ? new RegExp(`(?:${rules.cue.source})[^\\d，。,;；]{0,6}(?:[，,]\\s*(?:应该|其实|实际上?)?是\\s*)?(\\d[\\d,]*(?:\\.\\d+)?)`, "iu")
    : undefined;
  const read = (text: string, whole: boolean): number | undefined => {
    const t = canonicalise(text);
    const [first] = extractAmounts(t);
    if (first) return first.value;
    const scaled = SCALED_YUAN.exec(t);
    if (scaled?.[1]) {
      const n = parseChineseNumber(scaled[1]);
      return n === undefined ? undefined : n * ((scaled[2] ?? "").toLowerCase() === "万" ? 1e4 : 1e3);
    }
    const bare = trimAnswer(t).replace(/,/g, "");
    if (whole && /^\d+(?:\.\d+)?$/.test(bare)) return Number(bare);
    const after = cued?.exec(t);
    return after?.[1] ? Number(after[1].replace(/,/g, "")) : undefined;
  };
  return {
    kind: "yuan",
    sensitive: false,
    validate(answer, ctx) {
      if (unknown.test(answer)) return fallback(ctx.locale) ?? fail(`请告诉我${rules.what.zh}（大概的数字也可以）。`, `Please tell me ${rules.what.en.toLowerCase()} (a rough figure will do).`);
      const n = read(answer, true);
      return n === undefined ? fail(`请告诉我${rules.what.zh}，例如 8000元。`, `Please tell me ${rules.what.en.toLowerCase()}, e.g. 8000 yuan.`) : checked(n, rules, unit, ctx.locale);
    },
    extract(message, ctx) {
      // Inside a longer message an amount counts only next to what it is (工资8000, not 发了5000元).
      if (rules.cue && !rules.cue.test(message)) return undefined;
      const n = read(message, false);
      return n === undefined ? undefined : checked(n, rules, unit, ctx.locale);
    },
  };
}

/** Whole days (98天, 一百一十三天, 158 days); `unknown` words give `fallback`. */
export function days(rules: CountRules & { unknown: { value: number; display: Text } }): SlotValidator {
  const unit = { zh: "天", en: "days" };
  const unknown = /不知道|不清楚|不晓得|默认|国家规定|don'?t know|not sure|default/i;
  const read = (text: string, whole: boolean): number | undefined => {
    const t = canonicalise(text);
    const m = DAYS.exec(t);
    if (m?.[1]) return parseChineseNumber(m[1]);
    const bare = trimAnswer(t);
    return whole && /^\d+$/.test(bare) ? Number(bare) : undefined;
  };
  return {
    kind: "days",
    sensitive: false,
    validate(answer, ctx) {
      if (unknown.test(answer)) return ok(String(rules.unknown.value), rules.unknown.display[ctx.locale]);
      const n = read(answer, true);
      if (n === undefined || !Number.isInteger(n)) return fail(`请告诉我${rules.what.zh}，例如 98天。`, `Please tell me ${rules.what.en.toLowerCase()}, e.g. 98 days.`);
      return checked(n, rules, unit, ctx.locale);
    },
    extract(message, ctx) {
      const n = read(message, false);
      return n === undefined || !Number.isInteger(n) ? undefined : checked(n, rules, unit, ctx.locale);
    },
  };
}
