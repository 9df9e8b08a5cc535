import type { Assumption } from "./assumption.js";
import { amount, record, refuse, yearMonth } from "./validate.js";
import { type YearMonth, addMonths, monthIndex, monthsBetween } from "./year-month.js";

/**
 * How long unemployment benefit (失业保险金) is paid: the maximum by contribution years
 * (社会保险法 第四十六条), and from 2025 the rule for claimants near retirement (the 2024 NPC
 * decision's measures, art. 7): within one year of the statutory retirement age, it is paid until
 * that age. The amount is a local figure and is not computed here.
 */

export type ContributionBand = "under-1" | "1-5" | "5-10" | "10-plus";

export interface UnemploymentBenefitMonths {
  contributionYears: number;
  band: ContributionBand;
  /** At least one year of contributions by employer and employee (社会保险法 第四十五条). */
  eligible: boolean;
  /** The longest the benefit may be paid: 0, 12, 18 or 24 months. */
  maxMonths: 0 | 12 | 18 | 24;
  assumptions: Assumption[];
}

/** More contribution years than a working life is a typing mistake. */
const MOST_CONTRIBUTION_YEARS = 60;
/** The near-retirement rule took effect on 2025-01-01: earlier benefit months are not extended. */
const NEAR_RETIREMENT_RULE_FROM: YearMonth = { year: 2025, month: 1 };
/** "Within one year" of the statutory age. */
const NEAR_RETIREMENT_MONTHS = 12;

const ASSUME_MAXIMUM: Assumption = {
  id: "unemployment.maximum-by-years",
  zh: "累计缴费满1年不足5年最长12个月，满5年不足10年最长18个月，10年以上最长24个月；各地可在此范围内按缴费年限细化。",
  en: "1 to under 5 years of contributions: up to 12 months; 5 to under 10: up to 18; 10 or more: up to 24. Provinces may set months by years within these limits.",
};
const ASSUME_OTHER_CONDITIONS: Assumption = {
  id: "unemployment.other-conditions",
  zh: "还须非因本人意愿中断就业，并已办理失业登记、有求职要求；金额由当地确定。",
  en: "The job must also have ended against the worker's will, and the worker must be registered as unemployed and seeking work; the amount is set locally.",
};
const ASSUME_NEAR_RETIREMENT: Assumption = {
  id: "unemployment.near-retirement",
  zh: "自2025年1月1日起，领取期满时距法定退休年龄不足1年的，延长领取至达到法定退休年龄的当月（按月计算；具体月份以当地经办机构为准）。",
  en: "From 2025-01-01, a claimant less than one year from the statutory retirement age when the ordinary period ends keeps receiving it up to the month that age is reached (counted in months; the local agency sets the exact month).",
};
const ASSUME_STOPS_AT_PENSION: Assumption = {
  id: "unemployment.stops-at-pension",
  zh: "领取期间达到法定退休年龄、开始领取基本养老金的，停止领取失业保险金。",
  en: "Benefit stops when the claimant reaches the statutory age and starts drawing a pension.",
};

function band(years: number): { band: ContributionBand; maxMonths: UnemploymentBenefitMonths["maxMonths"] } {
  if (years < 1) return { band: "under-1", maxMonths: 0 };
  if (years < 5) return { band: "1-5", maxMonths: 12 };
  if (years < 10) return { band: "5-10", maxMonths: 18 };
  return { band: "10-plus", maxMonths: 24 };
}

/** Pure: the longest benefit period for cumulative contribution years (fractions count). */
export function unemploymentBenefitMonths(contributionYears: number): UnemploymentBenefitMonths {
  const years = amount("contributionYears", contributionYears, { min: 0, max: MOST_CONTRIBUTION_YEARS });
  const { band: b, maxMonths } = band(years);
  return {
    contributionYears: years,
    band: b,
    eligible: maxMonths > 0,
    maxMonths,
    assumptions: [ASSUME_MAXIMUM, ASSUME_OTHER_CONDITIONS],
  };
}

export interface UnemploymentBenefitPeriodInput {
  contributionYears: number;
  /** The first month benefit is paid. */
  claimStart: YearMonth;
  /** The month the claimant reaches the statutory retirement age (statutoryRetirement(...).statutory.at). */
  statutoryRetirement: YearMonth;
}

/**
 * How the near-retirement rule bears on one claim: `extended` (paid until the statutory age),
 * `ends-at-retirement` (the age comes within the ordinary period), `not-near`, `before-2025` (the
 * ordinary period ended before the rule), or `not-eligible`.
 */
export type NearRetirement = "extended" | "ends-at-retirement" | "not-near" | "before-2025" | "not-eligible";

export interface UnemploymentBenefitPeriod {
  input: UnemploymentBenefitPeriodInput;
  ordinary: UnemploymentBenefitMonths;
  /** Last month of the ordinary 12/18/24-month period; null when not eligible. */
  ordinaryLastMonth: YearMonth | null;
  nearRetirement: NearRetirement;
  /** Last month benefit is paid, all rules applied; null when not eligible. */
  lastMonth: YearMonth | null;
  monthsPayable: number;
  assumptions: Assumption[];
}

/**
 * Pure: the benefit period of one claim, from its first month to its last, with the near-retirement
 * rule applied. Refuses a claim starting in or after the statutory retirement month.
 */
export function unemploymentBenefitPeriod(input: UnemploymentBenefitPeriodInput): UnemploymentBenefitPeriod {
  const given = record("input", input);
  const ordinary = unemploymentBenefitMonths(given.contributionYears as number);
  const claimStart = yearMonth("claimStart", given.claimStart);
  const retirement = yearMonth("statutoryRetirement", given.statutoryRetirement);
  if (monthsBetween(claimStart, retirement) <= 0) {
    refuse(
      "claimStart",
      "must be before the statutory retirement month: from then on the pension rules apply",
    );
  }
  const echo = { contributionYears: ordinary.contributionYears, claimStart, statutoryRetirement: retirement };
  const assumptions = [...ordinary.assumptions, ASSUME_NEAR_RETIREMENT, ASSUME_STOPS_AT_PENSION];
  if (!ordinary.eligible) {
    const none = { ordinaryLastMonth: null, lastMonth: null, monthsPayable: 0 };
    return { input: echo, ordinary, ...none, nearRetirement: "not-eligible", assumptions };
  }
  const ordinaryLast = addMonths(claimStart, ordinary.maxMonths - 1);
  const outcome = (nearRetirement: NearRetirement, last: YearMonth): UnemploymentBenefitPeriod => ({
    input: echo,
    ordinary,
    ordinaryLastMonth: ordinaryLast,
    nearRetirement,
    lastMonth: last,
    monthsPayable: monthsBetween(claimStart, last) + 1,
    assumptions,
  });
  if (monthIndex(retirement) <= monthIndex(ordinaryLast)) return outcome("ends-at-retirement", retirement);
  if (monthIndex(ordinaryLast) < monthIndex(NEAR_RETIREMENT_RULE_FROM))
    return outcome("before-2025", ordinaryLast);
  // Measured when the ordinary period runs out, i.e. at the month after its last one.
  const monthsLeftAtExpiry = monthsBetween(addMonths(ordinaryLast, 1), retirement);
  return monthsLeftAtExpiry < NEAR_RETIREMENT_MONTHS
    ? outcome("extended", retirement)
    : outcome("not-near", ordinaryLast);
}
