import { describe, expect, it } from "vitest";
import { type MaternityAllowanceInput, maternityAllowance } from "../../src/calculators/maternity.js";
import { refusal } from "./refusal.js";

describe("maternityAllowance: wage / 30 × leave days", () => {
  it("9000 a month, 98 days: 300 a day, 29400", () => {
    expect(maternityAllowance({ employerAverageMonthlyWage: 9000, leaveDays: 98 })).toMatchObject({
      amount: 29400,
      dailyRate: 300,
    });
  });

  it("10000 a month, 158 days: 333.33 a day, 52666.67 (on the unrounded daily rate, not 333.33 × 158)", () => {
    expect(maternityAllowance({ employerAverageMonthlyWage: 10000, leaveDays: 158 })).toMatchObject({
      amount: 52666.67,
      dailyRate: 333.33,
    });
  });

  it("echoes its input and notes that ÷30 is local practice", () => {
    const result = maternityAllowance({ employerAverageMonthlyWage: 7500, leaveDays: 128 });
    expect(result.input).toEqual({ employerAverageMonthlyWage: 7500, leaveDays: 128 });
    expect(result.amount).toBe(32000);
    expect(result.assumptions.map((a) => a.id)).toContain("maternity.divide-by-30");
    expect(result.assumptions.find((a) => a.id === "maternity.divide-by-30")?.en).toMatch(
      /common local practice/,
    );
  });

  it.each([
    [{ employerAverageMonthlyWage: 0 }, "employerAverageMonthlyWage"],
    [{ employerAverageMonthlyWage: -5000 }, "employerAverageMonthlyWage"],
    [{ employerAverageMonthlyWage: Number.POSITIVE_INFINITY }, "employerAverageMonthlyWage"],
    [{ leaveDays: 0 }, "leaveDays"],
    [{ leaveDays: 98.5 }, "leaveDays"],
    [{ leaveDays: 400 }, "leaveDays"],
  ])("refuses %j", (change, field) => {
    const given = { employerAverageMonthlyWage: 9000, leaveDays: 98, ...change } as MaternityAllowanceInput;
    expect(refusal(() => maternityAllowance(given))).toEqual({ code: "CALC_INVALID_INPUT", field });
  });
});
