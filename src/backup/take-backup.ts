import { chmod, type FileHandle, mkdir, open, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import Database from "better-sqlite3";
import { backupFolderName, partialFolderName } from "./backup-folders.js";
import { prepareBackupDir } from "./backup-place.js";
import { sha256File, syncToDisk } from "./checksum.js";
import { inspectCopy } from "./inspect-copy.js";
import { type BackedUpFile, type Manifest, newManifest, writeManifest } from "./manifest.js";
import { DESK_FILE, storeFilesIn } from "./store-files.js";
import type { ToolVersion } from "./tool-version.js";

/** About 2–5 ms of copying per step on a desk's event loop (1 KiB pages: 1,024 of them). */
export const DESK_STEP_BYTES = 1 << 20;

export interface TakeBackupOptions {
  dataDir: string;
  /** The folder backups go to; each backup is a folder of its own in it. */
  backupDir: string;
  tool: ToolVersion;
  /** Bytes copied per step of SQLite's online backup; the event loop runs between steps. */
  stepBytes?: number;
  /** Stops the copy between two steps (a desk shutting down); nothing of the backup is left. */
  signal?: AbortSignal;
  clock?: () => Date;
}

export interface TakenBackup {
  /** The backup's folder. */
  folder: string;
  manifest: Manifest;
  /** The manifest's SHA-256, as in manifest.json.sha256. */
  manifestSha256: string;
  /** The size of the store's files in it. */
  bytes: number;
}

/**
 * The copy's commit at its last step syncs the whole file to disk, on the calling thread: half a
 * gigabyte written since the start held a desk's event loop ~300 ms. Synced ahead in the thread
 * pool every FLUSH_AHEAD_BYTES while the copy goes on, the last step has only that much left.
 */
const FLUSH_AHEAD_BYTES = 8 * 2 ** 20;

/**
 * Copies one SQLite file through SQLite's online backup API, `stepBytes` at a time. The copy
 * reads one snapshot throughout: a read transaction is open on the source connection across
 * every step, so in WAL mode a desk writing meanwhile neither waits for it nor makes it start
 * over (SQLite restarts a backup whose source another connection changed between steps, unless
 * the source connection holds its snapshot). The source is opened read-only: a backup never
 * changes the store (with no desk running, SQLite makes the empty -wal and -shm it reads through).
 */
async function copyConsistently(from: string, to: string, stepBytes: number, signal: AbortSignal | undefined): Promise<void> {
  const source = new Database(from, { readonly: true, fileMustExist: true });
  // Opened once and closed only after SQLite has closed the copy: closing a descriptor of a file
  // drops every POSIX lock this process holds on it, SQLite's included.
  let copy: FileHandle | undefined;
  let flushing: Promise<void> | undefined;
  try {
    source.pragma("busy_timeout = 1000");
    source.exec("BEGIN");
    // The snapshot starts with the transaction's first read and holds until COMMIT.
    source.prepare("SELECT count(*) FROM sqlite_schema").get();
    const pageSize = source.pragma("page_size", { simple: true }) as number;
    const pagesPerStep = Math.max(1, Math.floor(stepBytes / pageSize));
    let unflushed = 0;
    await source.backup(to, {
      progress: () => {
        // Thrown here, better-sqlite3 ends the copy and removes the unfinished file.
        if (signal?.aborted) throw new Error("backup stopped: the desk is shutting down");
        unflushed += pagesPerStep * pageSize;
        if (unflushed >= FLUSH_AHEAD_BYTES && !flushing) {
          unflushed = 0;
          flushing = (async () => {
            copy ??= await open(to, "r");
            await copy.datasync();
          })()
            // Only a head start: the copy's own commit syncs whatever this did not.
            .catch(() => {})
            .finally(() => {
              flushing = undefined;
            });
        }
        return pagesPerStep;
      },
    });
    source.exec("COMMIT");
  } finally {
    source.close();
    await flushing;
    await copy?.close();
  }
}

/**
 * A consistent online backup of every embedded SQLite file of a data folder (store-files.ts),
 * taken while a desk may be writing: each file copied through SQLite's backup API from one
 * snapshot, then read back in a worker (row counts, schema version), summed (SHA-256) and
 * described in a manifest with its own checksum. Written under a hidden partial name and renamed
 * when complete and flushed to disk; on any failure nothing is left. Everything committed before
 * the call is in the backup.
 */
export async function takeBackup(options: TakeBackupOptions): Promise<TakenBackup> {
  const clock = options.clock ?? (() => new Date());
  const startedAt = clock();
  const started = performance.now();
  const names = storeFilesIn(options.dataDir);
  await prepareBackupDir(options.backupDir, options.dataDir);
  const name = backupFolderName(startedAt);
  const partial = join(options.backupDir, partialFolderName(name));
  const folder = join(options.backupDir, name);
  await mkdir(partial, { mode: 0o700 });
  try {
    const files: BackedUpFile[] = [];
    for (const file of names) {
      if (options.signal?.aborted) throw new Error("backup stopped: the desk is shutting down");
      const copy = join(partial, file);
      await copyConsistently(join(options.dataDir, file), copy, options.stepBytes ?? DESK_STEP_BYTES, options.signal);
      const contents = await inspectCopy(copy, { settle: true });
      await chmod(copy, 0o600);
      await syncToDisk(copy);
      const { sha256, bytes } = await sha256File(copy);
      files.push({ name: file, bytes, sha256, schemaVersion: contents.schemaVersion, pageSize: contents.pageSize, rows: contents.rows });
    }
    const manifest = newManifest({
      tool: options.tool,
      startedAt: startedAt.toISOString(),
      finishedAt: clock().toISOString(),
      durationMs: Math.round(performance.now() - started),
      dataDir: options.dataDir,
      schemaVersion: files.find((f) => f.name === DESK_FILE)?.schemaVersion ?? 0,
      files,
    });
    const manifestSha256 = await writeManifest(partial, manifest);
    await syncToDisk(partial);
    await rename(partial, folder);
    await syncToDisk(options.backupDir);
    return { folder, manifest, manifestSha256, bytes: files.reduce((n, f) => n + f.bytes, 0) };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}
