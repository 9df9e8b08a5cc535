import { describe, expect, it } from "vitest";
import { statutoryRetirement } from "../../src/calculators/retirement-age.js";
import {
  type UnemploymentBenefitPeriodInput,
  unemploymentBenefitMonths,
  unemploymentBenefitPeriod,
} from "../../src/calculators/unemployment.js";
import { formatYearMonth } from "../../src/calculators/year-month.js";
import { refusal } from "./refusal.js";

describe("unemploymentBenefitMonths (社会保险法 第四十六条)", () => {
  it.each([
    [0, "under-1", 0],
    [0.99, "under-1", 0],
    [1, "1-5", 12],
    [4.99, "1-5", 12],
    [5, "5-10", 18],
    [9.5, "5-10", 18],
    [10, "10-plus", 24],
    [35, "10-plus", 24],
  ] as const)("%d years: %s, up to %i months", (years, band, maxMonths) => {
    expect(unemploymentBenefitMonths(years)).toMatchObject({ band, maxMonths, eligible: maxMonths > 0 });
  });

  it("says the figure is a maximum and that other conditions apply", () => {
    const ids = unemploymentBenefitMonths(3).assumptions.map((a) => a.id);
    expect(ids).toEqual(["unemployment.maximum-by-years", "unemployment.other-conditions"]);
  });

  it.each([-1, 61, Number.NaN, "5"])("refuses %j years", (years) => {
    expect(refusal(() => unemploymentBenefitMonths(years as number))).toEqual({
      code: "CALC_INVALID_INPUT",
      field: "contributionYears",
    });
  });
});

const ym = (s: string) => {
  const [year, month] = s.split("-").map(Number);
  return { year: year!, month: month! };
};
const period = (contributionYears: number, claimStart: string, retirement: string) => {
  const r = unemploymentBenefitPeriod({
    contributionYears,
    claimStart: ym(claimStart),
    statutoryRetirement: ym(retirement),
  });
  return {
    ordinaryLastMonth: r.ordinaryLastMonth && formatYearMonth(r.ordinaryLastMonth),
    nearRetirement: r.nearRetirement,
    lastMonth: r.lastMonth && formatYearMonth(r.lastMonth),
    monthsPayable: r.monthsPayable,
  };
};

describe("unemploymentBenefitPeriod: the near-retirement rule from 2025", () => {
  it("within one year of the statutory age when the 18 months run out: paid until that age", () => {
    // 2030-01 + 18 months: last 2031-06, runs out 2031-07, 8 months before 2032-03.
    expect(period(6, "2030-01", "2032-03")).toEqual({
      ordinaryLastMonth: "2031-06",
      nearRetirement: "extended",
      lastMonth: "2032-03",
      monthsPayable: 27,
    });
  });

  it("exactly 12 months left is not 'less than one year'; 11 months is", () => {
    expect(period(3, "2030-01", "2032-01")).toMatchObject({
      nearRetirement: "not-near",
      lastMonth: "2030-12",
      monthsPayable: 12,
    });
    expect(period(3, "2030-01", "2031-12")).toMatchObject({
      nearRetirement: "extended",
      lastMonth: "2031-12",
      monthsPayable: 24,
    });
  });

  it("the statutory age comes first: benefit ends with it", () => {
    expect(period(10, "2025-06", "2026-05")).toEqual({
      ordinaryLastMonth: "2027-05",
      nearRetirement: "ends-at-retirement",
      lastMonth: "2026-05",
      monthsPayable: 12,
    });
  });

  it("an ordinary period that ended before 2025 is not extended; one still running in 2025 is", () => {
    expect(period(2, "2023-01", "2024-06")).toMatchObject({
      nearRetirement: "before-2025",
      lastMonth: "2023-12",
    });
    expect(period(2, "2024-02", "2025-06")).toMatchObject({
      nearRetirement: "extended",
      lastMonth: "2025-06",
      monthsPayable: 17,
    });
  });

  it("under one year of contributions: no period at all", () => {
    expect(period(0.5, "2030-01", "2040-01")).toEqual({
      ordinaryLastMonth: null,
      nearRetirement: "not-eligible",
      lastMonth: null,
      monthsPayable: 0,
    });
  });

  it("works from the statutory retirement month the retirement calculator gives", () => {
    // A woman worker born 1980-01 reaches 52y7m in 2032-08.
    const retirement = statutoryRetirement({
      sex: "female",
      category: "female-50",
      born: { year: 1980, month: 1 },
    });
    expect(formatYearMonth(retirement.statutory.at)).toBe("2032-08");
    const claim = {
      contributionYears: 6,
      claimStart: { year: 2030, month: 3 },
      statutoryRetirement: retirement.statutory.at,
    };
    expect(unemploymentBenefitPeriod(claim)).toMatchObject({ nearRetirement: "extended", monthsPayable: 30 });
    expect(unemploymentBenefitPeriod({ ...claim, contributionYears: 3 })).toMatchObject({
      nearRetirement: "not-near",
      monthsPayable: 12,
    });
  });

  it.each([
    [{ claimStart: { year: 2032, month: 3 } }, "claimStart"],
    [{ claimStart: { year: 2033, month: 1 } }, "claimStart"],
    [{ claimStart: { year: 2030, month: 13 } }, "claimStart.month"],
    [{ statutoryRetirement: { year: 1800, month: 1 } }, "statutoryRetirement.year"],
    [{ contributionYears: -2 }, "contributionYears"],
  ])("refuses %j", (change, field) => {
    const base: UnemploymentBenefitPeriodInput = {
      contributionYears: 6,
      claimStart: ym("2030-01"),
      statutoryRetirement: ym("2032-03"),
    };
    expect(refusal(() => unemploymentBenefitPeriod({ ...base, ...change })).field).toBe(field);
  });
});
