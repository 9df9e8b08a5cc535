import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

// Runs in the worker: its own connection to the same file, checkpointing the WAL on a timer.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 5000");
const run = () => { try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {} };
const timer = setInterval(run, workerData.everyMs);
parentPort.on("message", () => { clearInterval(timer); run(); db.close(); parentPort.postMessage("closed"); });
`;

/**
 * Moves WAL checkpoints off the event loop. A checkpoint ends with an fsync that can take tens
 * of milliseconds; done by the writer (SQLite's default), every chat in flight waits for it.
 * The writer's own automatic checkpoints are turned off where this runs.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private stopped: Promise<void> | undefined;

  constructor(file: string, everyMs = 1000) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.worker = new Worker(WORKER, { eval: true, workerData: { file, driver, everyMs } });
    this.worker.unref();
  }

  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      this.worker.once("message", () => resolve());
      this.worker.once("exit", () => resolve());
      this.worker.postMessage("stop");
    }).then(() => this.worker.terminate().then(() => undefined));
    return this.stopped;
  }
}
