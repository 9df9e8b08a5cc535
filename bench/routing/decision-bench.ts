// npx tsx bench/routing/decision-bench.ts [--json] [--states 64] [--iterations 4000]
// Microseconds per routing decision (`strategy.pick`) for every strategy, with 200 waiting chats and
// 100 agents in random but seeded states (mixed urgency, languages, skills, loads, some declines).
// The target (issue 5) is <= 50 us per dynamic decision.
import { Rng } from "./random.js";
import { parseArgs } from "node:util";
import { defaultPolicy } from "../../src/routing/policy.js";
import { strategies } from "../../src/routing/strategies/index.js";
import type { AgentState, Urgency, WaitingChat } from "../../src/routing/types.js";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    states: { type: "string", default: "64" },
    iterations: { type: "string", default: "4000" },
    chats: { type: "string", default: "200" },
    agents: { type: "string", default: "100" },
  },
});

/** Repeatable states from the simulator's seeded generator. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.uniform();
}

const NOW = 10_000_000;
const SKILLS = ["pension", "medical", "unemployment", "injury", "other"];

function makeState(seed: number, chatCount: number, agentCount: number) {
  const r = rng(seed);
  const pickOne = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const agents: AgentState[] = [];
  for (let i = 0; i < agentCount; i++) {
    const capacity = 2 + Math.floor(r() * 3);
    const load = Math.floor(r() * (capacity + 1));
    const pendingOffers = Math.min(load, r() < 0.2 ? 1 : 0);
    agents.push({
      id: `a${String(i).padStart(3, "0")}`,
      online: r() < 0.9,
      capacity,
      active: load - pendingOffers,
      pendingOffers,
      languages: r() < 0.25 ? ["zh", "en"] : ["zh"],
      skills: r() < 0.3 ? ["*"] : [pickOne(SKILLS), ...(r() < 0.4 ? [pickOne(SKILLS)] : [])],
      lastAssignedAt: NOW - Math.floor(r() * 600_000),
      onlineSince: NOW - 3_600_000,
    });
  }
  const waiting: WaitingChat[] = [];
  for (let j = 0; j < chatCount; j++) {
    const u = r();
    const urgency: Urgency = u < 0.15 ? "urgent" : u < 0.85 ? "normal" : "low";
    waiting.push({
      id: `c${String(j).padStart(4, "0")}`,
      // Up to 12 min of wait: some chats relaxed, a few aged.
      arrivedAt: NOW - Math.floor(r() * 720_000),
      urgency,
      language: r() < 0.9 ? "zh" : "en",
      skill: pickOne(SKILLS),
      declinedBy: r() < 0.1 ? [agents[Math.floor(r() * agentCount)]!.id] : [],
    });
  }
  // In arrival order, as RoutingStatePort.waiting() hands the queue over.
  waiting.sort((a, b) => a.arrivedAt - b.arrivedAt);
  return { waiting, agents };
}

const stateCount = Number(values.states);
const iterations = Number(values.iterations);
const states = Array.from({ length: stateCount }, (_, s) =>
  makeState(1000 + s, Number(values.chats), Number(values.agents)),
);

const results: Record<string, { meanUs: number; p50Us: number; p99Us: number; offersPerPick: number }> = {};
for (const [name, make] of Object.entries(strategies)) {
  const strategy = make(defaultPolicy);
  // Warm-up: let the JIT settle before measuring.
  for (let k = 0; k < 2000; k++) {
    const s = states[k % stateCount]!;
    strategy.pick(s.waiting, s.agents, NOW);
  }
  const samples = new Float64Array(iterations);
  let offers = 0;
  for (let k = 0; k < iterations; k++) {
    const s = states[k % stateCount]!;
    const t0 = process.hrtime.bigint();
    const out = strategy.pick(s.waiting, s.agents, NOW);
    samples[k] = Number(process.hrtime.bigint() - t0) / 1000;
    offers += out.length;
  }
  samples.sort();
  const mean = samples.reduce((a, b) => a + b, 0) / iterations;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  results[name] = {
    meanUs: r2(mean),
    p50Us: r2(samples[Math.floor(iterations * 0.5)]!),
    p99Us: r2(samples[Math.min(iterations - 1, Math.floor(iterations * 0.99))]!),
    offersPerPick: r2(offers / iterations),
  };
}

const setup = { chats: Number(values.chats), agents: Number(values.agents), states: stateCount, iterations };
if (values.json) {
  process.stdout.write(`${JSON.stringify({ ...setup, targetUs: 50, strategies: results })}\n`);
} else {
  console.log(
    `routing decision: ${setup.chats} waiting chats, ${setup.agents} agents, ${stateCount} states x ${iterations} picks`,
  );
  console.log(
    `${"strategy".padEnd(20)}${"mean us".padStart(10)}${"p50 us".padStart(10)}${"p99 us".padStart(10)}${"offers".padStart(10)}`,
  );
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(20)}${String(r.meanUs).padStart(10)}${String(r.p50Us).padStart(10)}${String(r.p99Us).padStart(10)}${String(r.offersPerPick).padStart(10)}`,
    );
  }
  console.log("target: dynamic <= 50 us per decision");
}
