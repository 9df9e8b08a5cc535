import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { type KnowledgeBase, loadKnowledgeBase } from "../knowledge/load.js";
import { type ArtifactInfo, loadOrTrain } from "./artifact.js";
import { NluEngine } from "./engine.js";
import { TopicIndex, TopicsSchema } from "./topics.js";
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
  topicsFile: string;
  /** Where models trained on this machine are kept. */
  modelsDir: string;
  /** The model for the committed knowledge base, kept in the repository so a first start need not train. */
  seedModelsDir: string;
}

export function defaultNluPaths(root: string, modelsDir: string): NluPaths {
  return {
    knowledgeDir: join(root, "knowledge-base"),
    outOfScopeFile: join(root, "bot", "out-of-scope.yaml"),
    topicsFile: join(root, "bot", "topics.yaml"),
    modelsDir,
    seedModelsDir: join(root, "models"),
  };
}

/** Loads the knowledge base and the model for it (training only when its inputs changed). */
export function setupNlu(paths: NluPaths, progress?: TrainProgress): NluSetup {
  const started = performance.now();
  const kb = loadKnowledgeBase(paths.knowledgeDir, paths.outOfScopeFile);
  const { model, info, trained } = loadOrTrain(kb, { cache: paths.modelsDir, seed: paths.seedModelsDir }, progress);
  const topicsData = TopicsSchema.safeParse(parse(readFileSync(paths.topicsFile, "utf8")));
  if (!topicsData.success) throw new Error(`${paths.topicsFile}: ${topicsData.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const topics = new TopicIndex(topicsData.data, new Set(kb.intents.map((i) => i.id)));
  const engine = new NluEngine(model, topics);
  return { kb, engine, artifact: info, trained, loadMs: Math.round(performance.now() - started) };
}
