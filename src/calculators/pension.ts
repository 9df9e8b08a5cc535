import type { Assumption } from "./assumption.js";
import { roundToFen } from "./money.js";
import { type Divisor, personalAccountDivisor } from "./personal-account-divisor.js";
import { amount, age as checkedAge, record, refuse } from "./validate.js";
import type { Age } from "./year-month.js";

/**
 * An estimate of the monthly employee basic pension (城镇职工基本养老金) under 国发〔2005〕38号:
 * basic pension + personal-account pension. The transitional pension for years before the personal
 * accounts (过渡性养老金) and local supplements are left out, so the result is a floor, not a quote.
 */

export interface PensionEstimateInput {
  /** Age at retirement; with months after the 2024 decision (60岁1个月). */
  retirementAge: Age;
  /** Cumulative contribution years, deemed years included; fractions count (25.5 years). */
  contributionYears: number;
  /** The citizen's average contribution index (本人平均缴费工资指数), 1.0 = the average wage. */
  averageContributionIndex: number;
  /** Personal account balance at retirement, yuan. */
  personalAccountBalance: number;
  /** The local average monthly wage used for pensions (计发基数), yuan, set by the bureau. */
  localAverageMonthlyWage: number;
}

export interface PensionEstimate {
  /** Always true: the agency's calculation at retirement is the only binding figure. */
  estimate: true;
  /** Yuan a month, rounded to the fen. */
  basicPension: number;
  personalAccountPension: number;
  total: number;
  divisor: Pick<Divisor, "months" | "method">;
  /** Whether the years reach the minimum for a monthly pension (15, rising to 20 from 2030). */
  minimumYears: "met" | "not-met" | "depends-on-retirement-year";
  input: PensionEstimateInput;
  assumptions: Assumption[];
}

/** People may start work at 16 (劳动法 第十五条): more years than that leaves is a typing mistake. */
const EARLIEST_WORKING_AGE = 16;
/** The contribution base is capped at 300 % of the average wage, so the average index cannot pass 3. */
const HIGHEST_INDEX = 3;

const ASSUME_FORMULA: Assumption = {
  id: "pension.formula",
  zh: "基础养老金 =（当地计发基数 + 本人指数化月平均缴费工资）÷ 2 × 缴费年限 × 1%；个人账户养老金 = 个人账户储存额 ÷ 计发月数。",
  en: "Basic pension = (local average wage + own indexed average wage) / 2 × contribution years × 1 %; personal-account pension = account balance / divisor.",
};
const ASSUME_ESTIMATE: Assumption = {
  id: "pension.estimate-only",
  zh: "仅为估算：未含过渡性养老金和地方补贴，账户余额和计发基数按所填数字；以社保经办机构核定为准。",
  en: "An estimate only: no transitional pension or local supplements; the balance and the local wage are as entered. The agency's calculation at retirement prevails.",
};
const ASSUME_BELOW_MINIMUM: Assumption = {
  id: "pension.below-minimum-years",
  zh: "缴费年限不足最低缴费年限的，不能按月领取基本养老金，可延长缴费、一次性缴费或转入城乡居民养老保险。",
  en: "Below the minimum contribution years no monthly pension is paid; one may keep contributing, pay once, or transfer to the residents' scheme.",
};

const ASSUME_CHECK_MINIMUM: Assumption = {
  id: "pension.check-minimum-for-year",
  zh: "最低缴费年限2029年前为15年，2030年起每年提高6个月，2039年达到20年，请按退休年份核对。",
  en: "The minimum is 15 years until 2029 and rises by six months a year from 2030 to 20 in 2039: check it for the retirement year.",
};

function minimumYears(years: number): PensionEstimate["minimumYears"] {
  if (years < 15) return "not-met";
  return years >= 20 ? "met" : "depends-on-retirement-year";
}

/**
 * Pure: the estimate and every input it used. Refuses negative amounts, an index above 3, more
 * contribution years than the retirement age allows, and ages outside the divisor table (40-70).
 */
export function estimatePension(input: PensionEstimateInput): PensionEstimate {
  const given = record("input", input);
  const retirementAge = checkedAge("retirementAge", given.retirementAge, 0, 150);
  const divisor = personalAccountDivisor(retirementAge);
  const mostYears = retirementAge.years + retirementAge.months / 12 - EARLIEST_WORKING_AGE;
  const contributionYears = amount("contributionYears", given.contributionYears, { min: 0 });
  if (contributionYears > mostYears) {
    refuse(
      "contributionYears",
      `cannot exceed the years since age ${EARLIEST_WORKING_AGE} (${mostYears.toFixed(1)})`,
    );
  }
  const index = amount("averageContributionIndex", given.averageContributionIndex, {
    min: 0,
    max: HIGHEST_INDEX,
  });
  const balance = amount("personalAccountBalance", given.personalAccountBalance, { min: 0 });
  const wage = amount("localAverageMonthlyWage", given.localAverageMonthlyWage, { above: 0 });

  // (wage + wage × index) / 2 × years × 1 %, in one division so no step rounds on its own.
  const basicPension = roundToFen((wage * (1 + index) * contributionYears) / 200);
  const personalAccountPension = roundToFen(balance / divisor.months);
  const minimum = minimumYears(contributionYears);
  return {
    estimate: true,
    basicPension,
    personalAccountPension,
    total: roundToFen(basicPension + personalAccountPension),
    divisor: { months: divisor.months, method: divisor.method },
    minimumYears: minimum,
    input: {
      retirementAge,
      contributionYears,
      averageContributionIndex: index,
      personalAccountBalance: balance,
      localAverageMonthlyWage: wage,
    },
    assumptions: [
      ASSUME_FORMULA,
      ...divisor.assumptions,
      ASSUME_ESTIMATE,
      ...(minimum === "not-met" ? [ASSUME_BELOW_MINIMUM] : []),
      ...(minimum === "depends-on-retirement-year" ? [ASSUME_CHECK_MINIMUM] : []),
    ],
  };
}
