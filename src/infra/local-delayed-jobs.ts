import type { DelayedJobs, DelayedKind } from "./delayed-jobs.js";

type Handler = (kind: DelayedKind, key: string, payload: Record<string, string>) => Promise<void>;

export interface LocalDelayedJobsOptions {
  /** A handler that threw, or a job that fired with no handler. Default: console.error. */
  onError?: (error: unknown) => void;
}

/**
 * Delayed jobs as timers in this process (one server: nothing has to outlive it). Timers are
 * unref'd so a pending offer timeout never keeps the process alive at shutdown.
 */
export class LocalDelayedJobs implements DelayedJobs {
  private handler: Handler | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Handlers still running, so close() can wait for them like a BullMQ worker does. */
  private readonly running = new Set<Promise<void>>();
  private closed = false;
  private readonly onError: (error: unknown) => void;

  constructor(options: LocalDelayedJobsOptions = {}) {
    this.onError = options.onError ?? ((error) => console.error("delayed job failed", error));
  }

  handle(handler: Handler): void {
    this.handler = handler;
  }

  async schedule(
    kind: DelayedKind,
    key: string,
    payload: Record<string, string>,
    delayMs: number,
  ): Promise<void> {
    if (this.closed) throw new Error("LocalDelayedJobs is closed");
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

  async cancel(kind: DelayedKind, key: string): Promise<void> {
    const id = jobId(kind, key);
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private fire(kind: DelayedKind, key: string, payload: Record<string, string>): void {
    const handler = this.handler;
    if (handler === undefined) {
      this.onError(new Error(`delayed job ${kind} ${key} fired with no handler`));
      return;
    }
    const run = (async () => {
      try {
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
