// npm run bench:nlu [-- --json] [--reuse]
// Training time, artifact size, cold artifact load time, per-message p50/p99 and RSS after load.
// Trains into a temporary folder unless --reuse (then measures the artifact in DATA_DIR/models).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../../src/config.js";
import { decide } from "../../src/dialog/decide.js";
import { loadKnowledgeBase } from "../../src/knowledge/load.js";
import { loadOrTrain } from "../../src/nlu/artifact.js";
import { NluEngine } from "../../src/nlu/engine.js";
import { defaultNluPaths } from "../../src/nlu/load-engine.js";
import { progressPrinter } from "../../src/nlu/progress.js";
import { readDevSet } from "./dev-set.js";
import { percentile } from "./metrics.js";

const { values } = parseArgs({
  options: { json: { type: "boolean", default: false }, reuse: { type: "boolean", default: false }, rounds: { type: "string", default: "20" } },
});
const config = loadConfig();
const paths = defaultNluPaths(config.rootDir, config.modelsDir);
const kb = loadKnowledgeBase(paths.knowledgeDir, paths.outOfScopeFile);
const modelsDir = values.reuse ? paths.modelsDir : mkdtempSync(join(tmpdir(), "nlu-bench-"));
const log = (s: string) => process.stderr.write(`${s}\n`);

const t0 = performance.now();
// A fresh folder and no seed: this run trains, so the training time is measured.
const { model, info, trained } = loadOrTrain(kb, { cache: modelsDir, ...(values.reuse ? { seed: paths.seedModelsDir } : {}) }, progressPrinter(log));
const trainMs = trained ? performance.now() - t0 : info.trainMs;
const artifactBytes = readdirSync(info.dir).reduce((n, f) => n + statSync(join(info.dir, f)).size, 0);

// Cold loads, each in a fresh process: what a server start pays.
const tsx = join(config.rootDir, "node_modules", ".bin", "tsx");
const probes = [0, 1, 2].map(
  () => JSON.parse(execFileSync(tsx, [join(import.meta.dirname, "load-probe.ts"), dirname(info.dir), info.hash], { encoding: "utf8" }).trim()) as { loadMs: number; rssMb: number },
);
const loadMs = probes.map((p) => p.loadMs).sort((a, b) => a - b)[1] as number;

// Per-message latency over the dev set.
const texts = readDevSet().map((e) => e.text);
const engine = new NluEngine(model);
const now = new Date();
for (const t of texts) decide(engine.understand(t, now));
const samples: number[] = [];
for (let r = 0; r < Number(values.rounds); r++) {
  for (const t of texts) {
    const s = performance.now();
    decide(engine.understand(t, now));
    samples.push(performance.now() - s);
  }
}
samples.sort((a, b) => a - b);
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const result = {
  examples: info.examples,
  features: model.classifier.features.length,
  train_ms: Math.round(trainMs),
  artifact_bytes: artifactBytes,
  artifact_load_ms: r3(loadMs),
  messages: samples.length,
  p50_ms: r3(percentile(samples, 50)),
  p99_ms: r3(percentile(samples, 99)),
  rss_mb_after_load: Math.round((probes[1] as { rssMb: number }).rssMb),
};
if (!values.reuse) rmSync(modelsDir, { recursive: true, force: true });
if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(20)}${v}`);
