import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { KnowledgeBase } from "../knowledge/load.js";
import type { NluModel } from "./engine.js";
import { buildPinyinMap } from "./pinyin.js";
import { CLASSIFIER_SETTINGS } from "./classifier.js";
import { BLEND, CLASSIFIER_OOS_CAP, FOLDS, type TrainProgress, trainingExamples, trainModel } from "./train.js";

/** Bump when features or the artifact layout change; training settings are hashed on their own. */
export const TRAINER_VERSION = "nlu-6";
const KEEP = 3;

const require = createRequire(import.meta.url);
const NLPJS_VERSION = (require("@nlpjs/neural/package.json") as { version: string }).version;

/**
 * A hash of everything training reads: the question variants in the order trained (each with its
 * intent and FAQ), the out-of-scope examples, the anchors, the trainer's settings and the library
 * version. Not the answers, legal bases or links: correcting an answer needs no new model.
 */
export function inputsHash(kb: KnowledgeBase): string {
  const settings = JSON.stringify({ CLASSIFIER_SETTINGS, BLEND, FOLDS, CLASSIFIER_OOS_CAP });
  const h = createHash("sha256").update(`${TRAINER_VERSION}\n@nlpjs/neural@${NLPJS_VERSION}\n${settings}\n`);
  for (const e of trainingExamples(kb)) h.update(`${e.label}\t${e.faqId ?? ""}\t${e.text}\n`);
  h.update(JSON.stringify(kb.anchors));
  return h.digest("hex").slice(0, 16);
}

export interface ArtifactInfo {
  hash: string;
  dir: string;
  createdAt: string;
  examples: number;
  trainMs: number;
}

const dirFor = (modelsDir: string, hash: string) => join(modelsDir, `nlu-${hash}`);
const MODEL_FILE = "model.json.gz";
const WEIGHTS_FILE = "weights.bin.gz";

/**
 * Writes the model as model.json.gz plus weights.bin.gz (the classifier's float32 weights),
 * atomically. Gzip takes the pair from 6.4 MB to 1.2 MB, which matters for the copy kept in git.
 * `keep` newest artifacts stay (for rollback), older ones are removed.
 */
export function saveArtifact(
  modelsDir: string,
  hash: string,
  model: NluModel,
  meta: Omit<ArtifactInfo, "dir" | "hash">,
  keep = KEEP,
) {
  mkdirSync(modelsDir, { recursive: true });
  const final = dirFor(modelsDir, hash);
  const tmp = `${final}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  const { weights, ...classifier } = model.classifier;
  writeFileSync(join(tmp, WEIGHTS_FILE), gzipSync(Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength)));
  writeFileSync(join(tmp, MODEL_FILE), gzipSync(JSON.stringify({ meta: { ...meta, hash }, model: { ...model, classifier } })));
  rmSync(final, { recursive: true, force: true });
  renameSync(tmp, final);
  pruneOld(modelsDir, keep);
  return final;
}

/** Keeps the newest `keep` artifacts and removes the rest. */
function pruneOld(modelsDir: string, keep: number) {
  const dirs = readdirSync(modelsDir)
    .filter((d) => /^nlu-[0-9a-f]+$/.test(d))
    .map((d) => ({ d, t: statSync(join(modelsDir, d)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { d } of dirs.slice(keep)) rmSync(join(modelsDir, d), { recursive: true, force: true });
}

/** Whether `modelsDir` holds the artifact for `hash` (both of its files), without reading it. */
export function hasArtifact(modelsDir: string, hash: string): boolean {
  const dir = dirFor(modelsDir, hash);
  return existsSync(join(dir, MODEL_FILE)) && existsSync(join(dir, WEIGHTS_FILE));
}

/** Reads an artifact; undefined when there is none for this hash. */
export function loadArtifact(modelsDir: string, hash: string): { model: NluModel; info: ArtifactInfo } | undefined {
  if (!hasArtifact(modelsDir, hash)) return undefined;
  const dir = dirFor(modelsDir, hash);
  const parsed = JSON.parse(gunzipSync(readFileSync(join(dir, MODEL_FILE))).toString("utf8")) as {
    meta: Omit<ArtifactInfo, "dir">;
    model: Omit<NluModel, "classifier"> & { classifier: Omit<NluModel["classifier"], "weights"> };
  };
  const bytes = gunzipSync(readFileSync(join(dir, WEIGHTS_FILE)));
  const weights = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return { model: { ...parsed.model, classifier: { ...parsed.model.classifier, weights } }, info: { ...parsed.meta, dir } };
}

/** The folder holding the artifact for `hash`, looking in the cache first; undefined when none has it. */
export function findArtifact(dirs: ModelDirs, hash: string): string | undefined {
  return [dirs.cache, dirs.seed].find((modelsDir) => modelsDir !== undefined && hasArtifact(modelsDir, hash));
}

/** Where artifacts are looked for: the writable cache first, then the copy kept in the repository. */
export interface ModelDirs {
  /** Written when a model is trained here (`<DATA_DIR>/models`). */
  cache: string;
  /** The artifact for the committed knowledge base (`models/`, kept in git); read only. */
  seed?: string;
}

/**
 * The model for this knowledge base: loaded in milliseconds when an artifact for the same inputs
 * exists (in the cache, or the one the repository ships), otherwise trained (about a minute on
 * two cores) and saved to the cache. Never retrains an unchanged input.
 */
export function loadOrTrain(
  kb: KnowledgeBase,
  dirs: ModelDirs,
  progress?: TrainProgress,
): { model: NluModel; info: ArtifactInfo; trained: boolean } {
  const hash = inputsHash(kb);
  const found = findArtifact(dirs, hash);
  const existing = found ? loadArtifact(found, hash) : undefined;
  if (existing) return { ...existing, trained: false };
  return { ...trainArtifact(kb, dirs.cache, progress), trained: true };
}

/** Trains the model for this knowledge base and saves it in `modelsDir`, keeping `keep` artifacts there. */
export function trainArtifact(
  kb: KnowledgeBase,
  modelsDir: string,
  progress?: TrainProgress,
  keep = KEEP,
): { model: NluModel; info: ArtifactInfo } {
  const hash = inputsHash(kb);
  const started = performance.now();
  const examples = trainingExamples(kb);
  const model = trainModel(examples, buildPinyinMap(), progress, kb.anchors);
  const trainMs = Math.round(performance.now() - started);
  const meta = { createdAt: new Date().toISOString(), examples: examples.length, trainMs };
  const dir = saveArtifact(modelsDir, hash, model, meta, keep);
  return { model, info: { ...meta, hash, dir } };
}
