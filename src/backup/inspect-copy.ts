import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

// Runs in a worker: counting a million rows takes SQLite ~80 ms, too long for a desk's event loop.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: !workerData.settle, fileMustExist: true });
  // The copy keeps the source's WAL flag in its header; as a rollback-journal file it is one
  // self-contained file that opens read-only without creating -wal and -shm beside it. The desk
  // sets WAL again when it opens a restored file.
  if (workerData.settle) db.pragma("journal_mode = DELETE");
  const check = workerData.check ? db.pragma("quick_check").map((r) => r.quick_check).join("; ") : "ok";
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name").pluck().all();
  const rows = {};
  for (const t of tables) rows[t] = db.prepare('SELECT count(*) FROM "' + t.replaceAll('"', '""') + '"').pluck().get();
  const schemaVersion = db.pragma("user_version", { simple: true });
  const pageSize = db.pragma("page_size", { simple: true });
  db.close();
  parentPort.postMessage({ ok: true, rows, schemaVersion, pageSize, check });
} catch (error) {
  try { db && db.close(); } catch {}
  parentPort.postMessage({ ok: false, message: String((error && error.message) || error) });
}
`;

/** What a copied SQLite file holds: the rows of each table, its schema version and page size. */
export interface CopyContents {
  rows: Record<string, number>;
  schemaVersion: number;
  pageSize: number;
  /** PRAGMA quick_check's answer ("ok" for a sound file; "ok" when not asked for). */
  check: string;
}

/**
 * Reads a copy of a store file in a worker thread: its row counts, schema version and page size;
 * `settle` first turns it into a self-contained rollback-journal file (a fresh copy, in the backup
 * folder), `check` runs SQLite's quick_check (a restore). The copy is never one a desk has open.
 */
export function inspectCopy(file: string, options: { settle?: boolean; check?: boolean } = {}): Promise<CopyContents> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, settle: options.settle ?? false, check: options.check ?? false } });
  return new Promise<CopyContents>((resolve, reject) => {
    worker.once("message", (m: ({ ok: true } & CopyContents) | { ok: false; message: string }) => {
      if (m.ok) resolve({ rows: m.rows, schemaVersion: m.schemaVersion, pageSize: m.pageSize, check: m.check });
      else reject(new Error(`${file}: ${m.message}`));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`reading ${file} stopped (worker exit ${code})`)));
  });
}
