import { describe, expect, it } from "vitest";
import {
  compareMetric,
  compareToBaselines,
  formatComparison,
  pairedDifference,
  type SeedFigures,
  TARGETS,
  type Target,
  versusJson,
} from "../../../bench/routing/compare.js";

const target = (metric: Target["metric"]) => TARGETS.find((t) => t.metric === metric)!;
const p95 = target("p95WaitSec");
const sl30 = target("sl30");
const jain = target("jainLoad");

/** Baseline seeds = dynamic seeds minus the given per-seed differences (dynamic − baseline = diffs). */
function withDiffs(dynamic: number[], diffs: number[]): number[] {
  return dynamic.map((x, i) => x - diffs[i]!);
}

describe("pairedDifference", () => {
  it("mean of the per-seed differences and sd/√n", () => {
    // Differences -1, -2, -3: mean -2, sample sd 1, SE 1/√3.
    const d = pairedDifference([10, 12, 14], [11, 14, 17]);
    expect(d.n).toBe(3);
    expect(d.mean).toBeCloseTo(-2, 12);
    expect(d.se).toBeCloseTo(1 / Math.sqrt(3), 12);
  });

  it("drops seeds where either value is undefined (NaN), and has no SE with one pair", () => {
    const d = pairedDifference([Number.NaN, 10, 12], [9, 11, 14]);
    expect(d).toEqual({ mean: -1.5, se: 0.5, n: 2 });
    expect(pairedDifference([5, Number.NaN], [Number.NaN, 1])).toEqual({ mean: null, se: null, n: 0 });
    expect(pairedDifference([5], [3])).toEqual({ mean: 2, se: null, n: 1 });
  });

  it("refuses lists of different seeds", () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow(/same seeds/);
  });
});

describe("compareMetric verdicts", () => {
  const dyn = [20, 20, 20];

  it("better: meets the target, difference beyond 2 SE in dynamic's favour", () => {
    // Differences -1, -2, -3: mean -2, SE 0.577 → 2 > 2 × 0.577.
    const c = compareMetric(p95, "base", [10, 12, 14], [11, 14, 17]);
    expect(c).toMatchObject({ metric: "p95WaitSec", baselineName: "base", dynamic: 12, baseline: 14, n: 3 });
    expect(c.diff).toBeCloseTo(-2, 12);
    expect(c.se).toBeCloseTo(0.57735, 5);
    expect(c.verdict).toBe("better");
  });

  it("meets: literally lower, but within 2 SE", () => {
    // Differences -3, 1, -1: mean -1, sd 2, SE 2/√3 = 1.155 → 1 < 2.31.
    const c = compareMetric(p95, "base", dyn, withDiffs(dyn, [-3, 1, -1]));
    expect(c.diff).toBeCloseTo(-1, 12);
    expect(c.se).toBeCloseTo(2 / Math.sqrt(3), 12);
    expect(c.verdict).toBe("meets");
  });

  it("tie: misses literally, by no more than 1 SE", () => {
    // Differences 3, -1, 1: mean +1 (dynamic worse), SE 1.155 → 1 ≤ 1.155.
    const c = compareMetric(p95, "base", dyn, withDiffs(dyn, [3, -1, 1]));
    expect(c.diff).toBeCloseTo(1, 12);
    expect(c.verdict).toBe("tie");
  });

  it("worse: misses by more than 1 SE", () => {
    // Differences 2, 3, 4: mean 3, SE 0.577.
    const c = compareMetric(p95, "base", dyn, withDiffs(dyn, [2, 3, 4]));
    expect(c.diff).toBeCloseTo(3, 12);
    expect(c.verdict).toBe("worse");
  });

  it("higher is better for sl30", () => {
    const d = [0.95, 0.96, 0.97];
    expect(compareMetric(sl30, "b", d, withDiffs(d, [0.01, 0.02, 0.03])).verdict).toBe("better");
    expect(compareMetric(sl30, "b", d, withDiffs(d, [-0.01, -0.02, -0.03])).verdict).toBe("worse");
  });

  it("jainLoad: meets within 0.02, better only when really higher, tie/worse against the 0.02 allowance", () => {
    const d = [0.95, 0.96, 0.97];
    // 0.01 lower on every seed: SE 0, within the allowance → meets (not better: dynamic is lower).
    const lower = compareMetric(jain, "b", d, withDiffs(d, [-0.01, -0.01, -0.01]));
    expect(lower.se).toBeCloseTo(0, 12);
    expect(lower.verdict).toBe("meets");
    expect(compareMetric(jain, "b", d, withDiffs(d, [0.01, 0.011, 0.012])).verdict).toBe("better");
    // Differences -0.04, 0, -0.023: mean -0.021 (misses -0.02 by 0.001), SE 0.0116 → tie.
    const tie = compareMetric(jain, "b", d, withDiffs(d, [-0.04, 0, -0.023]));
    expect(tie.diff).toBeCloseTo(-0.021, 12);
    expect(tie.se).toBeCloseTo(Math.sqrt(0.000403 / 3), 9);
    expect(tie.verdict).toBe("tie");
    // Differences -0.03, -0.025, -0.02: mean -0.025, SE 0.0029 → misses by 0.005 > SE → worse.
    expect(compareMetric(jain, "b", d, withDiffs(d, [-0.03, -0.025, -0.02])).verdict).toBe("worse");
  });

  it("values are the table's means over defined seeds; n/a when nothing pairs", () => {
    const urgent = target("urgentP95WaitSec");
    const c = compareMetric(urgent, "b", [Number.NaN, 10, 12], [9, 11, 14]);
    expect(c.dynamic).toBe(11);
    expect(c.baseline).toBeCloseTo(34 / 3, 12);
    expect(c).toMatchObject({ diff: -1.5, se: 0.5, n: 2, verdict: "better" });
    expect(compareMetric(urgent, "b", [Number.NaN], [1]).verdict).toBe("n/a");
  });
});

describe("compareToBaselines", () => {
  const seed = (p95WaitSec: number, over: Partial<SeedFigures> = {}): SeedFigures => ({
    p95WaitSec,
    urgentP95WaitSec: p95WaitSec,
    sl30: 0.9,
    jainLoad: 0.99,
    abandonRate: 0.02,
    ...over,
  });
  const perSeed = {
    a: [seed(11), seed(14), seed(17)],
    dynamic: [seed(10), seed(12), seed(14)],
    b: [seed(10), seed(12), seed(14)],
  };

  it("every target metric against every other policy, and nothing without dynamic", () => {
    const all = compareToBaselines(perSeed);
    expect(all).toHaveLength(TARGETS.length * 2);
    expect(all.map((c) => `${c.metric}/${c.baselineName}`).slice(0, 4)).toEqual([
      "p95WaitSec/a",
      "p95WaitSec/b",
      "urgentP95WaitSec/a",
      "urgentP95WaitSec/b",
    ]);
    const p = all.filter((c) => c.metric === "p95WaitSec");
    expect(p.map((c) => c.verdict)).toEqual(["better", "meets"]);
    expect(p[1]).toMatchObject({ diff: 0, se: 0 });
    expect(compareToBaselines({ a: perSeed.a, b: perSeed.b })).toEqual([]);
    expect(formatComparison([])).toEqual([]);
  });

  it("formats a section with a header explaining ± and one line per metric and baseline", () => {
    const text = formatComparison(compareToBaselines(perSeed)).join("\n");
    expect(text).toMatch(/^dynamic vs each baseline/);
    expect(text).toMatch(/standard error = sd of the per-seed differences \/ sqrt\(n\)/);
    expect(text).toMatch(/^p95Wait\s+a\s+12\.00\s+14\.00\s+-2\.00 ± 0\.58\s+3\s+better$/m);
    // b is the best baseline on p95 (lowest), marked *.
    expect(text).toMatch(/^p95Wait\s+b \*\s+12\.00\s+12\.00\s+\+0\.00 ± 0\.00\s+3\s+meets$/m);
    expect(text.split("\n").filter((l) => /^(p95Wait|urgP95|sl30|jain|abandon)\s/.test(l))).toHaveLength(10);
  });

  it("versusJson nests by baseline then metric", () => {
    const v = versusJson(compareToBaselines(perSeed));
    expect(Object.keys(v)).toEqual(["a", "b"]);
    expect(Object.keys(v.a!)).toEqual(TARGETS.map((t) => t.metric));
    expect(v.a!.p95WaitSec).toMatchObject({ dynamic: 12, baseline: 14, n: 3, verdict: "better" });
  });
});
