import { setTimeout as sleep } from "node:timers/promises";
import type Database from "better-sqlite3";
import { DecryptionError, type FieldCipher } from "../../security/field-cipher.js";

/** A column holding values sealed with the field cipher; `where` narrows it to the rows that do. */
export interface SealedColumn {
  table: string;
  column: string;
  where?: string;
}

/** How far one column of one file is, as `npm run keys:rotate` reports it after each batch. */
export interface ColumnProgress {
  table: string;
  column: string;
  /** Sealed values in the column (counted at the start of the run; rows added since come on top). */
  total: number;
  /** Values looked at so far, in this run and in the interrupted runs it resumes. */
  done: number;
  /** Of those, the ones sealed again (the others already were under the new key). */
  resealed: number;
}

export interface ResealOptions {
  /** Values per transaction. */
  batchSize: number;
  /** Stop after this many batches, leaving the rest to the next run (undefined: no limit). */
  maxBatches?: number;
  /** A pause between batches, to leave a running desk room to write. */
  pauseMs?: number;
  /** Checked between batches: true stops the run there (an operator's Ctrl-C). */
  stopRequested?: () => boolean;
  onBatch?: (progress: ColumnProgress) => void;
}

export interface ResealResult {
  columns: ColumnProgress[];
  /** Batches committed by this run. */
  batches: number;
  /** Every column done: the progress is cleared, and a later run starts a fresh pass. */
  finished: boolean;
}

/** A value that none of the keys given opens: the rotation stops; the batches before it are kept. */
export class ResealError extends Error {
  readonly code = "KEYS_CANNOT_OPEN";
}

/**
 * Progress of a rotation in the file it rotates, written in the same transaction as each batch, so
 * that it says exactly what was done whenever the run stops (an error, Ctrl-C, a kill, a power
 * cut). Created by the rotation, not by the migrations: the desk itself never reads it.
 */
const PROGRESS_TABLE = `CREATE TABLE IF NOT EXISTS key_rotation (
  key_id TEXT NOT NULL,
  table_name TEXT NOT NULL,
  column_name TEXT NOT NULL,
  last_rowid INTEGER NOT NULL,
  done INTEGER NOT NULL,
  resealed INTEGER NOT NULL,
  finished INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (key_id, table_name, column_name)
)`;

interface ProgressRow {
  last_rowid: number;
  done: number;
  resealed: number;
  finished: number;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function hasColumn(db: Database.Database, table: string, column: string): boolean {
  return (db.prepare("SELECT name FROM pragma_table_info(?)").all(table) as { name: string }[]).some((c) => c.name === column);
}

/** What a rotation of one file has to do, and has done in earlier runs; `run` does the rest. */
export interface ResealPlan {
  /** Each column the file has, with its count and the progress of earlier, interrupted runs. */
  columns: ColumnProgress[];
  run(options: ResealOptions): Promise<ResealResult>;
}

/**
 * Plans sealing every value of the given columns again under the cipher's current key, in batches
 * of one transaction each, resuming where an earlier run for the same key stopped. A value already
 * under that key is only checked to open; a value changed by a running desk between the read and
 * the write is left to it (the write is conditional on the value read). Columns or tables the file
 * does not have (an older schema) hold nothing to rotate and are skipped.
 */
export function planReseal(db: Database.Database, columns: SealedColumn[], cipher: FieldCipher): ResealPlan {
  const keyId = cipher.keyId;
  db.exec(PROGRESS_TABLE);
  // A rotation towards another key that never finished: its progress means nothing for this one.
  db.prepare("DELETE FROM key_rotation WHERE key_id <> ?").run(keyId);
  const getProgress = db.prepare("SELECT last_rowid, done, resealed, finished FROM key_rotation WHERE key_id = ? AND table_name = ? AND column_name = ?");
  const saveProgress = db.prepare(
    `INSERT INTO key_rotation (key_id, table_name, column_name, last_rowid, done, resealed, finished, updated_at)
     VALUES (@keyId, @table, @column, @lastRowid, @done, @resealed, @finished, @at)
     ON CONFLICT (key_id, table_name, column_name) DO UPDATE SET last_rowid = excluded.last_rowid, done = excluded.done,
       resealed = excluded.resealed, finished = excluded.finished, updated_at = excluded.updated_at`,
  );

  const plans = columns
    .filter((c) => hasColumn(db, c.table, c.column))
    .map((c) => {
      const filter = `${quote(c.column)} IS NOT NULL${c.where ? ` AND (${c.where})` : ""}`;
      const total = (db.prepare(`SELECT count(*) AS n FROM ${quote(c.table)} WHERE ${filter}`).get() as { n: number }).n;
      const saved = getProgress.get(keyId, c.table, c.column) as ProgressRow | undefined;
      return {
        spec: c,
        progress: { table: c.table, column: c.column, total, done: saved?.done ?? 0, resealed: saved?.resealed ?? 0 },
        lastRowid: saved?.last_rowid ?? 0,
        finished: saved?.finished === 1,
        select: db.prepare(`SELECT rowid AS id, ${quote(c.column)} AS value FROM ${quote(c.table)} WHERE rowid > ? AND ${filter} ORDER BY rowid LIMIT ?`),
        update: db.prepare(`UPDATE ${quote(c.table)} SET ${quote(c.column)} = ? WHERE rowid = ? AND ${quote(c.column)} = ?`),
      };
    });

  async function run(options: ResealOptions): Promise<ResealResult> {
    let batches = 0;
    const mustStop = () => (options.maxBatches !== undefined && batches >= options.maxBatches) || options.stopRequested?.() === true;
    for (const plan of plans) {
      const { spec, progress } = plan;
      const batch = db.transaction(() => {
        const rows = plan.select.all(plan.lastRowid, options.batchSize) as { id: number; value: string }[];
        let resealed = 0;
        for (const row of rows) {
          let again: string | undefined;
          try {
            again = cipher.reseal(row.value);
          } catch (error) {
            if (!(error instanceof DecryptionError)) throw error;
            throw new ResealError(`${spec.table}.${spec.column}, rowid ${row.id}: ${error.message}`);
          }
          if (again !== undefined) resealed += plan.update.run(again, row.id, row.value).changes;
        }
        const next = {
          lastRowid: rows.at(-1)?.id ?? plan.lastRowid,
          done: progress.done + rows.length,
          resealed: progress.resealed + resealed,
          finished: rows.length < options.batchSize,
        };
        saveProgress.run({ keyId, table: spec.table, column: spec.column, ...next, finished: next.finished ? 1 : 0, at: new Date().toISOString() });
        return next;
      });
      while (!plan.finished) {
        if (mustStop()) return { columns: plans.map((p) => ({ ...p.progress })), batches, finished: false };
        // IMMEDIATE: the write lock from the read on, so the values read are the ones replaced.
        const after = batch.immediate();
        batches++;
        plan.lastRowid = after.lastRowid;
        plan.finished = after.finished;
        progress.done = after.done;
        progress.resealed = after.resealed;
        options.onBatch?.({ ...progress });
        if (!plan.finished && options.pauseMs) await sleep(options.pauseMs);
      }
    }
    // Done: the next run (after the desk wrote more under an old key, say) makes a fresh pass.
    db.prepare("DELETE FROM key_rotation WHERE key_id = ?").run(keyId);
    return { columns: plans.map((p) => ({ ...p.progress })), batches, finished: true };
  }

  return { columns: plans.map((p) => ({ ...p.progress })), run };
}
