import type { Assumption } from "./assumption.js";
import { oneOf, record, refuse, yearMonth } from "./validate.js";
import {
  type Age,
  type AgeAt,
  type YearMonth,
  ageFromMonths,
  ageInMonths,
  monthsBetween,
  reachedAt,
} from "./year-month.js";

/**
 * The statutory retirement age after the gradual delay decided by the NPC Standing Committee on
 * 2024-09-13 (全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定, in force 2025-01-01), and
 * the flexible window around it (人社部发〔2024〕94号, 弹性退休制度暂行办法).
 */

export type Sex = "male" | "female";

/**
 * The original statutory age group: men 60; women cadres (女干部, and others whose original age was
 * 55) 55; women workers (女工人) 50. Sex alone does not decide it, so the citizen is asked.
 */
export type RetirementCategory = "male" | "female-55" | "female-50";

export interface StatutoryRetirementInput {
  sex: Sex;
  category: RetirementCategory;
  /** Month of birth as recorded in the personnel file (档案), which wins over the ID card. */
  born: YearMonth;
}

/** The pace of one annexed table of the decision. */
interface CohortRule {
  /** Which annexed table of the decision this reproduces. */
  annex: "附件1" | "附件2" | "附件3";
  originalAge: number;
  /** The first birth month whose age is delayed; everyone born earlier keeps the original age. */
  firstCohort: YearMonth;
  /** Months of birth that share one more month of delay (4 for men and 55-year women, 2 for 50). */
  birthMonthsPerStep: number;
  maxDelayMonths: number;
}

const RULES: Record<RetirementCategory, CohortRule> = {
  male: {
    annex: "附件1",
    originalAge: 60,
    firstCohort: { year: 1965, month: 1 },
    birthMonthsPerStep: 4,
    maxDelayMonths: 36,
  },
  "female-55": {
    annex: "附件2",
    originalAge: 55,
    firstCohort: { year: 1970, month: 1 },
    birthMonthsPerStep: 4,
    maxDelayMonths: 36,
  },
  "female-50": {
    annex: "附件3",
    originalAge: 50,
    firstCohort: { year: 1975, month: 1 },
    birthMonthsPerStep: 2,
    maxDelayMonths: 60,
  },
};

/** Flexible retirement moves the date by at most this much either way (人社部发〔2024〕94号). */
const FLEXIBLE_MONTHS = 36;

/** Where a birth month falls in its table: before the reform, on the gradual slope, or at the cap. */
export type CohortPhase = "before-reform" | "gradual" | "capped";

export type FlexibleRetirement =
  | {
      available: true;
      /** Voluntary early retirement: 3 years before the new age at most, never before the original age. */
      earliest: AgeAt;
      /** Later retirement agreed with the employer: 3 years after the new age at most. */
      latest: AgeAt;
    }
  | { available: false; reason: "retired-before-reform" };

export interface StatutoryRetirement {
  input: StatutoryRetirementInput;
  /** The annexed table the result reproduces. */
  annex: CohortRule["annex"];
  phase: CohortPhase;
  original: AgeAt;
  /** The new statutory age and the month it is reached: the statutory retirement month. */
  statutory: AgeAt;
  delayMonths: number;
  flexible: FlexibleRetirement;
  assumptions: Assumption[];
}

const ASSUME_BIRTH_MONTH: Assumption = {
  id: "retirement.birth-month-from-file",
  zh: "出生年月以本人档案记载为准（档案与身份证不一致时，以档案最早记载为准）。",
  en: "The month of birth is the one in the personnel file (where it differs from the ID card, the earliest date in the file applies).",
};
const ASSUME_MONTH_COUNTING: Assumption = {
  id: "retirement.month-counting",
  zh: "按决定所附对照表，以出生月份加上法定退休年龄得出退休年月。",
  en: "As in the decision's annexed tables, the retirement month is the birth month plus the statutory age.",
};
const ASSUME_FLEXIBLE: Assumption = {
  id: "retirement.flexible-conditions",
  zh: "弹性提前退休须已达到最低缴费年限并由本人申请；弹性延迟退休须与单位协商一致。特殊工种、病退等提前退休不在此计算之内。",
  en: "Flexible early retirement requires the minimum contribution years and the worker's own application; later retirement requires the employer's agreement. Early retirement for special job types or illness is not covered here.",
};
const ASSUME_BEFORE_REFORM: Assumption = {
  id: "retirement.before-reform",
  zh: "出生于首个延迟批次之前，按原法定退休年龄退休，不涉及弹性退休。",
  en: "Born before the first delayed cohort: the original statutory age applies and flexible retirement does not.",
};

/** Months of delay for a birth month: one more per step of birth months from the first cohort, capped. */
function delayFor(rule: CohortRule, born: YearMonth): { delay: number; phase: CohortPhase } {
  const sinceFirst = monthsBetween(rule.firstCohort, born);
  if (sinceFirst < 0) return { delay: 0, phase: "before-reform" };
  const delay = Math.floor(sinceFirst / rule.birthMonthsPerStep) + 1;
  return delay >= rule.maxDelayMonths
    ? { delay: rule.maxDelayMonths, phase: "capped" }
    : { delay, phase: "gradual" };
}

/**
 * The new statutory retirement age and month for a birth month and category, the months of delay,
 * and the flexible window. Pure; refuses a sex that does not match the category, a month outside
 * 1-12 or a year outside 1900-2100 with a CalculatorInputError naming the field.
 */
export function statutoryRetirement(input: StatutoryRetirementInput): StatutoryRetirement {
  const given = record("input", input);
  const sex = oneOf("sex", given.sex, ["male", "female"] as const);
  const category = oneOf("category", given.category, ["male", "female-55", "female-50"] as const);
  if ((sex === "male") !== (category === "male")) {
    refuse(
      "category",
      `"${category}" is not a category for sex "${sex}" (men: "male"; women: "female-55" or "female-50")`,
    );
  }
  const born = yearMonth("born", given.born);
  const rule = RULES[category];
  const { delay, phase } = delayFor(rule, born);
  const originalAge: Age = { years: rule.originalAge, months: 0 };
  const newAgeMonths = ageInMonths(originalAge) + delay;
  const flexible: FlexibleRetirement =
    phase === "before-reform"
      ? { available: false, reason: "retired-before-reform" }
      : {
          available: true,
          earliest: reachedAt(
            born,
            ageFromMonths(Math.max(newAgeMonths - FLEXIBLE_MONTHS, ageInMonths(originalAge))),
          ),
          latest: reachedAt(born, ageFromMonths(newAgeMonths + FLEXIBLE_MONTHS)),
        };
  return {
    input: { sex, category, born },
    annex: rule.annex,
    phase,
    original: reachedAt(born, originalAge),
    statutory: reachedAt(born, ageFromMonths(newAgeMonths)),
    delayMonths: delay,
    flexible,
    assumptions:
      phase === "before-reform"
        ? [ASSUME_BIRTH_MONTH, ASSUME_MONTH_COUNTING, ASSUME_BEFORE_REFORM]
        : [ASSUME_BIRTH_MONTH, ASSUME_MONTH_COUNTING, ASSUME_FLEXIBLE],
  };
}
