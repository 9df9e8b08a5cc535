import { describe, expect, it } from "vitest";
import {
  type RetirementCategory,
  type StatutoryRetirementInput,
  statutoryRetirement,
} from "../../src/calculators/retirement-age.js";
import { formatYearMonth, monthIndex } from "../../src/calculators/year-month.js";
import { refusal } from "./refusal.js";

/**
 * Rows of the decision's annexed tables (附件1-3), written out by hand from the rule each table
 * follows (one month of delay per 4 birth months from 1965-01 for men and 1970-01 for 55-year women,
 * per 2 birth months from 1975-01 for 50-year women), not computed by the code under test. The
 * annex text itself was not at hand; rows marked "seen" also appear in the test cases of public
 * calculators (one of them says it matches the official 电子社保卡 calculator).
 * Columns: birth month, new age (years, months), retirement month, months of delay.
 */
type Row = [born: string, years: number, months: number, retires: string, delay: number];

const MEN: Row[] = [
  ["1960-06", 60, 0, "2020-06", 0],
  ["1964-12", 60, 0, "2024-12", 0], // last month before the first cohort
  ["1965-01", 60, 1, "2025-02", 1], // first row; seen
  ["1965-04", 60, 1, "2025-05", 1],
  ["1965-05", 60, 2, "2025-07", 2], // nobody reaches the age in 2025-06
  ["1965-08", 60, 2, "2025-10", 2],
  ["1965-09", 60, 3, "2025-12", 3],
  ["1965-12", 60, 3, "2026-03", 3], // year boundary; seen
  ["1966-01", 60, 4, "2026-05", 4], // seen
  ["1966-04", 60, 4, "2026-08", 4],
  ["1966-05", 60, 5, "2026-10", 5],
  ["1966-12", 60, 6, "2027-06", 6],
  ["1967-01", 60, 7, "2027-08", 7],
  ["1968-12", 61, 0, "2029-12", 12],
  ["1969-01", 61, 1, "2030-02", 13],
  ["1970-12", 61, 6, "2032-06", 18],
  ["1971-01", 61, 7, "2032-08", 19],
  ["1975-06", 62, 8, "2038-02", 32], // seen
  ["1975-12", 62, 9, "2038-09", 33],
  ["1976-01", 62, 10, "2038-11", 34],
  ["1976-04", 62, 10, "2039-02", 34],
  ["1976-05", 62, 11, "2039-04", 35], // last changing row: 1976-05 to 1976-08
  ["1976-08", 62, 11, "2039-07", 35], // seen
  ["1976-09", 63, 0, "2039-09", 36], // first capped row; seen
  ["1976-12", 63, 0, "2039-12", 36],
  ["1977-01", 63, 0, "2040-01", 36],
  ["1988-09", 63, 0, "2051-09", 36], // seen
];

const WOMEN_55: Row[] = [
  ["1963-04", 55, 0, "2018-04", 0], // seen
  ["1969-12", 55, 0, "2024-12", 0],
  ["1970-01", 55, 1, "2025-02", 1], // first row; seen
  ["1970-04", 55, 1, "2025-05", 1],
  ["1970-05", 55, 2, "2025-07", 2],
  ["1970-06", 55, 2, "2025-08", 2], // seen
  ["1970-09", 55, 3, "2025-12", 3], // seen
  ["1970-12", 55, 3, "2026-03", 3],
  ["1971-01", 55, 4, "2026-05", 4],
  ["1971-04", 55, 4, "2026-08", 4], // seen
  ["1971-06", 55, 5, "2026-11", 5], // seen
  ["1975-12", 56, 6, "2032-06", 18],
  ["1976-01", 56, 7, "2032-08", 19],
  ["1980-12", 57, 9, "2038-09", 33],
  ["1981-01", 57, 10, "2038-11", 34],
  ["1981-05", 57, 11, "2039-04", 35], // last changing row: 1981-05 to 1981-08
  ["1981-08", 57, 11, "2039-07", 35], // seen
  ["1981-09", 58, 0, "2039-09", 36], // first capped row; seen
  ["1981-12", 58, 0, "2039-12", 36],
  ["1982-01", 58, 0, "2040-01", 36],
  ["1988-09", 58, 0, "2046-09", 36], // seen
];

const WOMEN_50: Row[] = [
  ["1974-12", 50, 0, "2024-12", 0],
  ["1975-01", 50, 1, "2025-02", 1], // first row; seen
  ["1975-02", 50, 1, "2025-03", 1],
  ["1975-03", 50, 2, "2025-05", 2],
  ["1975-06", 50, 3, "2025-09", 3], // seen
  ["1975-12", 50, 6, "2026-06", 6],
  ["1976-01", 50, 7, "2026-08", 7],
  ["1976-06", 50, 9, "2027-03", 9], // seen
  ["1976-12", 51, 0, "2027-12", 12],
  ["1977-01", 51, 1, "2028-02", 13], // seen
  ["1979-12", 52, 6, "2032-06", 30],
  ["1980-01", 52, 7, "2032-08", 31],
  ["1983-12", 54, 6, "2038-06", 54],
  ["1984-01", 54, 7, "2038-08", 55],
  ["1984-09", 54, 11, "2039-08", 59], // last changing row: 1984-09 to 1984-10
  ["1984-10", 54, 11, "2039-09", 59], // seen
  ["1984-11", 55, 0, "2039-11", 60], // first capped row; seen
  ["1984-12", 55, 0, "2039-12", 60],
  ["1985-01", 55, 0, "2040-01", 60],
  ["1995-12", 55, 0, "2050-12", 60], // seen
];

const parse = (ym: string) => {
  const [year, month] = ym.split("-").map(Number);
  return { year: year!, month: month! };
};
const input = (category: RetirementCategory, born: string): StatutoryRetirementInput => ({
  sex: category === "male" ? "male" : "female",
  category,
  born: parse(born),
});

describe.each([
  ["men (附件1)", "male", MEN],
  ["women whose original age was 55 (附件2)", "female-55", WOMEN_55],
  ["women whose original age was 50 (附件3)", "female-50", WOMEN_50],
] as const)("statutory retirement of %s", (_name, category, rows) => {
  it.each(rows)(
    "born %s: %i years %i months, retiring %s, %i months of delay",
    (born, years, months, retires, delay) => {
      const result = statutoryRetirement(input(category, born));
      expect(result.statutory.age).toEqual({ years, months });
      expect(formatYearMonth(result.statutory.at)).toBe(retires);
      expect(result.delayMonths).toBe(delay);
    },
  );
});

describe("the phases of a table and the flexible window", () => {
  it("names the table it follows and the phase of the birth month", () => {
    expect(statutoryRetirement(input("male", "1964-12"))).toMatchObject({
      annex: "附件1",
      phase: "before-reform",
    });
    expect(statutoryRetirement(input("female-55", "1975-01"))).toMatchObject({
      annex: "附件2",
      phase: "gradual",
    });
    expect(statutoryRetirement(input("female-50", "1984-11"))).toMatchObject({
      annex: "附件3",
      phase: "capped",
    });
  });

  it("before the reform: the original age, no flexible window, and says so", () => {
    const result = statutoryRetirement(input("female-50", "1970-03"));
    expect(result.statutory).toEqual({ age: { years: 50, months: 0 }, at: { year: 2020, month: 3 } });
    expect(result.original).toEqual(result.statutory);
    expect(result.flexible).toEqual({ available: false, reason: "retired-before-reform" });
    expect(result.assumptions.map((a) => a.id)).toContain("retirement.before-reform");
  });

  it("early: never before the original age, even when the new age is less than 3 years later", () => {
    // Man born 1966-01: new age 60y4m (2026-05); 3 years earlier would be 57y4m, the floor is 60.
    const result = statutoryRetirement(input("male", "1966-01"));
    expect(result.flexible).toEqual({
      available: true,
      earliest: { age: { years: 60, months: 0 }, at: { year: 2026, month: 1 } },
      latest: { age: { years: 63, months: 4 }, at: { year: 2029, month: 5 } },
    });
  });

  it("early: 3 years before the new age once the delay passes 3 years (women originally 50)", () => {
    // Born 1984-12: new age 55 (2039-12); earliest 52 (2036-12); latest 58 (2042-12).
    const result = statutoryRetirement(input("female-50", "1984-12"));
    expect(result.flexible).toMatchObject({
      earliest: { age: { years: 52, months: 0 }, at: { year: 2036, month: 12 } },
      latest: { age: { years: 58, months: 0 }, at: { year: 2042, month: 12 } },
    });
  });

  it("a woman cadre capped at 58 may leave at 55 at the earliest and 61 at the latest", () => {
    const result = statutoryRetirement(input("female-55", "1990-07"));
    expect(result.flexible).toMatchObject({
      earliest: { age: { years: 55, months: 0 }, at: { year: 2045, month: 7 } },
      latest: { age: { years: 61, months: 0 }, at: { year: 2051, month: 7 } },
    });
  });
});

describe("every birth month from 1960 to 1990", () => {
  const tables = [
    { category: "male", original: 60, first: "1965-01", cap: 36 },
    { category: "female-55", original: 55, first: "1970-01", cap: 36 },
    { category: "female-50", original: 50, first: "1975-01", cap: 60 },
  ] as const;

  it.each(tables)(
    "$category: delay never falls, rises by at most one month, stays within 0..$cap",
    ({ category, original, first, cap }) => {
      let previous: ReturnType<typeof statutoryRetirement> | undefined;
      let reachedCap = false;
      for (let year = 1960; year <= 1990; year++) {
        for (let month = 1; month <= 12; month++) {
          const r = statutoryRetirement({
            sex: category === "male" ? "male" : "female",
            category,
            born: { year, month },
          });
          const ageMonths = r.statutory.age.years * 12 + r.statutory.age.months;
          expect(ageMonths).toBe(original * 12 + r.delayMonths);
          expect(r.delayMonths).toBeGreaterThanOrEqual(0);
          expect(r.delayMonths).toBeLessThanOrEqual(cap);
          expect(monthIndex(r.statutory.at) - monthIndex({ year, month })).toBe(ageMonths);
          if (monthIndex({ year, month }) < monthIndex(parse(first))) expect(r.delayMonths).toBe(0);
          else expect(r.delayMonths).toBeGreaterThanOrEqual(1);
          if (reachedCap) expect(r.delayMonths).toBe(cap);
          reachedCap ||= r.delayMonths === cap;
          if (previous) {
            expect(r.delayMonths - previous.delayMonths).toBeGreaterThanOrEqual(0);
            expect(r.delayMonths - previous.delayMonths).toBeLessThanOrEqual(1);
            expect(monthIndex(r.statutory.at)).toBeGreaterThan(monthIndex(previous.statutory.at));
          }
          if (r.flexible.available) {
            const earliest = r.flexible.earliest.age.years * 12 + r.flexible.earliest.age.months;
            const latest = r.flexible.latest.age.years * 12 + r.flexible.latest.age.months;
            expect(earliest).toBe(Math.max(original * 12, ageMonths - 36));
            expect(latest).toBe(ageMonths + 36);
          }
          previous = r;
        }
      }
      expect(reachedCap).toBe(true);
    },
  );
});

describe("refused inputs name the field", () => {
  it.each([
    [{ sex: "male", category: "male", born: { year: 1970, month: 13 } }, "born.month"],
    [{ sex: "male", category: "male", born: { year: 1970, month: 0 } }, "born.month"],
    [{ sex: "male", category: "male", born: { year: 1970, month: 2.5 } }, "born.month"],
    [{ sex: "male", category: "male", born: { year: 1899, month: 5 } }, "born.year"],
    [{ sex: "male", category: "male", born: { year: "1970", month: 5 } }, "born.year"],
    [{ sex: "male", category: "male" }, "born"],
    [{ sex: "male", category: "female-55", born: { year: 1970, month: 5 } }, "category"],
    [{ sex: "female", category: "male", born: { year: 1970, month: 5 } }, "category"],
    [{ sex: "female", category: "female-60", born: { year: 1970, month: 5 } }, "category"],
    [{ sex: "x", category: "male", born: { year: 1970, month: 5 } }, "sex"],
    [null, "input"],
  ])("%j is refused at %s", (given, field) => {
    expect(refusal(() => statutoryRetirement(given as StatutoryRetirementInput))).toEqual({
      code: "CALC_INVALID_INPUT",
      field,
    });
  });
});
