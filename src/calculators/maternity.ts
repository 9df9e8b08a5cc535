import type { Assumption } from "./assumption.js";
import { roundToFen } from "./money.js";
import { amount, record, wholeNumber } from "./validate.js";

/**
 * Maternity allowance (生育津贴): the employer's average monthly wage of the previous year divided
 * by 30, times the days of leave (社会保险法 第五十六条 sets the base; the daily rate and the leave
 * days follow provincial rules).
 */

export interface MaternityAllowanceInput {
  /** The employer's average monthly wage of the previous year (用人单位上年度职工月平均工资), yuan. */
  employerAverageMonthlyWage: number;
  /** Days of maternity leave: 98 nationally, more by provincial rules and for difficult births. */
  leaveDays: number;
}

export interface MaternityAllowance {
  /** Yuan, rounded to the fen, computed on the unrounded daily rate. */
  amount: number;
  /** Yuan a day, rounded to the fen, for display. */
  dailyRate: number;
  input: MaternityAllowanceInput;
  assumptions: Assumption[];
}

/** Days in a "month" for the daily rate: common local practice, not a national rule. */
const DAYS_PER_MONTH = 30;
/** A leave longer than a year is a typing mistake under any provincial rule. */
const MOST_LEAVE_DAYS = 365;

const ASSUME_DIVIDE_BY_30: Assumption = {
  id: "maternity.divide-by-30",
  zh: "日津贴按月平均工资除以30计算，这是各地常见做法，个别地区不同，以当地规定为准。",
  en: "The daily rate is the monthly wage divided by 30, the common local practice; a few places differ, and local rules prevail.",
};
const ASSUME_LEAVE_DAYS: Assumption = {
  id: "maternity.leave-days",
  zh: "国家规定产假98天，难产、多胞胎增加，各省另有延长；按所填天数计算。",
  en: "National maternity leave is 98 days, more for difficult or multiple births, and provinces add days; the days entered are used.",
};
const ASSUME_WAGE_BASE: Assumption = {
  id: "maternity.employer-average-wage",
  zh: "以用人单位上年度职工月平均工资为基数，按所填数字计算，不是本人工资。",
  en: "The base is the employer's average monthly wage of the previous year, as entered, not the worker's own wage.",
};

/** Pure: the allowance for a wage and a number of leave days; refuses a wage of 0 or less and fractional days. */
export function maternityAllowance(input: MaternityAllowanceInput): MaternityAllowance {
  const given = record("input", input);
  const wage = amount("employerAverageMonthlyWage", given.employerAverageMonthlyWage, { above: 0 });
  const leaveDays = wholeNumber("leaveDays", given.leaveDays, 1, MOST_LEAVE_DAYS);
  return {
    amount: roundToFen((wage * leaveDays) / DAYS_PER_MONTH),
    dailyRate: roundToFen(wage / DAYS_PER_MONTH),
    input: { employerAverageMonthlyWage: wage, leaveDays },
    assumptions: [ASSUME_DIVIDE_BY_30, ASSUME_LEAVE_DAYS, ASSUME_WAGE_BASE],
  };
}
