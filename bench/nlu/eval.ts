// npm run eval -- --data <file.jsonl> [--json]
// Runs every line through exactly the chat's decision path (understand + decide) and prints the
// figures; with --json the last stdout line is one JSON object. Exit 2 on a missing or bad file.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../../src/config.js";
import { decide } from "../../src/dialog/decide.js";
import { defaultNluPaths, setupNlu } from "../../src/nlu/load-engine.js";
import { progressPrinter } from "../../src/nlu/progress.js";
import { type EvalItem, type EvalOutcome, predictedIntent, summarise } from "./metrics.js";

function fail(message: string): never {
  process.stderr.write(`eval: ${message}\n`);
  process.exit(2);
}

function readItems(file: string): EvalItem[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const items: EvalItem[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      fail(`${file} line ${i + 1}: not valid JSON`);
    }
    const r = row as Partial<EvalItem>;
    if (typeof r !== "object" || r === null || typeof r.text !== "string" || typeof r.intent !== "string") {
      fail(`${file} line ${i + 1}: expected {"text": string, "intent": string, "lang"?: string}`);
    }
    items.push({ text: r.text, intent: r.intent, ...(typeof r.lang === "string" ? { lang: r.lang } : {}) });
  });
  if (items.length === 0) fail(`${file} has no lines`);
  return items;
}

const { values } = parseArgs({
  options: { data: { type: "string" }, json: { type: "boolean", default: false } },
  allowPositionals: false,
  strict: true,
});
if (!values.data) fail("missing --data <file.jsonl>");
const items = readItems(values.data);

const config = loadConfig();
const nlu = setupNlu(
  defaultNluPaths(config.rootDir, config.modelsDir),
  progressPrinter((line) => process.stderr.write(`${line}\n`)),
);
process.stderr.write(
  `model ${nlu.artifact.hash} ${nlu.trained ? `trained in ${nlu.artifact.trainMs} ms` : `loaded in ${nlu.loadMs} ms`}\n`,
);
const domainOf = new Map(nlu.kb.intents.map((i) => [i.id, i.domain]));
const now = new Date();
// Warm up the JIT so the first messages do not dominate p99.
for (const item of items.slice(0, 20)) decide(nlu.engine.understand(item.text, now));

const outcomes: EvalOutcome[] = items.map((item) => {
  const t0 = performance.now();
  const decision = decide(nlu.engine.understand(item.text, now));
  return { item, decision, ms: performance.now() - t0 };
});
const summary = summarise(outcomes);
const errors = outcomes
  .filter((o) => predictedIntent(o.decision) !== o.item.intent)
  .map((o) => ({
    text: o.item.text,
    expected: o.item.intent,
    predicted: predictedIntent(o.decision),
    decision: o.decision.kind,
    confidence: Math.round(o.decision.confidence * 1000) / 1000,
  }));

if (values.json) {
  process.stdout.write(`${JSON.stringify({ ...summary, model: nlu.artifact.hash, errors })}\n`);
} else {
  const domains = [...new Set(items.map((i) => domainOf.get(i.intent) ?? "unknown"))];
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  console.log(`${pad("domain", 14)}${pad("n", 6)}${pad("accuracy", 10)}${pad("answered", 10)}${pad("ans.prec", 10)}clarify/fallback`);
  for (const d of domains) {
    const s = summarise(outcomes.filter((o) => (domainOf.get(o.item.intent) ?? "unknown") === d));
    console.log(
      `${pad(d, 14)}${pad(s.n, 6)}${pad(s.accuracy.toFixed(3), 10)}${pad(s.answer_coverage.toFixed(3), 10)}${pad(s.answer_precision.toFixed(3), 10)}${s.clarify_rate.toFixed(2)}/${s.fallback_rate.toFixed(2)}`,
    );
  }
  console.log("");
  for (const [k, v] of Object.entries(summary)) console.log(`${pad(k, 20)}${v}`);
  console.log(`\n${errors.length} errors:`);
  for (const e of errors) console.log(`  [${e.expected} -> ${e.predicted} ${e.decision} ${e.confidence}] ${e.text}`);
}
