import type { KnowledgeBase } from "../knowledge/load.js";
import { findArtifact, inputsHash } from "../nlu/artifact.js";
import { OUT_OF_SCOPE } from "../nlu/engine.js";
import { loadEngine, modelDirsOf, type NluPaths, prepareNlu } from "../nlu/load-engine.js";
import { trainArtifactInWorker } from "../nlu/train-in-worker.js";
import type { TrainProgress } from "../nlu/train.js";
import { type GuardQuestion, type GuardVerdict, judgeCandidate } from "./regression-guard.js";

/** How the model for a knowledge base reads each question: its best intent, "none" when out of scope. */
async function readingsOf(kb: KnowledgeBase, questions: readonly GuardQuestion[], paths: NluPaths, progress?: TrainProgress): Promise<string[]> {
  // Trained in a thread of its own when missing, so a server that checks a candidate keeps serving.
  if (!findArtifact(modelDirsOf(paths), inputsHash(kb))) await trainArtifactInWorker(kb, paths.modelsDir, progress);
  const engine = loadEngine(prepareNlu(paths, progress, kb).engine);
  const now = new Date();
  return questions.map((q) => {
    const u = engine.understand(q.text, now);
    return u.outOfScope ? OUT_OF_SCOPE : (u.candidates[0]?.intent ?? OUT_OF_SCOPE);
  });
}

/**
 * The regression guard on a candidate knowledge base against the one serving: both models read
 * the questions (the candidate's trained first if need be) and judgeCandidate decides. A
 * candidate whose training inputs are those of the serving one has the same model: "same model".
 */
export async function checkCandidate(options: {
  serving: KnowledgeBase;
  candidate: KnowledgeBase;
  questions: readonly GuardQuestion[];
  paths: NluPaths;
  maxDrop: number;
  progress?: TrainProgress;
}): Promise<GuardVerdict | "same model"> {
  const { serving, candidate, questions, paths, progress } = options;
  if (inputsHash(serving) === inputsHash(candidate)) return "same model";
  const before = await readingsOf(serving, questions, paths, progress);
  const after = await readingsOf(candidate, questions, paths, progress);
  return judgeCandidate(questions, before, after, options.maxDrop);
}
