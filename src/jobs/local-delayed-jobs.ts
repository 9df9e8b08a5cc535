import type { DelayedJobStore } from "../storage/ports.js";
import type { DelayedJobs, DelayedKind } from "./delayed-jobs.js";

type Handler = (kind: DelayedKind, key: string, payload: Record<string, string>) => Promise<void>;

export interface LocalDelayedJobsOptions {
  /** A handler that threw, or a job that fired with no handler. Default: console.error. */
  onError?: (error: unknown) => void;
  /**
   * Where jobs are kept until they run, so a restart arms them again (the embedded store); without
   * one they live only as timers.
   */
  store?: DelayedJobStore;
}

/**
 * Delayed jobs as timers in this process (one server), each kept in the embedded store until it
 * runs: `handle()` on the next start arms again what a stop left pending (overdue ones at once).
 * Timers are unref'd so a pending offer timeout never keeps the process alive at shutdown.
 */
export class LocalDelayedJobs implements DelayedJobs {
  private handler: Handler | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Handlers still running, so close() can wait for them like a BullMQ worker does. */
  private readonly running = new Set<Promise<void>>();
  private closed = false;
  private readonly onError: (error: unknown) => void;
  private readonly store: DelayedJobStore | undefined;
  private restoring: Promise<void> = Promise.resolve();

  constructor(options: LocalDelayedJobsOptions = {}) {
    this.onError = options.onError ?? ((error) => console.error("delayed job failed", error));
    this.store = options.store;
  }

  handle(handler: Handler): void {
    this.handler = handler;
    const store = this.store;
    if (!store) return;
    this.restoring = (async () => {
      for (const job of await store.all()) {
        if (this.closed || this.timers.has(jobId(job.kind as DelayedKind, job.key))) continue;
        this.arm(job.kind as DelayedKind, job.key, job.payload, job.dueAt - Date.now());
      }
    })().catch(this.onError);
  }

  async schedule(kind: DelayedKind, key: string, payload: Record<string, string>, delayMs: number): Promise<void> {
    if (this.closed) throw new Error("LocalDelayedJobs is closed");
    await this.store?.save({ kind, key, payload, dueAt: Date.now() + Math.max(0, delayMs) });
    this.arm(kind, key, payload, delayMs);
  }

  async cancel(kind: DelayedKind, key: string): Promise<void> {
    const id = jobId(kind, key);
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    await this.store?.remove(kind, key);
  }

  /** Stops the timers; what is kept in the store stays there for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    await this.restoring;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private arm(kind: DelayedKind, key: string, payload: Record<string, string>, delayMs: number): void {
    const id = jobId(kind, key);
    clearTimeout(this.timers.get(id));
    const timer = setTimeout(
      () => {
        this.timers.delete(id);
        this.fire(kind, key, { ...payload });
      },
      Math.max(0, delayMs),
    );
    timer.unref();
    this.timers.set(id, timer);
  }

  private fire(kind: DelayedKind, key: string, payload: Record<string, string>): void {
    const handler = this.handler;
    if (handler === undefined) {
      this.onError(new Error(`delayed job ${kind} ${key} fired with no handler`));
      return;
    }
    const run = (async () => {
      try {
        // Out of the store before it runs: a job runs once, never again after a crash mid-run.
        await this.store?.remove(kind, key);
        await handler(kind, key, payload);
      } catch (error) {
        this.onError(error);
      }
    })();
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }
}

/** Kinds have no ":", so kind + key is unambiguous. */
function jobId(kind: DelayedKind, key: string): string {
  return `${kind}:${key}`;
}
