import { describe, expect, it } from "vitest";
import { estimatePension, type PensionEstimateInput } from "../../src/calculators/pension.js";
import { refusal } from "./refusal.js";

const base: PensionEstimateInput = {
  retirementAge: { years: 60, months: 0 },
  contributionYears: 15,
  averageContributionIndex: 1,
  personalAccountBalance: 139_000,
  localAverageMonthlyWage: 8_000,
};

describe("estimatePension (hand-worked examples)", () => {
  it("60, 15 years at the average wage: 8000 × (1 + 1) / 2 × 15 % = 1200, 139000 / 139 = 1000", () => {
    expect(estimatePension(base)).toMatchObject({
      estimate: true,
      basicPension: 1200,
      personalAccountPension: 1000,
      total: 2200,
      divisor: { months: 139, method: "table" },
      minimumYears: "depends-on-retirement-year",
    });
  });

  it("55, 20 years at index 0.6: 10000 × 1.6 / 2 × 20 % = 1600, 85000 / 170 = 500", () => {
    const result = estimatePension({
      retirementAge: { years: 55, months: 0 },
      contributionYears: 20,
      averageContributionIndex: 0.6,
      personalAccountBalance: 85_000,
      localAverageMonthlyWage: 10_000,
    });
    expect(result).toMatchObject({
      basicPension: 1600,
      personalAccountPension: 500,
      total: 2100,
      minimumYears: "met",
    });
  });

  it("60y1m, 30.5 years at index 0.8: 9000 × 1.8 / 2 × 30.5 % = 2470.50, 100000 / 138.4 = 722.54", () => {
    const result = estimatePension({
      retirementAge: { years: 60, months: 1 },
      contributionYears: 30.5,
      averageContributionIndex: 0.8,
      personalAccountBalance: 100_000,
      localAverageMonthlyWage: 9_000,
    });
    expect(result).toMatchObject({
      basicPension: 2470.5,
      personalAccountPension: 722.54,
      total: 3193.04,
      divisor: { months: 138.4, method: "interpolated-by-month" },
    });
  });

  it("50, 25 years at index 0.7: 6000 × 1.7 / 2 × 25 % = 1275, 97500 / 195 = 500", () => {
    const result = estimatePension({
      retirementAge: { years: 50, months: 0 },
      contributionYears: 25,
      averageContributionIndex: 0.7,
      personalAccountBalance: 97_500,
      localAverageMonthlyWage: 6_000,
    });
    expect(result).toMatchObject({ basicPension: 1275, personalAccountPension: 500, total: 1775 });
  });

  it("63 (men's new age), 40 years at index 1.2: 7500 × 2.2 / 2 × 40 % = 3300, 117000 / 117 = 1000", () => {
    const result = estimatePension({
      ...base,
      retirementAge: { years: 63, months: 0 },
      contributionYears: 40,
      averageContributionIndex: 1.2,
      personalAccountBalance: 117_000,
      localAverageMonthlyWage: 7_500,
    });
    expect(result).toMatchObject({ basicPension: 3300, personalAccountPension: 1000, total: 4300 });
  });

  it("echoes every input beside the result and says what it assumed", () => {
    const result = estimatePension(base);
    expect(result.input).toEqual(base);
    expect(result.assumptions.map((a) => a.id)).toEqual([
      "pension.formula",
      "divisor.national-table",
      "pension.estimate-only",
      "pension.check-minimum-for-year",
    ]);
    for (const a of result.assumptions) expect(a.zh.length * a.en.length).toBeGreaterThan(0);
  });

  it("under 15 years: still the arithmetic, but flagged that no monthly pension is paid", () => {
    const result = estimatePension({ ...base, contributionYears: 10 });
    expect(result.minimumYears).toBe("not-met");
    expect(result.assumptions.map((a) => a.id)).toContain("pension.below-minimum-years");
  });

  it.each([
    [{ contributionYears: -1 }, "contributionYears"],
    [{ contributionYears: 45 }, "contributionYears"], // more than 60 - 16
    [{ contributionYears: Number.NaN }, "contributionYears"],
    [{ averageContributionIndex: -0.1 }, "averageContributionIndex"],
    [{ averageContributionIndex: 3.5 }, "averageContributionIndex"],
    [{ personalAccountBalance: -1 }, "personalAccountBalance"],
    [{ localAverageMonthlyWage: 0 }, "localAverageMonthlyWage"],
    [{ localAverageMonthlyWage: "8000" }, "localAverageMonthlyWage"],
    [{ retirementAge: { years: 60, months: 13 } }, "retirementAge.months"],
  ])("refuses %j", (change, field) => {
    const given = { ...base, ...change } as PensionEstimateInput;
    expect(refusal(() => estimatePension(given)).field).toBe(field);
  });
});
