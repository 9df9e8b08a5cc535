import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditLog, auditKey } from "../../src/audit/audit-log.js";
import type { Storage } from "../../src/storage/ports.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { projectRoot } from "../testing/nlu.js";

const SECRET = "s".repeat(40);
let dir: string;
let file: string;
let storage: Storage;
let log: AuditLog;
let now = Date.parse("2026-12-07T02:00:00Z");

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "audit-"));
  file = join(dir, "desk.sqlite");
  storage = createSqliteStorage(file);
  const tick = () => {
    now += 1000;
    return new Date(now);
  };
  log = new AuditLog(storage.audit, auditKey(SECRET), tick);
  for (let i = 1; i <= 6; i++) await log.record({ actor: `agent-${i}`, action: i % 2 ? "chat.close" : "personal-data.reveal", target: `t${i}`, detail: { n: i } });
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Changes the file behind the app's back, as someone with access to the disk could. */
async function tamper(sql: string) {
  await storage.close();
  const db = new Database(file);
  db.exec(sql);
  db.close();
  storage = createSqliteStorage(file);
  log = new AuditLog(storage.audit, auditKey(SECRET), () => new Date());
}

describe("the audit log", () => {
  it("chains each record to the one before, also when records are written at once", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => log.record({ actor: "x", action: "chat.transfer", target: `c${i}` })));
    expect(await log.verify(7)).toEqual({ ok: true, count: 26 });
    const all = await storage.audit.page(0, 100);
    expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    for (let i = 1; i < all.length; i++) expect(all[i]!.prevHash).toBe(all[i - 1]!.hash);
  });

  it("names a record that was changed afterwards", async () => {
    await tamper(`UPDATE audit_log SET detail = '{"n":99}' WHERE seq = 3`);
    expect(await log.verify()).toMatchObject({ ok: false, seq: 3, problem: "changed" });
  });

  it("names the gap where a record was removed", async () => {
    await tamper("DELETE FROM audit_log WHERE seq = 4");
    expect(await log.verify()).toMatchObject({ ok: false, seq: 5, problem: "removed" });
  });

  it("names a record slipped in, even with the numbers after it shifted to hide the gap", async () => {
    await tamper(`UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3;
      UPDATE audit_log SET seq = seq - 99 WHERE seq >= 103;
      INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash)
        SELECT 3, '2026-12-07T02:00:02.500Z', 'intruder', 'staff.change', 't', '{}', hash, '${"ab".repeat(32)}' FROM audit_log WHERE seq = 2;`);
    expect(await log.verify()).toMatchObject({ ok: false, seq: 3, problem: "inserted" });
  });

  it("cannot be rewritten consistently without the key: a recomputed plain chain is still refused", async () => {
    const other = new AuditLog(storage.audit, auditKey("someone else's secret"), () => new Date());
    expect((await other.verify()).ok).toBe(false);
  });

  it("reads back with filters, newest last", async () => {
    const reveals = await log.list({ action: "personal-data.reveal", limit: 2 });
    expect(reveals.map((r) => r.target)).toEqual(["t4", "t6"]);
    expect((await log.list({ actor: "agent-1", limit: 10 })).map((r) => r.seq)).toEqual([1]);
    expect((await log.list({ limit: 10, beforeSeq: 3 })).map((r) => r.seq)).toEqual([1, 2]);
  });

  it("npm run audit:verify prints ok N records, or the first broken record with exit code 1", async () => {
    await storage.close();
    const env = { ...process.env, DATA_DIR: dir, SESSION_SECRET: SECRET, FIELD_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"), LOG_LEVEL: "silent" };
    const run = () => {
      try {
        return { code: 0, out: execFileSync("npx", ["tsx", "scripts/audit-verify.ts"], { cwd: projectRoot, env, encoding: "utf8" }) };
      } catch (error) {
        const e = error as { status: number; stdout: string };
        return { code: e.status, out: e.stdout };
      }
    };
    expect(run()).toEqual({ code: 0, out: "ok 6 records\n" });
    const db = new Database(file);
    db.exec("UPDATE audit_log SET actor = 'someone' WHERE seq = 2");
    db.close();
    const broken = run();
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^changed at record 2/);
    storage = createSqliteStorage(file);
  });
});
