import type { DelayedJobs, DelayedKind } from "./delayed-jobs.js";

/** A named delayed job: its kind, and what it does when due, defined by the part that owns it. */
export interface JobDefinition {
  kind: DelayedKind;
  /**
   * Runs the job. It may find its moment passed (the offer was answered, the citizen came back):
   * then it does nothing. A job is run once, never retried: a timeout handled twice would decline
   * a chat twice.
   */
  run(key: string, payload: Record<string, string>): Promise<void>;
}

/** Jobs whose key is a conversation id; a channel's send jobs name theirs in the payload. */
const CONVERSATION_KEYED: ReadonlySet<DelayedKind> = new Set(["citizen-gone", "flow-expiry"]);

/**
 * A due job that failed, with what it was about (its kind and, for a conversation's job, the
 * conversation id; never the payload's values), so the log line can be traced to the conversation.
 */
export class JobFailed extends Error {
  readonly about: { job: DelayedKind; conversationId?: string };

  constructor(kind: DelayedKind, key: string, payload: Record<string, string>, cause: unknown) {
    super(`delayed job ${kind} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    const conversationId = CONVERSATION_KEYED.has(kind) ? key : payload.conversationId;
    this.about = { job: kind, ...(conversationId ? { conversationId } : {}) };
  }
}

/**
 * The delayed jobs of this instance, by name: each part defines its own (`define`), then `start`
 * lets the adapter (timers, BullMQ) run them, each due job by its definition. Started only once
 * every part has defined its jobs: a job kept from before a restart may be due at once.
 */
export class Jobs {
  private readonly definitions = new Map<DelayedKind, JobDefinition>();
  private started = false;

  constructor(private readonly delayed: DelayedJobs) {}

  /** Runs due jobs from now on (and, in the embedded store or Redis, those kept from before). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.delayed.handle(async (kind, key, payload) => {
      const definition = this.definitions.get(kind);
      if (!definition) throw new Error(`delayed job ${kind} is not defined on this instance`);
      try {
        await definition.run(key, payload);
      } catch (error) {
        throw new JobFailed(kind, key, payload, error);
      }
    });
  }

  define(...definitions: JobDefinition[]): void {
    for (const d of definitions) {
      if (this.definitions.has(d.kind)) throw new Error(`delayed job ${d.kind} is defined twice`);
      this.definitions.set(d.kind, d);
    }
  }

  schedule(kind: DelayedKind, key: string, payload: Record<string, string>, delayMs: number): Promise<void> {
    return this.delayed.schedule(kind, key, payload, delayMs);
  }

  cancel(kind: DelayedKind, key: string): Promise<void> {
    return this.delayed.cancel(kind, key);
  }

  close(): Promise<void> {
    return this.delayed.close();
  }
}
