import type { Assumption } from "./assumption.js";
import { CalculatorInputError } from "./errors.js";
import { age as checkedAge } from "./validate.js";
import type { Age } from "./year-month.js";

/**
 * The months divisor of the personal-account pension (个人账户养老金计发月数): the account balance is
 * divided by it. Whole ages come from the national table; an age with months lies between two rows.
 */

/**
 * 个人账户养老金计发月数表, annexed to 国发〔2005〕38号, ages 40-70. Public copies disagree on age 47
 * (207 or 208); 207 is the value in the copies that cite government text, so it is used here.
 */
// biome-ignore format: ten ages a row, so the table reads as a table
const DIVISOR_BY_AGE: Readonly<Record<number, number>> = {
  40: 233, 41: 230, 42: 226, 43: 223, 44: 220, 45: 216, 46: 212, 47: 207, 48: 204, 49: 199,
  50: 195, 51: 190, 52: 185, 53: 180, 54: 175, 55: 170, 56: 164, 57: 158, 58: 152, 59: 145,
  60: 139, 61: 132, 62: 125, 63: 117, 64: 109, 65: 101, 66: 93, 67: 84, 68: 75, 69: 65,
  70: 56,
};

const YOUNGEST_TABLE_AGE = 40;
const OLDEST_TABLE_AGE = 70;

export interface Divisor {
  months: number;
  age: Age;
  /** `table`: a whole age read from the table; `interpolated-by-month`: between two whole ages. */
  method: "table" | "interpolated-by-month";
  assumptions: Assumption[];
}

const ASSUME_TABLE: Assumption = {
  id: "divisor.national-table",
  zh: "计发月数按国发〔2005〕38号所附个人账户养老金计发月数表。",
  en: "The divisor is read from the national table annexed to 国发〔2005〕38号.",
};
const ASSUME_BY_MONTH: Assumption = {
  id: "divisor.interpolated-by-month",
  zh: "退休年龄不是整岁时，计发月数在相邻两个整岁之间按月折算，保留一位小数（如60岁1个月为138.4）；以当地经办机构核定为准。",
  en: "For an age with months the divisor is taken month by month between the two whole ages, to one decimal (60 years 1 month: 138.4); the local agency's figure prevails.",
};

const outside = (problem: string): never => {
  throw new CalculatorInputError("CALC_OUTSIDE_TABLE", "retirementAge", problem);
};

/** Pure: the divisor for a retirement age; refuses ages outside 40-70 (the table's range). */
export function personalAccountDivisor(retirementAge: Age): Divisor {
  const age = checkedAge("retirementAge", retirementAge, 0, 150);
  if (
    age.years < YOUNGEST_TABLE_AGE ||
    age.years > OLDEST_TABLE_AGE ||
    (age.years === OLDEST_TABLE_AGE && age.months > 0)
  ) {
    outside(`the national table covers ages ${YOUNGEST_TABLE_AGE} to ${OLDEST_TABLE_AGE}`);
  }
  const lower = DIVISOR_BY_AGE[age.years]!;
  if (age.months === 0) return { months: lower, age, method: "table", assumptions: [ASSUME_TABLE] };
  const upper = DIVISOR_BY_AGE[age.years + 1]!;
  // In tenths over an integer numerator, so halves round up the same way on every platform.
  const months = Math.round(((lower * 12 + (upper - lower) * age.months) * 10) / 12) / 10;
  return { months, age, method: "interpolated-by-month", assumptions: [ASSUME_TABLE, ASSUME_BY_MONTH] };
}
