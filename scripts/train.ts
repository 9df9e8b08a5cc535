// npm run train: builds the NLU artifact for the current knowledge base (no-op when it exists).
import { loadConfig } from "../src/config.js";
import { defaultNluPaths, setupNlu } from "../src/nlu/load-engine.js";

const config = loadConfig();
const nlu = setupNlu(defaultNluPaths(config.rootDir, config.modelsDir), (step, done, total) =>
  console.log(`training: ${step} ${done}/${total}`),
);
console.log(
  `model ${nlu.artifact.hash} (${nlu.artifact.examples} examples) ${nlu.trained ? "trained" : "already up to date, loaded"} in ${nlu.loadMs} ms: ${nlu.artifact.dir}`,
);
