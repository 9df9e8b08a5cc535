import { describe, expect, it } from "vitest";
import { personalAccountDivisor } from "../../src/calculators/personal-account-divisor.js";
import { refusal } from "./refusal.js";

/** 国发〔2005〕38号, 个人账户养老金计发月数表, written out by hand: age → divisor. */
const NATIONAL_TABLE: [age: number, months: number][] = [
  [40, 233],
  [41, 230],
  [42, 226],
  [43, 223],
  [44, 220],
  [45, 216],
  [46, 212],
  [47, 207],
  [48, 204],
  [49, 199],
  [50, 195],
  [51, 190],
  [52, 185],
  [53, 180],
  [54, 175],
  [55, 170],
  [56, 164],
  [57, 158],
  [58, 152],
  [59, 145],
  [60, 139],
  [61, 132],
  [62, 125],
  [63, 117],
  [64, 109],
  [65, 101],
  [66, 93],
  [67, 84],
  [68, 75],
  [69, 65],
  [70, 56],
];

describe("the personal-account divisor", () => {
  it.each(NATIONAL_TABLE)("at %i: %i months, from the national table", (years, months) => {
    expect(personalAccountDivisor({ years, months: 0 })).toMatchObject({ months, method: "table" });
  });

  it.each([
    // 60y1m and 50y1m as a local agency gives them for 2025 retirements.
    [60, 1, 138.4], // 139 - 7/12
    [50, 1, 194.6], // 195 - 5/12
    [60, 3, 137.3], // 139 - 1.75 = 137.25, a half rounded up
    [55, 3, 168.5], // 170 - 6 × 3/12
    [62, 11, 117.7], // 125 - 8 × 11/12 = 117.67
    [69, 11, 56.8], // 65 - 9 × 11/12 = 56.75
  ])("at %i years %i months: %d, between the two whole ages", (years, months, divisor) => {
    expect(personalAccountDivisor({ years, months })).toMatchObject({
      months: divisor,
      method: "interpolated-by-month",
    });
  });

  it.each([
    [{ years: 39, months: 11 }, "CALC_OUTSIDE_TABLE", "retirementAge"],
    [{ years: 70, months: 1 }, "CALC_OUTSIDE_TABLE", "retirementAge"],
    [{ years: 71, months: 0 }, "CALC_OUTSIDE_TABLE", "retirementAge"],
    [{ years: 60, months: 12 }, "CALC_INVALID_INPUT", "retirementAge.months"],
    [{ years: 60.5, months: 0 }, "CALC_INVALID_INPUT", "retirementAge.years"],
  ])("refuses %j", (age, code, field) => {
    expect(refusal(() => personalAccountDivisor(age))).toEqual({ code, field });
  });
});
