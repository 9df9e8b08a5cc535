import { join } from "node:path";
import { type KnowledgeBase, loadKnowledgeBase } from "../knowledge/load.js";
import { type ArtifactInfo, loadOrTrain } from "./artifact.js";
import { NluEngine } from "./engine.js";
import type { TrainProgress } from "./train.js";

export interface NluSetup {
  kb: KnowledgeBase;
  engine: NluEngine;
  artifact: ArtifactInfo;
  trained: boolean;
  loadMs: number;
}

/** Paths the understanding layer reads: the knowledge base, the out-of-scope examples and the models. */
export interface NluPaths {
  knowledgeDir: string;
  outOfScopeFile: string;
  modelsDir: string;
}

export function defaultNluPaths(root: string, dataDir: string): NluPaths {
  return {
    knowledgeDir: join(root, "knowledge-base"),
    outOfScopeFile: join(root, "bot", "out-of-scope.yaml"),
    modelsDir: join(dataDir, "models"),
  };
}

/** Loads the knowledge base and the model for it (training only when its inputs changed). */
export function setupNlu(paths: NluPaths, progress?: TrainProgress): NluSetup {
  const started = performance.now();
  const kb = loadKnowledgeBase(paths.knowledgeDir, paths.outOfScopeFile);
  const { model, info, trained } = loadOrTrain(kb, paths.modelsDir, progress);
  const engine = new NluEngine(model);
  return { kb, engine, artifact: info, trained, loadMs: Math.round(performance.now() - started) };
}
