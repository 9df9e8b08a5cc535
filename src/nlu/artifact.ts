import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
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

/** A hash of everything training reads: the knowledge-base files, the trainer and library versions. */
export function inputsHash(kb: KnowledgeBase): string {
  const settings = JSON.stringify({ CLASSIFIER_SETTINGS, BLEND, FOLDS, CLASSIFIER_OOS_CAP });
  const h = createHash("sha256").update(`${TRAINER_VERSION}\n@nlpjs/neural@${NLPJS_VERSION}\n${settings}\n`);
  for (const s of [...kb.sources].sort((a, b) => a.file.localeCompare(b.file))) {
    h.update(`${s.file}\n${s.text.length}\n${s.text}\n`);
  }
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

/** Writes the model as model.json plus weights.bin (the classifier's float32 weights), atomically. */
export function saveArtifact(modelsDir: string, hash: string, model: NluModel, meta: Omit<ArtifactInfo, "dir" | "hash">) {
  mkdirSync(modelsDir, { recursive: true });
  const final = dirFor(modelsDir, hash);
  const tmp = `${final}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  const { weights, ...classifier } = model.classifier;
  writeFileSync(join(tmp, "weights.bin"), Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength));
  writeFileSync(join(tmp, "model.json"), JSON.stringify({ meta: { ...meta, hash }, model: { ...model, classifier } }));
  rmSync(final, { recursive: true, force: true });
  renameSync(tmp, final);
  pruneOld(modelsDir);
  return final;
}

/** Keeps the newest few artifacts for rollback and removes the rest. */
function pruneOld(modelsDir: string) {
  const dirs = readdirSync(modelsDir)
    .filter((d) => /^nlu-[0-9a-f]+$/.test(d))
    .map((d) => ({ d, t: statSync(join(modelsDir, d)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { d } of dirs.slice(KEEP)) rmSync(join(modelsDir, d), { recursive: true, force: true });
}

/** Reads an artifact; undefined when there is none for this hash. */
export function loadArtifact(modelsDir: string, hash: string): { model: NluModel; info: ArtifactInfo } | undefined {
  const dir = dirFor(modelsDir, hash);
  if (!existsSync(join(dir, "model.json")) || !existsSync(join(dir, "weights.bin"))) return undefined;
  const parsed = JSON.parse(readFileSync(join(dir, "model.json"), "utf8")) as {
    meta: Omit<ArtifactInfo, "dir">;
    model: Omit<NluModel, "classifier"> & { classifier: Omit<NluModel["classifier"], "weights"> };
  };
  const bytes = readFileSync(join(dir, "weights.bin"));
  const weights = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return { model: { ...parsed.model, classifier: { ...parsed.model.classifier, weights } }, info: { ...parsed.meta, dir } };
}

/**
 * The model for this knowledge base: loaded in milliseconds when an artifact for the same inputs
 * exists, otherwise trained (tens of seconds) and saved. Never retrains an unchanged input.
 */
export function loadOrTrain(
  kb: KnowledgeBase,
  modelsDir: string,
  progress?: TrainProgress,
): { model: NluModel; info: ArtifactInfo; trained: boolean } {
  const hash = inputsHash(kb);
  const existing = loadArtifact(modelsDir, hash);
  if (existing) return { ...existing, trained: false };
  const started = performance.now();
  const examples = trainingExamples(kb);
  const model = trainModel(examples, buildPinyinMap(), progress, kb.anchors);
  const trainMs = Math.round(performance.now() - started);
  const meta = { createdAt: new Date().toISOString(), examples: examples.length, trainMs };
  const dir = saveArtifact(modelsDir, hash, model, meta);
  return { model, info: { ...meta, hash, dir }, trained: true };
}
