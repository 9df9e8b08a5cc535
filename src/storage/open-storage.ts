import { join } from "node:path";
import type { Storage } from "./ports.js";
import { createSqliteStorage } from "./sqlite/sqlite-storage.js";

/** The store the configuration names: the embedded SQLite file in the data folder (MongoDB comes next). */
export function openStorage(config: { dataDir: string }): Storage {
  return createSqliteStorage(join(config.dataDir, "desk.sqlite"));
}
