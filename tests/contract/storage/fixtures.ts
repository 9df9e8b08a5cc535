import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Connection } from "mongoose";
import { openMongo } from "../../../src/storage/mongo/connection.js";
import type { Storage } from "../../../src/storage/ports.js";
import { createSqliteStorage } from "../../../src/storage/sqlite/sqlite-storage.js";

/** What each group's contract gets from an adapter: its stores, again after a restart, then gone. */
export interface StoreFixture<S> {
  /** The stores as opened first. */
  stores: S;
  /** Closes and opens again on the same file or database: what a restart finds. */
  reopen(): Promise<S>;
  dispose(): Promise<void>;
}

/**
 * The embedded store in a folder of its own, handing the contract `pick(storage)`; `raw` reads the
 * file as it is on disk through a read-only connection of its own (what a thief of the file sees).
 */
export function sqliteFixture<S>(label: string, pick: (storage: Storage) => S) {
  const dir = mkdtempSync(join(tmpdir(), `${label}-`));
  const file = join(dir, "desk.sqlite");
  let storage = createSqliteStorage(file);
  return {
    stores: pick(storage),
    file,
    /** The store open now (after a reopen, the new one). */
    current: () => storage,
    async reopen() {
      await storage.close();
      storage = createSqliteStorage(file);
      return pick(storage);
    },
    raw<T>(read: (db: Database.Database) => T): T {
      const db = new Database(file, { readonly: true });
      try {
        return read(db);
      } finally {
        db.close();
      }
    },
    async dispose() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  } satisfies StoreFixture<S> & Record<string, unknown>;
}

/**
 * One group's Mongo stores (`open`) on the database at `uri`, emptied first (`fresh`, the default:
 * each test starts from an empty database); `conn()` is the connection open now, for raw reads.
 */
export async function mongoFixture<S>(uri: string, open: (conn: Connection) => Promise<S>, options: { fresh?: boolean } = {}) {
  let conn = await openMongo(uri);
  if (options.fresh ?? true) await conn.dropDatabase();
  return {
    stores: await open(conn),
    conn: () => conn,
    async reopen() {
      await conn.close();
      conn = await openMongo(uri);
      return open(conn);
    },
    dispose: () => conn.close(),
  } satisfies StoreFixture<S> & Record<string, unknown>;
}

/** Whether the server is FerretDB (it says so in buildInfo): some tests show where it differs from MongoDB. */
export async function isFerretDb(conn: Connection): Promise<boolean> {
  return "ferretdbVersion" in (await conn.db!.admin().command({ buildInfo: 1 }));
}
