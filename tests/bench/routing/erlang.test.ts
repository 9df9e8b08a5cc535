import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { erlangA, erlangB, erlangC, erlangFor } from "../../../bench/routing/erlang.js";
import { runPolicies } from "../../../bench/routing/run.js";
import { loadScenario } from "../../../bench/routing/scenario.js";
import { testingStrategies } from "../../../bench/routing/testing-strategies.js";

const scenarios = join(import.meta.dirname, "../../../bench/scenarios");

/** M/M/n+M by brute force: the birth-death chain truncated far out in the tail. */
function birthDeath(n: number, lambda: number, mu: number, theta: number) {
  const N = 2000;
  const p = [1];
  for (let k = 1; k <= N; k++)
    p.push((p[k - 1]! * lambda) / (Math.min(k, n) * mu + Math.max(k - n, 0) * theta));
  const total = p.reduce((a, b) => a + b, 0);
  const pi = p.map((x) => x / total);
  const probWait = pi.slice(n).reduce((a, b) => a + b, 0);
  const lq = pi.reduce((a, x, k) => a + x * Math.max(k - n, 0), 0);
  return { probWait, abandonRate: (theta * lq) / lambda, meanQueueSec: lq / lambda };
}

describe("Erlang formulas", () => {
  it("Erlang B and C match known values", () => {
    // a = 3.4 Erl on 4 servers: B = 0.2497, C = 0.6893 (hand-checked with the recursion and C = nB / (n - a(1 - B))).
    expect(erlangB(4, 3.4)).toBeCloseTo(0.2497, 3);
    const c = erlangC(4, 0.85 / 60, 1 / 240);
    expect(c.probWait).toBeCloseTo(0.6893, 3);
    expect(c.meanWaitSec).toBeCloseTo(0.6893 / (1 / 60 - 0.85 / 60), 0);
    // Large n stays finite (no factorials): 200 servers at 95 %.
    expect(Number.isFinite(erlangC(200, 190, 1).meanWaitSec)).toBe(true);
  });

  it("Erlang A matches the birth-death chain and tends to Erlang C as patience grows", () => {
    for (const [n, lambda, mu, theta] of [
      [8, 2 / 60, 1 / 360, 1 / 300],
      [4, 1 / 60, 1 / 240, 1 / 120],
      [10, 3 / 60, 1 / 180, 1 / 600],
    ] as const) {
      const a = erlangA(n, lambda, mu, theta);
      const b = birthDeath(n, lambda, mu, theta);
      expect(a.probWait).toBeCloseTo(b.probWait, 6);
      expect(a.abandonRate).toBeCloseTo(b.abandonRate, 6);
      expect(a.meanQueueSec).toBeCloseTo(b.meanQueueSec, 3);
    }
    const c = erlangC(4, 0.85 / 60, 1 / 240);
    const a = erlangA(4, 0.85 / 60, 1 / 240, 1e-9);
    expect(a.probWait).toBeCloseTo(c.probWait, 4);
  });

  it("erlangFor answers only where the model fits", () => {
    expect(erlangFor(loadScenario(join(scenarios, "steady.json")))).toBeNull();
    expect(erlangFor(loadScenario(join(scenarios, "specialists.json")))).toBeNull();
    const e = erlangFor(loadScenario(join(scenarios, "erlang-check.json")))!;
    expect(e).toMatchObject({ model: "erlang-c", servers: 5, notes: [] });
  });
});

describe("the simulator against Erlang C", () => {
  it("simulated mean wait on erlang-check is within 10 % of Erlang C", () => {
    const s = loadScenario(join(scenarios, "erlang-check.json"));
    const e = erlangFor(s)!;
    const figures = runPolicies(s, testingStrategies, s.seeds);
    for (const [policy, f] of Object.entries(figures)) {
      const dev = Math.abs(f.meanQueueSec! - e.meanWaitSec) / e.meanWaitSec;
      expect(dev, `${policy}: ${f.meanQueueSec} s vs Erlang C ${e.meanWaitSec} s`).toBeLessThan(0.1);
      // No abandonment: the answered chats' mean wait is the same figure.
      expect(f.meanWaitSec!).toBeCloseTo(f.meanQueueSec!, 6);
      expect(Math.abs(f.sl30! - e.sl30!)).toBeLessThan(0.03);
    }
  });

  it("with exponential patience, mean queue time and abandonment are within 10 % of Erlang A", () => {
    const base = loadScenario(join(scenarios, "erlang-check.json"));
    // Overloaded (ρ = 1.04): only abandonment keeps the queue finite.
    const s = { ...base, patienceMin: { mean: 3 }, arrivals: [{ ...base.arrivals[0]!, perMin: 1.3 }] };
    const e = erlangFor(s)!;
    expect(e.model).toBe("erlang-a");
    const f = runPolicies(s, { "test-fifo": testingStrategies["test-fifo"] }, 5)["test-fifo"]!;
    expect(Math.abs(f.meanQueueSec! - e.meanWaitSec) / e.meanWaitSec).toBeLessThan(0.1);
    expect(Math.abs(f.abandonRate! - e.abandonRate!) / e.abandonRate!).toBeLessThan(0.1);
  });
});
