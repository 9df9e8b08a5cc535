import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

// Runs in the worker: its own connection to the same file, checkpointing the WAL on a timer.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
// This thread may wait; it does so in short naps of its own (below), not SQLite's long ones.
db.pragma("busy_timeout = 0");
const frameBytes = db.pragma("page_size", { simple: true }) + 24;
const nap = new Int32Array(new SharedArrayBuffer(4));
const checkpoint = (mode) => { try { return db.pragma("wal_checkpoint(" + mode + ")")[0]; } catch { return { busy: 1, log: 0 }; } };
// PASSIVE copies the log into the database without waiting for anyone. Under steady writes the
// log is never all copied at the moment a writer looks, so SQLite never starts it over, and it
// grows. Past the limit, a RESTART takes the write lock in a gap between two commits (tried every
// 0.2 ms, so it does not sleep through the gaps), copies the little written since the PASSIVE,
// syncs and starts the log over. Writers meanwhile find the file busy and wait without blocking
// their event loop (group-commit.ts).
const run = () => {
  const passive = checkpoint("PASSIVE");
  if (passive.log * frameBytes <= workerData.restartAtBytes) return;
  const until = Date.now() + 2000;
  while (checkpoint("RESTART").busy !== 0 && Date.now() < until) Atomics.wait(nap, 0, 0, 0.2);
};
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

  constructor(file: string, everyMs = 1000, restartAtBytes = 64 * 2 ** 20) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.worker = new Worker(WORKER, { eval: true, workerData: { file, driver, everyMs, restartAtBytes } });
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
