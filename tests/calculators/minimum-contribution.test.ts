import { describe, expect, it } from "vitest";
import { minimumContributionYears } from "../../src/calculators/minimum-contribution.js";
import type { YearMonth } from "../../src/calculators/year-month.js";
import { refusal } from "./refusal.js";

/** The annexed table of rising minimum years, written out by hand: retirement year → years, months. */
const TABLE: [year: number, years: number, months: number][] = [
  [2020, 15, 0],
  [2025, 15, 0],
  [2029, 15, 0],
  [2030, 15, 6],
  [2031, 16, 0],
  [2032, 16, 6],
  [2033, 17, 0],
  [2034, 17, 6],
  [2035, 18, 0],
  [2036, 18, 6],
  [2037, 19, 0],
  [2038, 19, 6],
  [2039, 20, 0],
  [2040, 20, 0],
  [2060, 20, 0],
];

describe("minimum contribution years for a monthly pension", () => {
  it.each(TABLE)("retiring in %i: %i years %i months", (year, years, months) => {
    for (const month of [1, 12]) {
      const result = minimumContributionYears({ year, month });
      expect({ years: result.years, months: result.months }).toEqual({ years, months });
      expect(result.totalMonths).toBe(years * 12 + months);
    }
  });

  it("says it counts by the retirement year and that the gap can be paid up", () => {
    const ids = minimumContributionYears({ year: 2034, month: 5 }).assumptions.map((a) => a.id);
    expect(ids).toEqual(["minimum-years.by-retirement-year", "minimum-years.top-up"]);
  });

  it("says so when the year is older than the rules it knows", () => {
    const ids = minimumContributionYears({ year: 2005, month: 5 }).assumptions.map((a) => a.id);
    expect(ids).toContain("minimum-years.older-rules-not-modelled");
  });

  it.each([
    [{ year: 2030, month: 13 }, "retirement.month"],
    [{ year: 1899, month: 1 }, "retirement.year"],
    [{ year: 2030.5, month: 1 }, "retirement.year"],
    [undefined, "retirement"],
  ])("refuses %j at %s", (given, field) => {
    expect(refusal(() => minimumContributionYears(given as YearMonth))).toEqual({
      code: "CALC_INVALID_INPUT",
      field,
    });
  });
});
