/**
 * Dynamic against each baseline on the five figures of the routing target (issue 5), with the paired
 * standard error over seeds. Seed i is the same for every policy (common random numbers), so the
 * per-seed difference dynamic − baseline removes most of the dice's noise; its mean ± standard error
 * tells a real difference from a lucky one.
 *
 * The figures compared are the table's: means over seeds of per-seed values (a per-seed p95, not a
 * p95 pooled over all seeds), so the mean paired difference is the difference of the table's figures
 * whenever every seed defines the figure for both policies.
 */
import { mean } from "./run.js";

export type TargetMetric = "p95WaitSec" | "urgentP95WaitSec" | "sl30" | "jainLoad" | "abandonRate";

export interface Target {
  metric: TargetMetric;
  /** Short name as in the table's header. */
  label: string;
  /** Which way is dynamic's favour. */
  better: "lower" | "higher";
  /** Dynamic may be this much worse and still meet the target (jainLoad: 0.02). */
  tolerance: number;
  /** Decimals to print values and differences with. */
  digits: number;
}

/** Issue 5: p95 and urgent p95 ≤ each baseline's, sl30 ≥, jainLoad ≥ baseline − 0.02, abandonRate ≤. */
export const TARGETS: readonly Target[] = [
  { metric: "p95WaitSec", label: "p95Wait", better: "lower", tolerance: 0, digits: 2 },
  { metric: "urgentP95WaitSec", label: "urgP95", better: "lower", tolerance: 0, digits: 2 },
  { metric: "sl30", label: "sl30", better: "higher", tolerance: 0, digits: 4 },
  { metric: "jainLoad", label: "jain", better: "higher", tolerance: 0.02, digits: 4 },
  { metric: "abandonRate", label: "abandon", better: "lower", tolerance: 0, digits: 4 },
];

/**
 * better: meets the target and the paired difference is beyond 2 SE in dynamic's favour (for jainLoad:
 *   dynamic higher by more than 2 SE, not merely within the 0.02 allowance);
 * meets: meets the target literally (the figures as printed in the table, unrounded);
 * tie: misses it, by no more than 1 SE; worse: misses it by more; n/a: a figure is undefined.
 */
export type Verdict = "better" | "meets" | "tie" | "worse" | "n/a";

export interface Comparison {
  metric: TargetMetric;
  baselineName: string;
  /** Mean over seeds of dynamic's per-seed values (= the table's figure). */
  dynamic: number | null;
  /** Mean over seeds of the baseline's per-seed values (= the table's figure). */
  baseline: number | null;
  /** Mean over the paired seeds of (dynamic − baseline); null when no seed defines both. */
  diff: number | null;
  /** Standard error of diff: sample sd of the per-seed differences / √n; null when n < 2. */
  se: number | null;
  /** Seeds where both policies define the figure (a per-seed value may be NaN, e.g. no urgent chat). */
  n: number;
  verdict: Verdict;
}

export interface PairedDifference {
  mean: number | null;
  se: number | null;
  n: number;
}

/** Mean and standard error of a[i] − b[i] over the indices where both are finite. */
export function pairedDifference(a: readonly number[], b: readonly number[]): PairedDifference {
  if (a.length !== b.length)
    throw new Error(`paired difference: ${a.length} against ${b.length} seeds (must be the same seeds)`);
  const d: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isFinite(x) && Number.isFinite(y)) d.push(x - y);
  }
  const n = d.length;
  if (n === 0) return { mean: null, se: null, n };
  const m = d.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { mean: m, se: null, n };
  const variance = d.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1);
  return { mean: m, se: Math.sqrt(variance / n), n };
}

/** Does dynamic's figure meet the target against this baseline's, literally? */
export function meetsTarget(target: Target, dynamic: number, baseline: number): boolean {
  return target.better === "lower"
    ? dynamic <= baseline + target.tolerance
    : dynamic >= baseline - target.tolerance;
}

export function verdict(
  target: Target,
  dynamic: number | null,
  baseline: number | null,
  paired: PairedDifference,
): Verdict {
  if (dynamic === null || baseline === null || paired.mean === null) return "n/a";
  // The paired difference signed so that positive is dynamic's favour.
  const favour = target.better === "lower" ? -paired.mean : paired.mean;
  if (meetsTarget(target, dynamic, baseline))
    return paired.se !== null && favour > 2 * paired.se ? "better" : "meets";
  const shortfall = -favour - target.tolerance;
  return paired.se !== null && shortfall <= paired.se ? "tie" : "worse";
}

/** One metric, dynamic's per-seed values against one baseline's (same seeds, same order). */
export function compareMetric(
  target: Target,
  baselineName: string,
  dynamicSeeds: readonly number[],
  baselineSeeds: readonly number[],
): Comparison {
  const dynamic = mean([...dynamicSeeds]);
  const baseline = mean([...baselineSeeds]);
  const paired = pairedDifference(dynamicSeeds, baselineSeeds);
  return {
    metric: target.metric,
    baselineName,
    dynamic,
    baseline,
    diff: paired.mean,
    se: paired.se,
    n: paired.n,
    verdict: verdict(target, dynamic, baseline, paired),
  };
}

export type SeedFigures = Record<TargetMetric, number>;

/**
 * Every target metric against every other policy, metric by metric (in TARGETS order), baselines in the
 * order given. Empty when `subject` is not among the policies. Per-seed lists must be in seed order.
 */
export function compareToBaselines(
  perSeed: Record<string, readonly SeedFigures[]>,
  subject = "dynamic",
): Comparison[] {
  const mine = perSeed[subject];
  if (!mine) return [];
  const out: Comparison[] = [];
  for (const target of TARGETS) {
    const values = (runs: readonly SeedFigures[]) => runs.map((r) => r[target.metric]);
    for (const [name, runs] of Object.entries(perSeed)) {
      if (name === subject) continue;
      out.push(compareMetric(target, name, values(mine), values(runs)));
    }
  }
  return out;
}

/** The comparisons as {baseline: {metric: comparison}} for the --json line's "versus" key. */
export function versusJson(
  comparisons: readonly Comparison[],
): Record<string, Record<string, Omit<Comparison, "metric" | "baselineName">>> {
  const out: Record<string, Record<string, Omit<Comparison, "metric" | "baselineName">>> = {};
  for (const { metric, baselineName, ...rest } of comparisons) {
    out[baselineName] ??= {};
    out[baselineName][metric] = rest;
  }
  return out;
}

function fmt(x: number | null, digits: number, signed = false): string {
  if (x === null || !Number.isFinite(x)) return "-";
  // A difference that rounds to zero keeps its sign ("-0.0000"): the direction is still information.
  const s = x.toFixed(digits);
  return signed && !s.startsWith("-") ? `+${s}` : s;
}

/** The text section; no lines when there is nothing to compare. */
export function formatComparison(comparisons: readonly Comparison[], subject = "dynamic"): string[] {
  if (comparisons.length === 0) return [];
  const byMetric = new Map(TARGETS.map((t) => [t.metric, t]));
  const rows: string[][] = [];
  for (const target of TARGETS) {
    const mine = comparisons.filter((c) => c.metric === target.metric);
    // The best baseline on this metric (the one dynamic has the hardest time against).
    let best: Comparison | undefined;
    for (const c of mine) {
      if (c.baseline === null) continue;
      if (!best || (target.better === "lower" ? c.baseline < best.baseline! : c.baseline > best.baseline!))
        best = c;
    }
    for (const c of mine) {
      const t = byMetric.get(c.metric)!;
      rows.push([
        t.label,
        `${c.baselineName}${c === best ? " *" : ""}`,
        fmt(c.dynamic, t.digits),
        fmt(c.baseline, t.digits),
        `${fmt(c.diff, t.digits, true)} ± ${fmt(c.se, t.digits)}`,
        String(c.n),
        c.verdict,
      ]);
    }
  }
  const head = ["metric", "baseline", subject, "baseline", "diff ± SE", "n", "verdict"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i <= 1 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [
    `${subject} vs each baseline (target: p95Wait, urgP95, abandon <= baseline; sl30 >= baseline; jain >= baseline - 0.02)`,
    `  values are the table's (means of per-seed figures; p95s per seed, not pooled); diff = mean over the n seeds`,
    `  of (${subject} - baseline) on the same seed; ± = its standard error = sd of the per-seed differences / sqrt(n)`,
    `  verdict: better = meets the target and diff beyond 2 SE in ${subject}'s favour (jain: higher by > 2 SE);`,
    "  meets = meets it literally; tie = misses it by at most 1 SE; worse = misses it by more; * = best baseline",
    line(head),
    ...rows.map(line),
  ];
}
