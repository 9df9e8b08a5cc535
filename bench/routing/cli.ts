// npm run bench:routing -- --scenario <file.json> [--json] [--seeds N] [--policies a,b]
// Runs every routing policy over the scenario's seeds (common random numbers), prints one row per
// policy and the Erlang C / Erlang A figures where the scenario allows them. With --json the last
// stdout line is {"scenario": name, "policies": {...}, "erlang": {...} | null}, plus "versus": {baseline:
// {metric: {dynamic, baseline, diff, se, n, verdict}}} when dynamic is among the policies. The text output
// ends with the same comparison: dynamic vs each baseline on the target's five figures, with the paired
// standard error over seeds (compare.ts).
// Exit codes: 0 ok, 2 bad arguments or scenario file.
import { parseArgs } from "node:util";
import { defaultPolicy } from "../../src/routing/policy.js";
import { strategies } from "../../src/routing/strategies/index.js";
import { type ErlangFigures, erlangFor } from "./erlang.js";
import { type Comparison, compareToBaselines, formatComparison, versusJson } from "./compare.js";
import { aggregateAll, type PolicyFigures, runPolicySeeds, type StrategyFactory } from "./run.js";
import { loadScenario, type Scenario, ScenarioError } from "./scenario.js";

const USAGE = "usage: npm run bench:routing -- --scenario <file.json> [--json] [--seeds N] [--policies a,b]";

function usageError(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: { scenario?: string; json?: boolean; seeds?: string; policies?: string };
try {
  ({ values } = parseArgs({
    options: {
      scenario: { type: "string" },
      json: { type: "boolean", default: false },
      seeds: { type: "string" },
      policies: { type: "string" },
    },
  }));
} catch (error) {
  usageError((error as Error).message);
}
if (!values.scenario) usageError("missing --scenario");

let scenario: Scenario;
try {
  scenario = loadScenario(values.scenario);
} catch (error) {
  if (error instanceof ScenarioError) usageError(error.message);
  throw error;
}

let seeds = scenario.seeds;
if (values.seeds !== undefined) {
  seeds = Number(values.seeds);
  if (!Number.isInteger(seeds) || seeds < 1)
    usageError(`--seeds: expected a positive integer, got "${values.seeds}"`);
}

const factories: Record<string, StrategyFactory> = {};
const wanted = values.policies ? values.policies.split(",").map((s) => s.trim()) : Object.keys(strategies);
for (const name of wanted) {
  const make = strategies[name];
  if (!make)
    usageError(`--policies: unknown policy "${name}" (known: ${Object.keys(strategies).join(", ")})`);
  factories[name] = () => make(defaultPolicy);
}

// Progress on stderr: a line per policy, and a live counter when stderr is a terminal.
const started = performance.now();
let policyStarted = started;
const perSeed = runPolicySeeds(scenario, factories, seeds, ({ policy, seed, seeds: total }) => {
  if (process.stderr.isTTY) process.stderr.write(`\r${scenario.name}: ${policy} seed ${seed}/${total}   `);
  if (seed === total) {
    const s = ((performance.now() - policyStarted) / 1000).toFixed(1);
    process.stderr.write(
      `${process.stderr.isTTY ? "\r" : ""}${scenario.name}: ${policy} ${total} seeds in ${s} s     \n`,
    );
    policyStarted = performance.now();
  }
});
const results = aggregateAll(perSeed);
const erlang = erlangFor(scenario);
// Paired comparison of dynamic with every other policy over the same seeds; empty without dynamic.
const comparisons: Comparison[] = compareToBaselines(perSeed, "dynamic");

if (values.json) {
  const versus = comparisons.length > 0 ? { versus: versusJson(comparisons) } : {};
  process.stdout.write(
    `${JSON.stringify({ scenario: scenario.name, policies: results, erlang, ...versus })}\n`,
  );
} else {
  const table = formatTable(scenario, seeds, results, erlang);
  const section = formatComparison(comparisons, "dynamic");
  process.stdout.write(`${[table, ...(section.length > 0 ? ["", ...section] : [])].join("\n")}\n`);
}
process.stderr.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

function fmt(x: number | null | undefined, digits: number): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "-" : x.toFixed(digits);
}

function formatTable(
  s: Scenario,
  nSeeds: number,
  rows: Record<string, PolicyFigures>,
  e: ReturnType<typeof erlangFor>,
): string {
  const head = [
    "policy",
    "meanWait",
    "p95Wait",
    "maxWait",
    "sl30",
    "abandon",
    "urgP95",
    "utilMin",
    "utilMax",
    "jain",
    "maxConc",
    "reoffers",
    "little",
    "pickUs",
  ];
  const body = Object.entries(rows).map(([name, r]) => [
    name,
    fmt(r.meanWaitSec, 1),
    fmt(r.p95WaitSec, 1),
    fmt(r.maxWaitSec, 1),
    fmt(r.sl30, 4),
    fmt(r.abandonRate, 4),
    fmt(r.urgentP95WaitSec, 1),
    fmt(r.utilMin, 3),
    fmt(r.utilMax, 3),
    fmt(r.jainLoad, 3),
    String(r.maxConcurrent),
    fmt(r.reoffers, 1),
    fmt(r.littleRatio, 3),
    fmt(r.pickUs, 1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const arrivals = Object.values(rows)[0]?.arrivals;
  const lines = [
    `scenario ${s.name}: ${nSeeds} seeds, ${s.durationMin} min (warm-up ${s.warmupMin}), ~${fmt(arrivals, 0)} measured arrivals per seed`,
    "waits in s (arrival to acceptance, answered chats); p95 and max are means of per-seed values; little = L/(λW)",
    line(head),
    ...body.map(line),
  ];
  const rejected = Object.entries(rows).filter(([, r]) => r.rejectedAssignments > 0);
  for (const [name, r] of rejected)
    lines.push(`WARNING ${name}: ${r.rejectedAssignments} invalid assignments skipped`);
  lines.push(...formatErlang(e, rows));
  return lines.join("\n");
}

function formatErlang(e: ErlangFigures | null, rows: Record<string, PolicyFigures>): string[] {
  if (!e) return ["erlang: not applicable to this scenario"];
  const name = e.model === "erlang-c" ? "Erlang C" : "Erlang A";
  const parts = [
    `${name}: n=${e.servers}, a=${e.offeredLoad.toFixed(2)} Erl, ρ=${e.utilization.toFixed(3)}`,
    `P(wait)=${e.probWait.toFixed(3)}`,
    `mean wait (all arrivals)=${fmt(e.meanWaitSec, 1)} s`,
  ];
  if (e.sl30 !== undefined) parts.push(`sl30=${e.sl30.toFixed(3)}`);
  if (e.abandonRate !== undefined) parts.push(`abandon=${e.abandonRate.toFixed(3)}`);
  if (e.meanWaitSecAllenCunneen !== undefined)
    parts.push(`Allen-Cunneen=${e.meanWaitSecAllenCunneen.toFixed(1)} s`);
  const out = [parts.join(", ")];
  for (const [policy, r] of Object.entries(rows)) {
    if (r.meanQueueSec === null || !Number.isFinite(e.meanWaitSec)) continue;
    const dev = ((r.meanQueueSec - e.meanWaitSec) / e.meanWaitSec) * 100;
    out.push(
      `  ${policy}: simulated mean wait (all arrivals) ${r.meanQueueSec.toFixed(1)} s (${dev >= 0 ? "+" : ""}${dev.toFixed(1)} %)`,
    );
  }
  if (e.notes.length > 0) out.push(`  approximate: ${e.notes.join("; ")}`);
  return out;
}
