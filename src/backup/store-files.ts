import { existsSync, readdirSync, statSync } from "node:fs";
import { migrations as demoRecordsMigrations } from "../records/demo/migrations.js";
import { migrations as deskMigrations } from "../storage/sqlite/migrations.js";
import { BackupRefused } from "./errors.js";

/** The desk's own store: without it a data folder holds nothing to back up. */
export const DESK_FILE = "desk.sqlite";

/**
 * The schema version (PRAGMA user_version) this code brings each known file to. A backup from a
 * newer desk is refused by restore: an older desk would run on a schema it does not know.
 */
export const KNOWN_SCHEMA_VERSIONS: Readonly<Record<string, number>> = {
  [DESK_FILE]: deskMigrations.length,
  // As app.ts names the demo back office's file.
  "records-demo.sqlite": demoRecordsMigrations.length,
};

/**
 * The embedded store's files in a data folder: every `*.sqlite` at its top (desk.sqlite, the
 * demo back office's records-demo.sqlite, and any file a later part adds), never their -wal and
 * -shm logs, which the copy takes in through SQLite. Refuses a missing folder or one without
 * desk.sqlite, saying which.
 */
export function storeFilesIn(dataDir: string): string[] {
  if (!existsSync(dataDir)) throw new BackupRefused(`the data folder ${dataDir} does not exist: nothing to back up (check DATA_DIR or --data-dir)`);
  if (!statSync(dataDir).isDirectory()) throw new BackupRefused(`${dataDir} is not a folder (check DATA_DIR or --data-dir)`);
  const files = readdirSync(dataDir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".sqlite"))
    .map((e) => e.name)
    .sort((a, b) => (a === DESK_FILE ? -1 : b === DESK_FILE ? 1 : a.localeCompare(b)));
  if (!files.includes(DESK_FILE)) {
    throw new BackupRefused(
      `the data folder ${dataDir} holds no ${DESK_FILE}: nothing to back up (an empty folder, or not the desk's DATA_DIR)`,
    );
  }
  return files;
}
