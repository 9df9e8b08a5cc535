import type { Assumption } from "./assumption.js";
import { yearMonth } from "./validate.js";
import type { YearMonth } from "./year-month.js";

/**
 * The minimum contribution period for a monthly employee pension, by the year of retirement: 15
 * years (社会保险法 第十六条) until 2029; from 2030-01-01 six months more each year, up to 20 years
 * in 2039 (the 2024 NPC decision's measures, art. 2, and the table of rising minimum years annexed
 * to them).
 */

const BASE_MONTHS = 15 * 12;
const TARGET_MONTHS = 20 * 12;
const FIRST_RISING_YEAR = 2030;
const MONTHS_ADDED_PER_YEAR = 6;

export interface MinimumContribution {
  retirement: YearMonth;
  /** The minimum in months (186 for 15 years 6 months): compare with contribution months. */
  totalMonths: number;
  /** The same as the tables write it: 15 years 6 months. */
  years: number;
  months: number;
  assumptions: Assumption[];
}

const ASSUME_BY_YEAR: Assumption = {
  id: "minimum-years.by-retirement-year",
  zh: "最低缴费年限按达到法定退休年龄的年份确定（2030年起每年提高6个月，2039年达到20年）。",
  en: "The minimum depends on the year the statutory retirement age is reached (six months more each year from 2030, 20 years from 2039).",
};
const ASSUME_TOP_UP: Assumption = {
  id: "minimum-years.top-up",
  zh: "达到法定退休年龄时不满最低缴费年限的，可以延长缴费或者一次性缴费至最低缴费年限。",
  en: "Someone short of the minimum at the statutory age may keep contributing or pay once to reach it.",
};
const ASSUME_OLD_RULES: Assumption = {
  id: "minimum-years.older-rules-not-modelled",
  zh: "2011年社会保险法施行之前的过渡规定未计入，按15年计算。",
  en: "Transitional rules from before the Social Insurance Law (2011) are not modelled; 15 years is used.",
};

/** Pure: the minimum for a retirement month; refuses a month outside 1-12 or a year outside 1900-2100. */
export function minimumContributionYears(retirement: YearMonth): MinimumContribution {
  const at = yearMonth("retirement", retirement);
  const risingYears = Math.max(0, at.year - FIRST_RISING_YEAR + 1);
  const totalMonths = Math.min(TARGET_MONTHS, BASE_MONTHS + risingYears * MONTHS_ADDED_PER_YEAR);
  return {
    retirement: at,
    totalMonths,
    years: Math.floor(totalMonths / 12),
    months: totalMonths % 12,
    assumptions:
      at.year < 2011 ? [ASSUME_BY_YEAR, ASSUME_TOP_UP, ASSUME_OLD_RULES] : [ASSUME_BY_YEAR, ASSUME_TOP_UP],
  };
}
