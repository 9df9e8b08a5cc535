import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GroupCommit } from "../../src/storage/sqlite/group-commit.js";

let dir: string;
let db: Database.Database;
let commit: GroupCommit;
const rows = () => db.prepare("SELECT v FROM t ORDER BY v").pluck().all();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "group-commit-"));
  db = new Database(join(dir, "g.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 0");
  db.exec("CREATE TABLE t (v TEXT PRIMARY KEY)");
  commit = new GroupCommit(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (v: string) => () => db.prepare("INSERT INTO t (v) VALUES (?)").run(v).changes;

describe("the group commit", () => {
  it("commits the writes asked for together, and a refused one fails alone, its own partial work undone", async () => {
    const results = await Promise.allSettled([
      commit.run(insert("a")),
      commit.run(() => {
        insert("b")();
        return insert("a")(); // a duplicate: refused after "b" was written
      }),
      commit.run(insert("c")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(rows()).toEqual(["a", "c"]);
  });

  it("undoes the partial work of a refused write that is alone in its group", async () => {
    await commit.run(insert("a"));
    await expect(
      commit.run(() => {
        insert("b")();
        return insert("a")();
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(rows()).toEqual(["a"]);
    // The connection is usable after: no transaction was left open.
    await commit.run(insert("d"));
    expect(rows()).toEqual(["a", "d"]);
  });

  it("settles after the commit, with afterCommit seeing the result first, and waits out a busy file without losing the write", async () => {
    const other = new Database(join(dir, "g.sqlite"));
    other.exec("BEGIN IMMEDIATE"); // another connection holds the write lock
    const seen: string[] = [];
    const done = commit.run(insert("x"), (changes) => seen.push(`after ${changes}`)).then((changes) => seen.push(`resolved ${changes}`));
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual([]); // still waiting: nothing resolved before it is durable
    other.exec("COMMIT");
    other.close();
    await done;
    expect(seen).toEqual(["after 1", "resolved 1"]);
    expect(rows()).toEqual(["x"]);
  });
});
