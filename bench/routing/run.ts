/**
 * Runs every policy over a scenario's seeds and averages the per-seed metrics. Seed i is the same for
 * every policy, so the policies face the very same citizens (common random numbers): differences
 * between rows are the policies', not the dice's.
 */
import type { RoutingStrategy } from "../../src/routing/types.js";
import type { Scenario } from "./scenario.js";
import { type RunMetrics, simulate } from "./simulator.js";

/** The per-policy figures, averaged over seeds. p95s are the mean of per-seed p95s (not a pooled p95). */
export interface PolicyFigures {
  meanWaitSec: number | null;
  p95WaitSec: number | null;
  maxWaitSec: number | null;
  sl30: number | null;
  abandonRate: number | null;
  urgentP95WaitSec: number | null;
  utilMin: number | null;
  utilMax: number | null;
  jainLoad: number | null;
  /** The most over all seeds (a cap check, not an average). */
  maxConcurrent: number;
  reoffers: number | null;
  /** Mean time not yet accepted over all arrivals, abandoned included: the W of Little's law and Erlang. */
  meanQueueSec: number | null;
  /** L / (λ W); 1 when the bookkeeping is right. */
  littleRatio: number | null;
  arrivals: number | null;
  /** Invalid assignments the strategy proposed (skipped), summed over seeds. Must be 0. */
  rejectedAssignments: number;
  /** Mean time of one strategy.pick call (µs), as called by the simulator. */
  pickUs: number | null;
  seeds: number;
}

export type StrategyFactory = () => RoutingStrategy;

/** Mean of the finite values; null when there are none (JSON has no NaN). */
export function mean(xs: number[]): number | null {
  const finite = xs.filter(Number.isFinite);
  return finite.length > 0 ? finite.reduce((a, b) => a + b, 0) / finite.length : null;
}

export function aggregate(runs: RunMetrics[]): PolicyFigures {
  const of = (f: (m: RunMetrics) => number) => mean(runs.map(f));
  const picks = runs.reduce((a, m) => a + m.picks, 0);
  return {
    meanWaitSec: of((m) => m.meanWaitSec),
    p95WaitSec: of((m) => m.p95WaitSec),
    maxWaitSec: of((m) => m.maxWaitSec),
    sl30: of((m) => m.sl30),
    abandonRate: of((m) => m.abandonRate),
    urgentP95WaitSec: of((m) => m.urgentP95WaitSec),
    utilMin: of((m) => m.utilMin),
    utilMax: of((m) => m.utilMax),
    jainLoad: of((m) => m.jainLoad),
    maxConcurrent: Math.max(0, ...runs.map((m) => m.maxConcurrent)),
    reoffers: of((m) => m.reoffers),
    meanQueueSec: of((m) => m.little.meanQueueSec),
    littleRatio: of((m) => m.little.ratio),
    arrivals: of((m) => m.arrivals),
    rejectedAssignments: runs.reduce((a, m) => a + m.rejectedAssignments, 0),
    pickUs: picks > 0 ? (runs.reduce((a, m) => a + m.pickMs, 0) / picks) * 1000 : null,
    seeds: runs.length,
  };
}

export interface Progress {
  policy: string;
  seed: number;
  seeds: number;
}

/**
 * Every policy's per-seed metrics, in seed order (index i is seed i + 1 for every policy), so that
 * paired comparisons over seeds are possible (see compare.ts). aggregate() turns one list into a row.
 */
export function runPolicySeeds(
  scenario: Scenario,
  factories: Record<string, StrategyFactory>,
  seeds = scenario.seeds,
  onProgress?: (p: Progress) => void,
): Record<string, RunMetrics[]> {
  const out: Record<string, RunMetrics[]> = {};
  for (const [policy, make] of Object.entries(factories)) {
    const runs: RunMetrics[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      // A fresh strategy per run: a strategy with memory must not carry it from one run into the next.
      runs.push(simulate(scenario, make(), seed));
      onProgress?.({ policy, seed, seeds });
    }
    out[policy] = runs;
  }
  return out;
}

/** One row per policy from its per-seed metrics. */
export function aggregateAll(perSeed: Record<string, RunMetrics[]>): Record<string, PolicyFigures> {
  return Object.fromEntries(Object.entries(perSeed).map(([policy, runs]) => [policy, aggregate(runs)]));
}

export function runPolicies(
  scenario: Scenario,
  factories: Record<string, StrategyFactory>,
  seeds = scenario.seeds,
  onProgress?: (p: Progress) => void,
): Record<string, PolicyFigures> {
  return aggregateAll(runPolicySeeds(scenario, factories, seeds, onProgress));
}
