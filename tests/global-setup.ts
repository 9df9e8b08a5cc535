import { loadConfig } from "../src/config.js";
import { ensureBuilt } from "./testing/browser.js";
import { defaultNluPaths, setupNlu } from "../src/nlu/load-engine.js";

/** Makes sure the model artifact for the current knowledge base exists, so test files only load it. */
export default function setup() {
  const config = loadConfig({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? "data" });
  let last = "";
  const nlu = setupNlu(defaultNluPaths(config.rootDir, config.modelsDir), (step, done, total) => {
    const line = `training the NLU model: ${step} ${done}/${total}`;
    if (line !== last) process.stdout.write(`${line}\n`);
    last = line;
  });
  process.stdout.write(`NLU model ${nlu.artifact.hash} ${nlu.trained ? "trained" : "loaded"} in ${nlu.loadMs} ms\n`);
  // Built once here, before test files run in parallel: two files building into one dist/ at once
  // could serve a half-written bundle.
  ensureBuilt("widget", "dist/widget.js", "build:widget");
  ensureBuilt("agent-console", "dist/index.html", "build:console");
}
