import { Worker } from "node:worker_threads";
import type { Understanding } from "./engine.js";
import type { Understander } from "./understander.js";
import type { WorkerReply, WorkerRequest, WorkerSetup } from "./worker/protocol.js";
import { workerEntry } from "./worker/entry.js";

const BOOT = workerEntry(import.meta.url, "understand-worker", "boot.mjs");

export class UnderstandingError extends Error {
  readonly code = "NLU_UNAVAILABLE";
}

interface Pending {
  resolve: (u: Understanding) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Understanding in a worker thread. Requests carry an id and are answered in order; one that takes
 * longer than `timeoutMs` is refused (the chat reports an internal error and the citizen can
 * resend). A worker that dies fails what it had in hand and is started again.
 */
export class WorkerUnderstander implements Understander {
  private worker!: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closing = false;

  private constructor(
    private readonly setup: WorkerSetup,
    private readonly onError: (error: unknown) => void,
    private readonly timeoutMs: number,
  ) {}

  /** Starts the worker and resolves once its engine is loaded. */
  static async start(setup: WorkerSetup, options: { onError?: (error: unknown) => void; timeoutMs?: number } = {}) {
    const understander = new WorkerUnderstander(setup, options.onError ?? (() => {}), options.timeoutMs ?? 10_000);
    await understander.spawn();
    return understander;
  }

  private spawn(): Promise<void> {
    // Its own flags: the parent's (vitest's, a profiler's) are not the worker's business.
    const worker = new Worker(BOOT, { workerData: this.setup, execArgv: [] });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.on("message", (reply: WorkerReply) => {
        if ("type" in reply) {
          if (reply.type === "ready") {
            ready = true;
            resolve();
          } else reject(new UnderstandingError(`the understanding worker could not start: ${reply.message}`));
          return;
        }
        const pending = this.pending.get(reply.id);
        if (!pending) return; // timed out meanwhile
        this.pending.delete(reply.id);
        clearTimeout(pending.timer);
        if ("understanding" in reply) pending.resolve(reply.understanding);
        else pending.reject(new UnderstandingError(reply.error));
      });
      worker.on("error", (error) => {
        if (!ready) reject(error);
        else this.onError(error);
      });
      worker.on("exit", (code) => {
        if (this.worker !== worker) return;
        this.failAll(new UnderstandingError(`the understanding worker stopped (exit code ${code})`));
        if (!ready || this.closing) return;
        this.onError(new UnderstandingError(`the understanding worker stopped (exit code ${code}); starting it again`));
        this.spawn().catch((error) => this.onError(error));
      });
    });
  }

  understand(text: string, now: Date): Promise<Understanding> {
    if (this.closing) return Promise.reject(new UnderstandingError("understanding is shutting down"));
    const id = this.nextId++;
    return new Promise<Understanding>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new UnderstandingError(`no understanding within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, text, now: now.getTime() } satisfies WorkerRequest);
    });
  }

  private failAll(error: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(error);
      this.pending.delete(id);
    }
  }

  /** Refuses new requests, answers those already asked (within the timeout), then stops the worker. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const until = Date.now() + this.timeoutMs;
    while (this.pending.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    await this.worker.terminate();
    this.failAll(new UnderstandingError("understanding is shutting down"));
  }
}
