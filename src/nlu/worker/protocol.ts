import type { Understanding } from "../engine.js";
import type { EngineFiles } from "../load-engine.js";

/** What the understanding worker builds its engine from: files only, so nothing is trained there. */
export type WorkerSetup = EngineFiles;

export type WorkerRequest = { id: number; text: string; now: number };

export type WorkerReply =
  | { type: "ready" }
  | { type: "failed"; message: string }
  | { id: number; understanding: Understanding }
  | { id: number; error: string };
