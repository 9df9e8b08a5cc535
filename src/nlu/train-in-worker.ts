import { Worker } from "node:worker_threads";
import type { KnowledgeBase } from "../knowledge/load.js";
import type { TrainProgress } from "./train.js";
import type { ArtifactJob, ArtifactReply } from "./worker/artifact-worker.js";
import { workerEntry } from "./worker/entry.js";

const BOOT = workerEntry(import.meta.url, "artifact-worker", "artifact-boot.mjs");

/**
 * Trains the model artifact for a knowledge base in a thread of its own (which trains its fits a
 * thread per core, as a start does), so that a running desk keeps answering with the model it has
 * while the next one trains. Resolves with the artifact's hash once it is saved in `modelsDir`.
 */
export function trainArtifactInWorker(kb: KnowledgeBase, modelsDir: string, progress?: TrainProgress): Promise<{ hash: string; dir: string }> {
  const job: ArtifactJob = { documents: kb.sources.map((s) => [s.file, s.text]), modelsDir };
  // Its own flags: the parent's (vitest's, a profiler's) are not the thread's business.
  const worker = new Worker(BOOT, { workerData: job, execArgv: [] });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.on("message", (reply: ArtifactReply) => {
      if ("progress" in reply) progress?.(...reply.progress);
      else {
        settled = true;
        if ("error" in reply) reject(new Error(`training failed: ${reply.error}`));
        else resolve(reply);
      }
    });
    worker.on("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`the training thread stopped (exit code ${code}) before its model was saved`));
    });
  });
}
