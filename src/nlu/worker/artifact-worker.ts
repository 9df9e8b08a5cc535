import { parentPort, workerData } from "node:worker_threads";
import { knowledgeBaseFrom } from "../../knowledge/load.js";
import { trainArtifact } from "../artifact.js";

/** What train-in-worker.ts sends: the knowledge base as documents, and where the artifact goes. */
export interface ArtifactJob {
  documents: [string, string][];
  modelsDir: string;
}

/** What it hears back: progress, then the artifact's folder or the error. */
export type ArtifactReply = { progress: [string, number, number] } | { dir: string; hash: string } | { error: string };

const job = workerData as ArtifactJob;
const post = (reply: ArtifactReply) => parentPort?.postMessage(reply);
try {
  const { info } = trainArtifact(knowledgeBaseFrom(new Map(job.documents)), job.modelsDir, (step, done, total) => post({ progress: [step, done, total] }));
  post({ dir: info.dir, hash: info.hash });
} catch (error) {
  post({ error: (error as Error).message });
}
