import type { KnowledgeBase } from "../knowledge/load.js";
import { findArtifact, inputsHash } from "../nlu/artifact.js";
import { OUT_OF_SCOPE } from "../nlu/engine.js";
import { modelDirsOf, type NluPaths, prepareNlu } from "../nlu/load-engine.js";
import { trainArtifactInWorker } from "../nlu/train-in-worker.js";
import type { TrainProgress } from "../nlu/train.js";
import { WorkerUnderstander } from "../nlu/worker-understander.js";
import { type GuardQuestion, type GuardVerdict, judgeCandidate } from "./regression-guard.js";

/**
 * How the model for a knowledge base reads each question: its best intent, "none" when out of
 * scope. Trained, loaded and read in threads of their own, so a server that checks a candidate
 * keeps answering citizens meanwhile.
 */
async function readingsOf(kb: KnowledgeBase, questions: readonly GuardQuestion[], paths: NluPaths, timeZone: string, progress?: TrainProgress): Promise<string[]> {
  if (!findArtifact(modelDirsOf(paths), inputsHash(kb))) await trainArtifactInWorker(kb, paths.modelsDir, progress);
  const understander = await WorkerUnderstander.start({ ...prepareNlu(paths, progress, kb).engine, timeZone }, { timeoutMs: 60_000 });
  try {
    const now = new Date();
    const readings: string[] = [];
    for (const q of questions) {
      const u = await understander.understand(q.text, now);
      readings.push(u.outOfScope ? OUT_OF_SCOPE : (u.candidates[0]?.intent ?? OUT_OF_SCOPE));
    }
    return readings;
  } finally {
    await understander.close();
  }
}

/**
 * The regression guard on a candidate knowledge base against the one serving: both models read
 * the questions (the candidate's trained first if need be) and judgeCandidate decides. Questions
 * whose intent the candidate retired are set aside (counted in `retired`): being forgotten is what
 * retiring asks for. A candidate whose training inputs are those of the serving one has the same
 * model: "same model".
 */
export async function checkCandidate(options: {
  serving: KnowledgeBase;
  candidate: KnowledgeBase;
  questions: readonly GuardQuestion[];
  paths: NluPaths;
  maxDrop: number;
  timeZone?: string;
  progress?: TrainProgress;
}): Promise<(GuardVerdict & { retired: number }) | "same model"> {
  const { serving, candidate, paths, progress } = options;
  if (inputsHash(serving) === inputsHash(candidate)) return "same model";
  const kept = new Set(["none", ...candidate.intents.map((i) => i.id)]);
  const questions = options.questions.filter((q) => kept.has(q.intent));
  const timeZone = options.timeZone ?? "Asia/Shanghai";
  const before = await readingsOf(serving, questions, paths, timeZone, progress);
  const after = await readingsOf(candidate, questions, paths, timeZone, progress);
  return { ...judgeCandidate(questions, before, after, options.maxDrop), retired: options.questions.length - questions.length };
}
