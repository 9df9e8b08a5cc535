import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Rng } from "../../../bench/routing/random.js";
import { loadScenario, parseScenario, type Scenario } from "../../../bench/routing/scenario.js";
import { generateCitizens, type LogEntry, simulate } from "../../../bench/routing/simulator.js";
import { testingStrategies } from "../../../bench/routing/testing-strategies.js";
import { defaultPolicy } from "../../../src/routing/policy.js";
import { strategies } from "../../../src/routing/strategies/index.js";
import type { RoutingStrategy } from "../../../src/routing/types.js";

const scenarios = join(import.meta.dirname, "../../../bench/scenarios");
const load = (name: string) => loadScenario(join(scenarios, `${name}.json`));
const fifo = testingStrategies["test-fifo"];
const leastLoaded = testingStrategies["test-least-loaded"];

/** The stand-ins and every real strategy: the simulator's guarantees must hold whatever the policy. */
const allStrategies: Record<string, () => RoutingStrategy> = {
  ...testingStrategies,
  ...Object.fromEntries(Object.entries(strategies).map(([name, make]) => [name, () => make(defaultPolicy)])),
};

describe("random streams", () => {
  it("are reproducible and independent per purpose", () => {
    const a = Rng.stream(7, "arrivals");
    const b = Rng.stream(7, "arrivals");
    const c = Rng.stream(7, "patience");
    const xs = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xs);
  });

  it("draws lognormals with the asked mean and cv", () => {
    const rng = Rng.stream(1, "test");
    const xs = Array.from({ length: 200_000 }, () => rng.lognormal(6, 0.8));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(6, 1);
    expect(sd / mean).toBeGreaterThan(0.76);
    expect(sd / mean).toBeLessThan(0.84);
  });
});

describe("common random numbers", () => {
  it("two policies see identical citizens (arrival, urgency, language, skill, H1, patience)", () => {
    const s = load("steady");
    const arrivals = (make: () => RoutingStrategy) =>
      simulate(s, make(), 3, { log: true }).log!.filter((e) => e.type === "arrival");
    const a = arrivals(fifo);
    const b = arrivals(leastLoaded);
    expect(a.length).toBeGreaterThan(400);
    expect(b).toEqual(a);
    // ...while the policies really did behave differently.
    const ma = simulate(s, fifo(), 3);
    const mb = simulate(s, leastLoaded(), 3);
    expect(ma.jainLoad).not.toBe(mb.jainLoad);
  });

  it("a change in one stream's use does not shift the others", () => {
    const s = load("steady");
    const base = generateCitizens(s, 5);
    const noPatience = generateCitizens({ ...s, patienceMin: null }, 5);
    expect(noPatience.map((c) => [c.arrivedAt, c.urgency, c.skill, c.workMs])).toEqual(
      base.map((c) => [c.arrivedAt, c.urgency, c.skill, c.workMs]),
    );
  });
});

describe("simulator", () => {
  it("obeys Little's law on steady (L = λW for the queue)", () => {
    const s = load("steady");
    const ratios: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const m = simulate(s, leastLoaded(), seed);
      ratios.push(m.little.ratio);
      // Little's law holds up to the window's edges (chats still queued at its start or end).
      expect(Math.abs(m.little.ratio - 1)).toBeLessThan(0.05);
    }
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    expect(Math.abs(mean - 1)).toBeLessThan(0.02);
  });

  it("never exceeds a capacity, whatever the strategy and scenario", () => {
    for (const name of [
      "steady",
      "monday-peak",
      "agent-dropout",
      "urgent-surge",
      "mixed-languages",
      "specialists",
    ]) {
      const s = load(name);
      for (const [policy, make] of Object.entries(allStrategies)) {
        // debug: the simulator throws on any invalid offer and checks every agent after every event.
        const m = simulate(s, make(), 1, { debug: true, log: true });
        expect(m.rejectedAssignments, `${name}/${policy}`).toBe(0);
        const caps = new Map(s.agents.map((g) => [g.name, g.capacity]));
        expect(m.maxConcurrent).toBeLessThanOrEqual(Math.max(...caps.values()));
        // From the event log, independently of the simulator's own checks.
        for (const e of m.log!) {
          if ("load" in e)
            expect(e.load, `${name}/${policy} ${e.type} ${e.chat}`).toBeLessThanOrEqual(e.capacity);
        }
      }
    }
  });

  it("re-queues the chats of agents going offline without losing any", () => {
    const s = load("agent-dropout");
    for (const [policy, make] of Object.entries(allStrategies)) {
      const m = simulate(s, make(), 2, { debug: true, log: true });
      const t = m.totals;
      expect(t.requeuedByDropout, policy).toBeGreaterThan(0);
      expect(t.completed + t.abandoned + t.active + t.offered + t.waiting, policy).toBe(t.arrivals);
      expect(m.answered + m.abandoned + m.unansweredAtEnd, policy).toBe(m.arrivals);
      // Every chat re-queued from an active conversation was finished by someone else.
      const log = m.log!;
      const finished = new Set(log.flatMap((e) => (e.type === "finish" ? [e.chat] : [])));
      const requeued = log.flatMap((e) => (e.type === "requeue" && e.wasActive ? [e.chat] : []));
      expect(requeued.length, policy).toBeGreaterThan(0);
      for (const chat of requeued) expect(finished.has(chat), `${policy}: ${chat}`).toBe(true);
    }
  });

  it("keeps the remaining work of a dropped conversation and slows agents with concurrency", () => {
    const s = load("agent-dropout");
    const m = simulate(s, fifo(), 4, { log: true });
    checkWork(s, m.log!);
    const steady = load("steady");
    checkWork(steady, simulate(steady, leastLoaded(), 4, { log: true }).log!);
  });

  it("with no slowdown and one language, every work-conserving policy gives the same waits", () => {
    const s = load("erlang-check");
    const short: Scenario = { ...s, durationMin: 2000, arrivals: [{ ...s.arrivals[0]!, toMin: 2000 }] };
    const a = simulate(short, fifo(), 1);
    const b = simulate(short, leastLoaded(), 1);
    expect(b.meanWaitSec).toBeCloseTo(a.meanWaitSec, 9);
  });

  it("where nobody leaves the queue, dynamic's deadline lines switch off and its p95 is oldest first's", () => {
    // 80 % load, one class, no abandonment: with the lines on, p95 was 952 s against 593 s.
    const s = load("erlang-check");
    const short: Scenario = { ...s, durationMin: 3000, arrivals: [{ ...s.arrivals[0]!, toMin: 3000 }] };
    for (const seed of [1, 2]) {
      const dynamic = simulate(short, strategies.dynamic!(defaultPolicy), seed);
      const oldestFirst = simulate(short, strategies["fifo-round-robin"]!(defaultPolicy), seed);
      expect(dynamic.p95WaitSec).toBeLessThanOrEqual(oldestFirst.p95WaitSec);
      // With patient citizens assumed away, the lines stay on and the tail is longer.
      const alwaysLines = strategies.dynamic!({
        ...defaultPolicy,
        patientQueue: { waitMs: 60_000, offers: Number.POSITIVE_INFINITY },
      });
      expect(simulate(short, alwaysLines, seed).p95WaitSec).toBeGreaterThan(oldestFirst.p95WaitSec * 1.1);
    }
  });

  it("drops nothing when there are no agents at all for a while, and drains at the end", () => {
    const s = parseScenario({
      durationMin: 60,
      arrivals: [{ fromMin: 0, toMin: 60, perMin: 1 }],
      agents: [{ count: 1, capacity: 2, online: [[30, 60]] }],
    });
    const m = simulate(s, fifo(), 1, { debug: true });
    expect(m.totals.completed).toBe(m.totals.arrivals);
    expect(m.unansweredAtEnd).toBe(0);
  });
});

/**
 * Replays the log: between events an agent holding k chats works on each at 1 / (1 + s (k - 1)); the
 * work done on each chat, summed over its agents, must equal its H1.
 */
function checkWork(s: Scenario, log: LogEntry[]): void {
  const h1 = new Map<string, number>();
  const done = new Map<string, number>();
  const held = new Map<string, Set<string>>();
  const since = new Map<string, number>();
  const advance = (agent: string, t: number) => {
    const chats = held.get(agent) ?? new Set();
    const k = chats.size;
    if (k > 0) {
      const work = (t - since.get(agent)!) / (1 + s.concurrencySlowdown * (k - 1));
      for (const c of chats) done.set(c, (done.get(c) ?? 0) + work);
    }
    since.set(agent, t);
    held.set(agent, chats);
  };
  let finishes = 0;
  for (const e of log) {
    if (e.type === "arrival") h1.set(e.chat, e.workMs);
    if (e.type === "accept") {
      advance(e.agent, e.t);
      held.get(e.agent)!.add(e.chat);
    }
    if (e.type === "finish" || (e.type === "requeue" && e.wasActive)) {
      advance(e.agent, e.t);
      held.get(e.agent)!.delete(e.chat);
    }
    if (e.type === "finish") {
      finishes++;
      expect(done.get(e.chat)! / h1.get(e.chat)!).toBeCloseTo(1, 6);
    }
  }
  expect(finishes).toBeGreaterThan(300);
}
