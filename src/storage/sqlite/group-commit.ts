import Database from "better-sqlite3";

interface Job {
  work: () => unknown;
  afterCommit: ((result: unknown) => void) | undefined;
  resolve: (r: unknown) => void;
  reject: (e: unknown) => void;
}

const isBusy = (error: unknown) => error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");

type Outcome = { ok: unknown } | { error: unknown };

/** One job's work run: its own failure is its outcome; "busy" is thrown, for the group to be tried again. */
function outcomeOf(run: () => unknown): Outcome {
  try {
    return { ok: run() };
  } catch (error) {
    if (isBusy(error)) throw error;
    return { error };
  }
}

/**
 * The one way writes reach the file. Every write asked for while the event loop works through one
 * round of I/O is committed in one transaction (each in a savepoint of its own, so a refused write
 * fails alone), and each caller's promise settles only after that commit: durable when resolved.
 * A commit in WAL mode writes every page it changed, so grouping the writes that arrive together
 * cuts the bytes written per message; alone on a quiet server a write waits for nothing.
 *
 * A busy file (the checkpointer emptying the log) never blocks the event loop: the connection
 * does not wait, and the group is tried again a moment later, its callers still waiting.
 */
export class GroupCommit {
  private pending: Job[] = [];
  private scheduled = false;
  private readonly commitGroup: (jobs: Job[]) => Outcome[];
  private readonly commitOne: (job: Job) => unknown;

  constructor(
    db: Database.Database,
    private readonly retryMs = 2,
  ) {
    // A transaction inside a transaction is a savepoint.
    const savepoint = db.transaction((work: () => unknown) => work());
    // IMMEDIATE: the write lock is taken at BEGIN, so "busy" comes before any work is done.
    this.commitGroup = db.transaction((jobs: Job[]) => jobs.map((job) => outcomeOf(() => savepoint(job.work)))).immediate;
    // Alone in its group (most writes, below a few hundred messages a second), a job needs no
    // savepoint: if it fails, rolling back the transaction undoes only its own work.
    this.commitOne = db.transaction((job: Job) => job.work()).immediate;
  }

  /** Runs `work` inside the next group's transaction; `afterCommit` sees its result once committed. */
  run<R>(work: () => R, afterCommit?: (result: R) => void): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({
        work,
        afterCommit: afterCommit as ((result: unknown) => void) | undefined,
        resolve: resolve as (r: unknown) => void,
        reject,
      });
      this.schedule(0);
    });
  }

  private schedule(delayMs: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the current round of I/O callbacks: the messages that came in together go together.
    const go = () => {
      this.scheduled = false;
      this.flush();
    };
    if (delayMs === 0) setImmediate(go);
    else setTimeout(go, delayMs);
  }

  /** Commits what is waiting now (also called before the database closes). Returns false while busy. */
  flush(): boolean {
    const group = this.pending;
    if (group.length === 0) return true;
    this.pending = [];
    let results: Outcome[];
    try {
      const alone = group.length === 1 ? (group[0] as Job) : undefined;
      results = alone ? [outcomeOf(() => this.commitOne(alone))] : this.commitGroup(group);
    } catch (error) {
      if (isBusy(error)) {
        this.pending = [...group, ...this.pending];
        this.schedule(this.retryMs);
        return false;
      }
      for (const job of group) job.reject(error);
      return true;
    }
    group.forEach((job, i) => {
      const r = results[i] as Outcome;
      if ("error" in r) {
        job.reject(r.error);
        return;
      }
      job.afterCommit?.(r.ok);
      job.resolve(r.ok);
    });
    return true;
  }
}
