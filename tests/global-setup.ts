import { loadConfig } from "../src/config.js";
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
}
