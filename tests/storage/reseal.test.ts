import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { FieldCipher, fieldKeyId, sealedKeyId } from "../../src/security/field-cipher.js";
import { planReseal, ResealError } from "../../src/storage/sqlite/reseal.js";
import { DESK_SEALED_COLUMNS } from "../../src/storage/sqlite/sealed-columns.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";

const at = "2026-12-07T08:00:00.000Z";
const A = randomBytes(32);
const B = randomBytes(32);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A desk file with `n` conversations, each with a sealed flow state, two messages (one sealed) and a ticket. */
async function deskFile(n: number, key = A): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "reseal-"));
  dirs.push(dir);
  const file = join(dir, "desk.sqlite");
  const storage = createSqliteStorage(file);
  const cipher = new FieldCipher(key);
  for (let i = 0; i < n; i++) {
    const id = `c${i}`;
    await storage.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: at, updatedAt: at });
    await storage.conversations.setFlowState(id, cipher.encrypt(JSON.stringify({ i })), at);
    const message = { conversationId: id, role: "citizen" as const, clientId: null, createdAt: at, meta: {} };
    await storage.messages.append({ ...message, id: `${id}-m1`, text: "138****5678", textSealed: cipher.encrypt(`13812345678 #${i}`) });
    await storage.messages.append({ ...message, id: `${id}-m2`, text: "谢谢", textSealed: null });
    await storage.tickets.create({ id: `${id}-t`, conversationId: id, language: "zh", text: "请回电 138****5678", textSealed: cipher.encrypt(`请回电 13812345678 #${i}`), hasCallback: true, status: "open", createdAt: at, answeredBy: null, answeredAt: null });
  }
  await storage.close();
  return file;
}

/** Which key sealed each stored value, counted: { keyId: count }. */
function keysUsed(db: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { table, column } of DESK_SEALED_COLUMNS) {
    for (const r of db.prepare(`SELECT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL`).all() as { v: string }[]) {
      const id = sealedKeyId(r.v) as string;
      counts[id] = (counts[id] ?? 0) + 1;
    }
  }
  return counts;
}

describe("sealing stored values again under a new key", () => {
  it("goes in batches, resumes where an interrupted run stopped, and leaves everything opening with the new key alone", async () => {
    const file = await deskFile(10);
    const db = new Database(file);
    const rotate = new FieldCipher(B, [A]);
    const first = planReseal(db, DESK_SEALED_COLUMNS, rotate);
    expect(first.columns).toEqual([
      { table: "messages", column: "text_sealed", total: 10, done: 0, resealed: 0 },
      { table: "tickets", column: "text_sealed", total: 10, done: 0, resealed: 0 },
      { table: "conversations", column: "flow_state", total: 10, done: 0, resealed: 0 },
      { table: "conversations", column: "contact_sealed", total: 0, done: 0, resealed: 0 },
      { table: "staff", column: "totp_secret", total: 0, done: 0, resealed: 0 },
    ]);
    const seen: number[] = [];
    const stopped = await first.run({ batchSize: 4, maxBatches: 4, onBatch: (p) => seen.push(p.done) });
    expect(stopped.finished).toBe(false);
    expect(stopped.batches).toBe(4);
    // messages: 4, 8, 10 (finished); tickets: 4.
    expect(seen).toEqual([4, 8, 10, 4]);
    expect(keysUsed(db)).toEqual({ [fieldKeyId(B)]: 14, [fieldKeyId(A)]: 16 });
    // The progress is in the file, written with each batch.
    expect(db.prepare("SELECT table_name, done, finished FROM key_rotation ORDER BY table_name").all()).toEqual([
      { table_name: "messages", done: 10, finished: 1 },
      { table_name: "tickets", done: 4, finished: 0 },
    ]);
    db.close();

    // A new process, a new plan: it picks up at the fifth ticket.
    const again = new Database(file);
    const second = planReseal(again, DESK_SEALED_COLUMNS, rotate);
    expect(second.columns.map((c) => c.done)).toEqual([10, 4, 0, 0, 0]);
    const done = await second.run({ batchSize: 4 });
    expect(done.finished).toBe(true);
    expect(done.columns).toEqual([
      { table: "messages", column: "text_sealed", total: 10, done: 10, resealed: 10 },
      { table: "tickets", column: "text_sealed", total: 10, done: 10, resealed: 10 },
      { table: "conversations", column: "flow_state", total: 10, done: 10, resealed: 10 },
      { table: "conversations", column: "contact_sealed", total: 0, done: 0, resealed: 0 },
      { table: "staff", column: "totp_secret", total: 0, done: 0, resealed: 0 },
    ]);
    expect(keysUsed(again)).toEqual({ [fieldKeyId(B)]: 30 });
    expect(again.prepare("SELECT count(*) AS n FROM key_rotation").get()).toEqual({ n: 0 });
    again.close();

    // Read through the store with the new key alone: the originals are back.
    const storage = createSqliteStorage(file);
    const only = new FieldCipher(B);
    expect(only.decrypt((await storage.messages.get("c7-m1"))!.textSealed!)).toBe("13812345678 #7");
    expect(only.decrypt((await storage.tickets.get("c3-t"))!.textSealed!)).toBe("请回电 13812345678 #3");
    expect(JSON.parse(only.decrypt((await storage.conversations.getFlowState("c9"))!))).toEqual({ i: 9 });
    await storage.close();

    // A later run finds nothing to do, only checks that everything opens.
    const third = new Database(file);
    const check = await planReseal(third, DESK_SEALED_COLUMNS, rotate).run({ batchSize: 100 });
    expect(check.columns.map((c) => [c.done, c.resealed])).toEqual([[10, 0], [10, 0], [10, 0], [0, 0], [0, 0]]);
    third.close();
  });

  it("stops at a value no key given opens, naming it; the batches before it are kept and its batch is undone", async () => {
    const file = await deskFile(6);
    const db = new Database(file);
    const stranger = randomBytes(32);
    db.prepare("UPDATE messages SET text_sealed = ? WHERE id = 'c4-m1'").run(new FieldCipher(stranger).encrypt("x"));
    const rowid = (db.prepare("SELECT rowid AS r FROM messages WHERE id = 'c4-m1'").get() as { r: number }).r;
    const plan = planReseal(db, DESK_SEALED_COLUMNS, new FieldCipher(B, [A]));
    await expect(plan.run({ batchSize: 3 })).rejects.toThrow(ResealError);
    await expect(planReseal(db, DESK_SEALED_COLUMNS, new FieldCipher(B, [A])).run({ batchSize: 3 })).rejects.toThrow(
      `messages.text_sealed, rowid ${rowid}: sealed with key ${fieldKeyId(stranger)}, which is not among the keys given`,
    );
    // The first three (c0..c2) are done; c3 shares the failed batch with c4, so it is as it was.
    const keys = (db.prepare("SELECT id, text_sealed AS v FROM messages WHERE text_sealed IS NOT NULL ORDER BY rowid").all() as { id: string; v: string }[]).map((r) => sealedKeyId(r.v));
    expect(keys).toEqual([fieldKeyId(B), fieldKeyId(B), fieldKeyId(B), fieldKeyId(A), fieldKeyId(stranger), fieldKeyId(A)]);
    expect(db.prepare("SELECT done FROM key_rotation").all()).toEqual([{ done: 3 }]);
    // Given that key too, the next run goes on from there.
    const result = await planReseal(db, DESK_SEALED_COLUMNS, new FieldCipher(B, [A, stranger])).run({ batchSize: 3 });
    expect(result.finished).toBe(true);
    expect(keysUsed(db)).toEqual({ [fieldKeyId(B)]: 18 });
    db.close();
  });

  it("starts over when an unfinished rotation was towards another key, and skips columns an older file lacks", async () => {
    const file = await deskFile(5);
    const db = new Database(file);
    const C = randomBytes(32);
    await planReseal(db, DESK_SEALED_COLUMNS, new FieldCipher(C, [A])).run({ batchSize: 2, maxBatches: 2 });
    expect(keysUsed(db)).toEqual({ [fieldKeyId(C)]: 4, [fieldKeyId(A)]: 11 });
    const plan = planReseal(db, [...DESK_SEALED_COLUMNS, { table: "nowhere", column: "x" }, { table: "messages", column: "not_there" }], new FieldCipher(B, [A, C]));
    expect(plan.columns.map((c) => [c.table, c.done])).toEqual([
      ["messages", 0],
      ["tickets", 0],
      ["conversations", 0],
      ["conversations", 0],
      ["staff", 0],
    ]);
    expect((await plan.run({ batchSize: 2 })).finished).toBe(true);
    expect(keysUsed(db)).toEqual({ [fieldKeyId(B)]: 15 });
    db.close();
  });

  it("leaves a value the desk changed meanwhile as the desk wrote it", async () => {
    const file = await deskFile(3);
    const db = new Database(file);
    const desk = new FieldCipher(B, [A]);
    const newer = desk.encrypt(JSON.stringify({ step: "newer" }));
    // The desk writes a new flow state between the rotation's read and its write (here: from inside the read).
    class Racing extends FieldCipher {
      override reseal(sealed: string) {
        if (JSON.parse(desk.decrypt(sealed)).i === 1) db.prepare("UPDATE conversations SET flow_state = ? WHERE id = 'c1'").run(newer);
        return super.reseal(sealed);
      }
    }
    const result = await planReseal(db, DESK_SEALED_COLUMNS.filter((c) => c.table === "conversations"), new Racing(B, [A])).run({ batchSize: 10 });
    expect(result.columns[0]).toMatchObject({ done: 3, resealed: 2 });
    expect(db.prepare("SELECT flow_state AS v FROM conversations WHERE id = 'c1'").get()).toEqual({ v: newer });
    db.close();
  });
});
