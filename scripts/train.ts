// npm run train: makes sure models/ (kept in git) holds the model for the current knowledge base.
// A knowledge-base change needs this run and a commit of models/: tests/nlu/artifact.test.ts
// fails while the committed model was trained on other inputs.
import { cpSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../src/config.js";
import { loadKnowledgeBase } from "../src/knowledge/load.js";
import { hasArtifact, inputsHash, trainArtifact } from "../src/nlu/artifact.js";
import { defaultNluPaths } from "../src/nlu/load-engine.js";
import { progressPrinter } from "../src/nlu/progress.js";

const config = loadConfig();
const paths = defaultNluPaths(config.rootDir, config.modelsDir);
const kb = loadKnowledgeBase(paths.knowledgeDir, paths.outOfScopeFile);
const hash = inputsHash(kb);
const name = `nlu-${hash}`;
const seed = paths.seedModelsDir;
if (hasArtifact(seed, hash)) {
  console.log(`models/${name} is up to date with the knowledge base`);
} else {
  // Trained here already (a start after an edit): copy it instead of training again.
  const cached = join(paths.modelsDir, name);
  if (hasArtifact(paths.modelsDir, hash)) {
    cpSync(cached, join(seed, name), { recursive: true });
    console.log(`copied ${cached} to models/${name}`);
  } else {
    const { info } = trainArtifact(kb, seed, progressPrinter((line) => console.log(line)), 1);
    console.log(`trained models/${name} (${info.examples} examples) in ${(info.trainMs / 1000).toFixed(1)} s`);
  }
  for (const old of readdirSync(seed)) if (old !== name) rmSync(join(seed, old), { recursive: true });
  console.log("commit models/ with the knowledge-base change");
}
