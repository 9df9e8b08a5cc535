import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { FiguresFileError } from "../../src/calculators/errors.js";
import { FIGURES_FILE, loadFigures, parseFigures } from "../../src/calculators/figures.js";
import { estimatePension } from "../../src/calculators/pension.js";

const root = join(import.meta.dirname, "..", "..");
const shipped = readFileSync(join(root, FIGURES_FILE), "utf8");

/** The shipped file with one change applied to its parsed form, as an editor might make it. */
function edited(change: (doc: Record<string, Record<string, unknown>>) => void): string {
  const doc = parse(shipped) as Record<string, Record<string, unknown>>;
  change(doc);
  return stringify(doc);
}

function problems(text: string): string[] {
  try {
    parseFigures(text);
  } catch (error) {
    if (error instanceof FiguresFileError) {
      expect(error.code).toBe("CALC_FIGURES_INVALID");
      return error.problems;
    }
    throw error;
  }
  throw new Error("expected the figures to be refused");
}

describe("bot/figures.yaml", () => {
  it("loads, and every shipped figure is marked as an example with a source and a place", () => {
    const figures = loadFigures(root);
    for (const [name, figure] of Object.entries(figures)) {
      expect(figure.example, name).toBe(true);
      expect(figure.source, name).toMatch(/^EXAMPLE/);
      expect(figure.place, name).toMatch(/^EXAMPLE/);
    }
  });

  it("its example floor and ceiling are 60 % and 300 % of its example wage", () => {
    const f = loadFigures(root);
    expect(f.contributionBaseFloor.value).toBe(f.localAverageMonthlyWage.value * 0.6);
    expect(f.contributionBaseCeiling.value).toBe(f.localAverageMonthlyWage.value * 3);
  });

  it("feeds the pension estimate its local wage", () => {
    const { localAverageMonthlyWage } = loadFigures(root);
    const estimate = estimatePension({
      retirementAge: { years: 60, months: 0 },
      contributionYears: 20,
      averageContributionIndex: 1,
      personalAccountBalance: 0,
      localAverageMonthlyWage: localAverageMonthlyWage.value,
    });
    expect(estimate.basicPension).toBe(localAverageMonthlyWage.value * 0.2);
  });
});

describe("a bad edit is refused with the field named", () => {
  it.each([
    [
      "a negative value",
      (d) => (d.localAverageMonthlyWage!.value = -1),
      "field 'localAverageMonthlyWage.value'",
    ],
    ["a value as text", (d) => (d.minimumMonthlyWage!.value = "2000元"), "field 'minimumMonthlyWage.value'"],
    [
      "a wrong unit",
      (d) => (d.nationalUrbanPerCapitaDisposableIncome!.unit = "yuan/month"),
      "field 'nationalUrbanPerCapitaDisposableIncome.unit'",
    ],
    [
      "a year before 1900",
      (d) => (d.contributionBaseFloor!.year = 1899),
      "field 'contributionBaseFloor.year'",
    ],
    [
      "an empty source",
      (d) => (d.contributionBaseCeiling!.source = " "),
      "field 'contributionBaseCeiling.source'",
    ],
    [
      "a missing place",
      (d) => delete d.localAverageMonthlyWage!.place,
      "field 'localAverageMonthlyWage.place'",
    ],
    [
      "a missing example flag",
      (d) => delete d.minimumMonthlyWage!.example,
      "field 'minimumMonthlyWage.example'",
    ],
    ["an unknown key in a figure", (d) => (d.minimumMonthlyWage!.note = "x"), "field 'minimumMonthlyWage'"],
    ["an unknown figure", (d) => (d.averageWage = { value: 1 }), "field '(file)'"],
    ["a missing figure", (d) => delete d.contributionBaseCeiling, "field 'contributionBaseCeiling'"],
    [
      "a floor above the ceiling",
      (d) => (d.contributionBaseFloor!.value = 30000),
      "field 'contributionBaseFloor.value'",
    ],
  ] as [string, (d: Record<string, Record<string, unknown>>) => void, string][])(
    "%s",
    (_name, change, field) => {
      const found = problems(edited(change));
      expect(
        found.some((p) => p.startsWith(field)),
        found.join("\n"),
      ).toBe(true);
    },
  );

  it("names every bad field at once, not only the first", () => {
    const found = problems(
      edited((d) => {
        d.localAverageMonthlyWage!.value = 0;
        d.minimumMonthlyWage!.year = 2024.5;
      }),
    );
    expect(found).toHaveLength(2);
  });

  it("refuses text that is not YAML, and a file that is not there", () => {
    expect(problems("localAverageMonthlyWage: [unclosed")[0]).toMatch(/^not valid YAML/);
    expect(() => loadFigures(join(root, "no-such-dir"))).toThrow(FiguresFileError);
  });
});
