
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "../../src/storage/ports.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { INBOX_SQL } from "../../src/storage/sqlite/unanswered-questions.js";

const dir = mkdtempSync(join(tmpdir(), "inbox-store-"));
const file = join(dir, "desk.sqlite");
let s: Storage;
beforeAll(() => {
  s = createSqliteStorage(file);
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

// What the inbox finds is the inbox contract's (tests/contract/storage/inbox.ts, on every adapter);
// how SQLite finds it is this file's.
describe("sqlite adapter: the editors' inbox", () => {
  it("reads every window through an index, never a scan of a table", () => {
    const db = new Database(file, { readonly: true });
    // Binds "x" to every parameter: EXPLAIN needs values, not meaningful ones.
    const planOf = (sql: string) => {
      const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const rows = sql.includes("@") ? statement.all({ conversationId: "x", agentId: "x" }) : statement.all(...Array((sql.match(/\?/g) ?? []).length).fill("x"));
      return (rows as { detail: string }[]).map((r) => r.detail).join("\n");
    };
    try {
      for (const [name, sql] of Object.entries(INBOX_SQL)) {
        // json_each is the list of ids given; every table is searched through a key or an index.
        expect(planOf(sql), name).not.toMatch(/\bSCAN (?!json_each|CONSTANT ROW)/);
      }
      // The windows start from the indexes the inbox's migration made.
      expect(planOf(INBOX_SQL.failedReplies)).toContain("messages_bot_decision");
      expect(planOf(INBOX_SQL.repliesBeforeAPerson)).toContain("messages_bot_decision");
      expect(planOf(INBOX_SQL.answers)).toContain("messages_bot_decision");
      expect(planOf(INBOX_SQL.answersBeforeAPerson)).toContain("messages_bot_decision");
      expect(planOf(INBOX_SQL.ratedDown)).toContain("feedback_rating");
      expect(planOf(INBOX_SQL.answersRatedDown)).toContain("feedback_rating");
      expect(planOf(INBOX_SQL.flagsSince)).toContain("inbox_flags_at");
    } finally {
      db.close();
    }
  });
});
