import { basename } from "node:path";
import { pruneBackups } from "./backup-folders.js";
import type { RetentionPolicy } from "./retention.js";
import { DESK_STEP_BYTES, takeBackup } from "./take-backup.js";
import { deskVersion } from "./tool-version.js";

/** What one scheduled backup did, for its log line: no path inside the data, no personal data. */
export interface BackupRun {
  /** The backup's folder name (when it was taken). */
  name: string;
  ms: number;
  bytes: number;
  files: number;
  /** Older backups the retention policy removed after it. */
  removed: number;
}

export interface BackupScheduleOptions {
  everyMs: number;
  /** Takes one backup; stops between two steps once `signal` is aborted. */
  run: (signal: AbortSignal) => Promise<BackupRun>;
  onDone: (run: BackupRun) => void;
  onError: (error: unknown) => void;
}

/**
 * Backups on a timer, one at a time: the next is armed only when the one before has finished
 * (`everyMs` after it began, or at once if it took longer), so two never overlap however slow the
 * disk. A failure is reported and the schedule goes on. `stop` cancels the timer, stops a backup
 * in progress between two steps (it leaves nothing behind) and resolves once it has.
 */
export class BackupSchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(private readonly options: BackupScheduleOptions) {}

  start(): void {
    this.arm(this.options.everyMs);
  }

  private arm(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    // A desk stops when it is told to, not when its next backup is due.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const began = Date.now();
    this.running = this.options.run(this.abort.signal).then(
      (run) => this.options.onDone(run),
      (error) => {
        if (!this.stopped) this.options.onError(error);
      },
    );
    await this.running;
    this.running = undefined;
    this.arm(Math.max(0, this.options.everyMs - (Date.now() - began)));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.running;
  }
}

export interface ScheduledBackups {
  dataDir: string;
  /** Which store the desk runs on: the embedded files are backed up; MongoDB is backed up with its own tools. */
  store: "sqlite" | "mongodb";
  /** Minutes between backups (0: none). */
  everyMinutes: number;
  dir: string;
  keep: RetentionPolicy;
  /** Where package.json says which desk wrote the backups. */
  rootDir: string;
  log: (message: string, fields: Record<string, unknown>) => void;
  onError: (error: unknown) => void;
  /** Milliseconds between backups instead of `everyMinutes` (tests). */
  everyMs?: number;
}

/**
 * The running desk's backups: every `everyMinutes` a backup of the embedded store into `dir`
 * (copied 1 MiB per step, the event loop free between steps), then the retention policy applied
 * there; one log line for each. Off on MongoDB and at 0 minutes. Returns the stop, for the
 * desk's shutdown.
 */
export function scheduleBackups(options: ScheduledBackups): () => Promise<void> {
  const everyMs = options.everyMs ?? options.everyMinutes * 60_000;
  if (options.store !== "sqlite" || everyMs <= 0) return async () => {};
  const tool = deskVersion(options.rootDir);
  const schedule = new BackupSchedule({
    everyMs,
    run: async (signal) => {
      const began = performance.now();
      const taken = await takeBackup({ dataDir: options.dataDir, backupDir: options.dir, tool, stepBytes: DESK_STEP_BYTES, signal });
      const { removed } = await pruneBackups(options.dir, Date.now(), options.keep);
      const ms = Math.round(performance.now() - began);
      return { name: basename(taken.folder), ms, bytes: taken.bytes, files: taken.manifest.files.length, removed: removed.length };
    },
    onDone: (run) => options.log("backup taken", { backup: run }),
    onError: options.onError,
  });
  schedule.start();
  options.log("backups scheduled", { backups: { everyMs, dir: options.dir } });
  return () => schedule.stop();
}
