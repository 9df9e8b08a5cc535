import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrations } from "../../src/storage/sqlite/migrations.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { storageContract } from "./contract.js";

storageContract("sqlite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sqlite-"));
  const file = join(dir, "desk.sqlite");
  return {
    storage: createSqliteStorage(file),
    reopen: async () => createSqliteStorage(file),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe("sqlite adapter", () => {
  it("runs the migrations on a new file, in WAL mode, and records the schema version", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sqlite-"));
    const file = join(dir, "desk.sqlite");
    const storage = createSqliteStorage(file);
    await storage.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(migrations.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    // Opening again does not re-run them.
    await createSqliteStorage(file).close();
    rmSync(dir, { recursive: true, force: true });
  });
});
