import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { formatIssues } from "../http/validation.js";
import { type KnowledgeBase, loadKnowledgeBase } from "../knowledge/load.js";
import { type ArtifactInfo, findArtifact, inputsHash, loadArtifact, type ModelDirs, trainArtifact } from "./artifact.js";
import { NluEngine } from "./engine.js";
import { TopicIndex, type Topics, TopicsSchema } from "./topics.js";
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

/** Where models are looked for: the cache trained here first, then the one the repository ships. */
export const modelDirsOf = (paths: NluPaths): ModelDirs => ({ cache: paths.modelsDir, seed: paths.seedModelsDir });

/**
 * Loads the knowledge base and the model for it (prepareNlu: training only when its inputs
 * changed) and builds the engine in this thread.
 */
export function setupNlu(paths: NluPaths, progress?: TrainProgress): NluSetup {
  const started = performance.now();
  const { kb, engine: files, trained } = prepareNlu(paths, progress);
  const { engine, artifact } = buildEngine(files);
  return { kb, engine, artifact, trained, loadMs: Math.round(performance.now() - started) };
}

/** The knowledge base, and the model for it made ready on disk (trained first if need be), not loaded. */
export interface NluPrepared {
  kb: KnowledgeBase;
  /** bot/topics.yaml, validated against the knowledge base's intents. */
  topics: Topics;
  /** What an engine is built from, here or in a worker thread. */
  engine: EngineFiles;
  trained: boolean;
  loadMs: number;
}

/** The files an engine is built from. */
export interface EngineFiles {
  modelsDir: string;
  hash: string;
  topicsFile: string;
  /** The knowledge base's intents, which topic menus may name. */
  intents: string[];
  /** The service's time zone, for relative dates (Asia/Shanghai when not given). */
  timeZone?: string;
}

/**
 * Like setupNlu, but leaves the model on disk when it is there already: the server builds its
 * engine where it will run (a worker thread), so the main thread need not hold a copy.
 */
export function prepareNlu(paths: NluPaths, progress?: TrainProgress, given?: KnowledgeBase): NluPrepared {
  const started = performance.now();
  // The knowledge base read from its folder, unless given (a version the store keeps).
  const kb = given ?? loadKnowledgeBase(paths.knowledgeDir, paths.outOfScopeFile);
  const hash = inputsHash(kb);
  let modelsDir = findArtifact(modelDirsOf(paths), hash);
  let trained = false;
  if (!modelsDir) {
    modelsDir = dirname(trainArtifact(kb, paths.modelsDir, progress).info.dir);
    trained = true;
  }
  const intents = kb.intents.map((i) => i.id);
  const topics = readTopics(paths.topicsFile); // a malformed topics file stops the start here, with its name
  return { kb, topics, engine: { modelsDir, hash, topicsFile: paths.topicsFile, intents }, trained, loadMs: Math.round(performance.now() - started) };
}

/** Builds an engine from files prepared earlier (prepareNlu), without training. */
export function loadEngine(files: EngineFiles): NluEngine {
  return buildEngine(files).engine;
}

/** The engine built from prepared files, and what the artifact it was built from says of itself. */
function buildEngine(files: EngineFiles): { engine: NluEngine; artifact: ArtifactInfo } {
  const loaded = loadArtifact(files.modelsDir, files.hash);
  if (!loaded) throw new Error(`no model artifact ${files.hash} in ${files.modelsDir}`);
  const engine = new NluEngine(loaded.model, loadTopics(files.topicsFile, files.intents), files.timeZone);
  return { engine, artifact: loaded.info };
}

function loadTopics(topicsFile: string, intents: string[]): TopicIndex {
  return new TopicIndex(readTopics(topicsFile), new Set(intents));
}

/** bot/topics.yaml, validated: the areas, the phrases that name them and the intents they offer. */
function readTopics(topicsFile: string): Topics {
  const topicsData = TopicsSchema.safeParse(parse(readFileSync(topicsFile, "utf8")));
  if (!topicsData.success) {
    throw new Error(`${topicsFile}: ${formatIssues(topicsData.error.issues)}`);
  }
  return topicsData.data;
}
