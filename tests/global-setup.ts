import { loadConfig } from "../src/config.js";
import { ensureBuilt } from "./testing/browser.js";
import { defaultNluPaths, setupNlu } from "../src/nlu/load-engine.js";
import { progressPrinter } from "../src/nlu/progress.js";

/** Makes sure the model artifact for the current knowledge base exists, so test files only load it. */
export default async function setup() {
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? "data" });
  const nlu = setupNlu(
    defaultNluPaths(config.rootDir, config.modelsDir),
    progressPrinter((line) => process.stdout.write(`${line}\n`)),
  );
  process.stdout.write(`NLU model ${nlu.artifact.hash} ${nlu.trained ? "trained" : "loaded"} in ${nlu.loadMs} ms\n`);
  // Built once here, before test files run in parallel: two files building into one dist/ at once
  // could serve a half-written bundle.
  await ensureBuilt("widget");
  await ensureBuilt("agent-console");
}
