import { type ConnectionOptions, type Job, Queue, Worker } from "bullmq";
import type { DelayedJobs, DelayedKind } from "./delayed-jobs.js";

type Handler = (kind: DelayedKind, key: string, payload: Record<string, string>) => Promise<void>;

interface JobData {
  kind: DelayedKind;
  key: string;
  payload: Record<string, string>;
}

export interface BullmqDelayedJobsOptions {
  /**
   * Redis connection options (host/port, or url) for BullMQ to open its own connections with: a
   * worker blocks on its connection, so it cannot share the routing state's.
   */
  connection: ConnectionOptions;
  /** Every instance of one desk uses the same queue name and prefix. */
  queueName: string;
  /** BullMQ's key prefix (default "bull"). */
  prefix?: string;
  /** Jobs handled at once by this instance's worker. */
  concurrency?: number;
  /** A handler that threw, or a queue/worker connection error. Default: console.error. */
  onError?: (error: unknown) => void;
}

/** How long schedule() waits for a running job of the same kind and key to finish before replacing it. */
const REPLACE_WAIT_MS = 2_000;
const REPLACE_POLL_MS = 20;

/**
 * Delayed jobs as BullMQ delayed jobs, so an offer timeout or a grace period survives the instance
 * that scheduled it: whichever instance's worker is free runs it when due. One job per kind and
 * key, under a fixed job id, so any instance can replace or cancel it without knowing who
 * scheduled it. The worker starts on handle(): an instance that only schedules runs nothing.
 *
 * Limits: a cancel that comes while the job is already running does not stop it (handlers check
 * the state they act on); two instances replacing the same job at the same instant can keep the
 * earlier one (remove, remove, add, add: the second add finds the id taken).
 */
export class BullmqDelayedJobs implements DelayedJobs {
  private readonly queue: Queue<JobData>;
  private worker: Worker<JobData> | undefined;
  private readonly onError: (error: unknown) => void;

  constructor(private readonly options: BullmqDelayedJobsOptions) {
    this.onError = options.onError ?? ((error) => console.error("delayed job failed", error));
    this.queue = new Queue<JobData>(options.queueName, { connection: options.connection, ...this.prefix() });
    this.queue.on("error", this.onError);
  }

  handle(handler: Handler): void {
    if (this.worker !== undefined) throw new Error("BullmqDelayedJobs: handle() was called already");
    const run = async (job: Job<JobData>) => {
      try {
        await handler(job.data.kind, job.data.key, job.data.payload);
      } catch (error) {
        // Reported, not retried: a timeout handled twice would decline a chat twice.
        this.onError(error);
      }
    };
    this.worker = new Worker<JobData>(this.options.queueName, run, {
      connection: this.options.connection,
      ...this.prefix(),
      concurrency: this.options.concurrency ?? 8,
    });
    this.worker.on("error", this.onError);
  }

  async schedule(
    kind: DelayedKind,
    key: string,
    payload: Record<string, string>,
    delayMs: number,
  ): Promise<void> {
    const id = jobId(kind, key);
    await this.removeWhenIdle(id);
    await this.queue.add(
      kind,
      { kind, key, payload },
      // Removed when done, or the fixed id would make the next add of this kind and key a no-op.
      { jobId: id, delay: Math.max(0, delayMs), removeOnComplete: true, removeOnFail: true },
    );
  }

  async cancel(kind: DelayedKind, key: string): Promise<void> {
    // 0 means the job is running: too late to cancel, and nothing to wait for.
    await this.queue.remove(jobId(kind, key));
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }

  /** An undefined prefix would override BullMQ's default "bull" rather than fall back to it. */
  private prefix(): { prefix?: string } {
    return this.options.prefix === undefined ? {} : { prefix: this.options.prefix };
  }

  /** remove() refuses (0) while the job runs; the add would then be dropped, so wait it out. */
  private async removeWhenIdle(id: string): Promise<void> {
    const until = Date.now() + REPLACE_WAIT_MS;
    while ((await this.queue.remove(id)) === 0) {
      if (Date.now() > until) throw new Error(`delayed job ${id} is still running; not replaced`);
      await new Promise((resolve) => setTimeout(resolve, REPLACE_POLL_MS));
    }
  }
}

/**
 * BullMQ refuses custom ids with ":" (it reads them as its own repeat-job ids) and plain integers.
 * The kind is a fixed word without "." and the key is URI-encoded (":" becomes "%3A"), so the id is
 * unambiguous and never has a colon.
 */
function jobId(kind: DelayedKind, key: string): string {
  return `${kind}.${encodeURIComponent(key)}`;
}
