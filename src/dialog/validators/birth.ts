import { parseChineseNumber } from "../../nlu/entities/chinese-number.js";
import { canonicalise } from "../../nlu/normalise.js";
import { fail, ok, trimAnswer } from "./shared.js";
import type { SlotValidator, Validation } from "./types.js";

/**
 * The year and the month of a birth, as two slots: people often give the year alone ("她1978年的")
 * and the month when asked. Pure; reads 1975年3月, 75年3月, 一九七五年三月, 1975.3, 1975-03,
 * March 1975, 3/1975.
 */

const EARLIEST = 1930;
const LATEST = 2010;

const CN_DIGIT: Record<string, string> = { 〇: "0", 零: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };
const EN_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** 一九七五 → 1975: years are read digit by digit. */
const digitsOf = (text: string) => [...text].map((c) => CN_DIGIT[c] ?? c).join("");

interface Found {
  year?: number;
  month?: number;
}

function read(text: string): Found {
  const t = digitsOf(canonicalise(text));
  // 1975年3月 / 1975.3 / 1975-03 / 1975/3 / 1975年三月
  const full = /(?<!\d)(19\d\d|20[01]\d)\s*(?:年|[.\-/])\s*(\d{1,2}|十[一二]?|[一二三四五六七八九十])\s*(?:月|(?![\d.]))/u.exec(t);
  if (full?.[1] && full[2]) return { year: Number(full[1]), month: parseChineseNumber(full[2]) };
  // 3/1975, March 1975, born in Mar. 1975
  const en = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*(?:of\s*)?(19\d\d|20[01]\d)\b/i.exec(t);
  if (en?.[1] && en[2]) return { year: Number(en[2]), month: EN_MONTHS.indexOf(en[1].toLowerCase()) + 1 };
  const slash = /(?<!\d)(\d{1,2})\s*\/\s*(19\d\d|20[01]\d)(?!\d)/.exec(t);
  if (slash?.[1] && slash[2]) return { year: Number(slash[2]), month: Number(slash[1]) };
  const found: Found = {};
  // 1975年 / 1975出生 / born 1975 / 75年3月, 78年的 (two digits only where a birth is meant, not 交了15年的)
  const year = /(?<!\d)(19\d\d|20[01]\d)(?!\d)/.exec(t) ?? /(?<![\d.交缴了满够干作])(\d\d)\s*年\s*(?=\d{1,2}月|[一二三四五六七八九十]{1,2}月|出生|生|的)/u.exec(t);
  if (year?.[1]) {
    const n = Number(year[1]);
    found.year = n >= 100 ? n : n >= 30 ? 1900 + n : 2000 + n;
  }
  // 3月 / 三月份 (not 6个月, not 3月底交费 after a year of contributions: a lone month is a birth month only in answers)
  const month = /(?<![\d个])(\d{1,2}|十[一二]?|[一二三四五六七八九十])\s*月/u.exec(t.replace(/(19\d\d|20[01]\d)\s*年/u, ""));
  if (month?.[1]) found.month = parseChineseNumber(month[1]);
  const enMonth = /\b(january|february|march|april|may|june|july|august|september|october|november|december)\b/i.exec(t);
  if (!found.month && enMonth?.[1]) found.month = EN_MONTHS.indexOf(enMonth[1].slice(0, 3).toLowerCase()) + 1;
  return found;
}

const yearValidation = (year: number): Validation =>
  year < EARLIEST || year > LATEST
    ? fail(`出生年份请在${EARLIEST}到${LATEST}之间，例如 1975年。`, `Please give a birth year between ${EARLIEST} and ${LATEST}, e.g. 1975.`)
    : ok(String(year), `${year}`);

const monthValidation = (month: number): Validation =>
  month < 1 || month > 12 ? fail("月份请在1到12之间，例如 3月。", "Please give a month from 1 to 12, e.g. March.") : ok(String(month), `${month}`);

export const birthYear: SlotValidator = {
  kind: "birth_year",
  sensitive: false,
  validate(answer) {
    const whole = /^\d{4}$/.test(trimAnswer(answer)) ? { year: Number(trimAnswer(answer)) } : read(answer);
    return whole.year !== undefined ? yearValidation(whole.year) : fail("请告诉我出生年份，例如 1975年。", "Please tell me the year of birth, e.g. 1975.");
  },
  extract(message) {
    const found = read(message).year;
    return found === undefined ? undefined : yearValidation(found);
  },
};

export const birthMonth: SlotValidator = {
  kind: "birth_month",
  sensitive: false,
  validate(answer) {
    const bare = trimAnswer(answer);
    const whole = /^\d{1,2}$/.test(bare) ? { month: Number(bare) } : read(answer);
    return whole.month !== undefined ? monthValidation(whole.month) : fail("请告诉我出生月份，例如 3月。", "Please tell me the month of birth, e.g. March or 3.");
  },
  extract(message) {
    const found = read(message).month;
    return found === undefined ? undefined : monthValidation(found);
  },
};
