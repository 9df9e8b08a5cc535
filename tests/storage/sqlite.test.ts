import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
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

describe("sqlite adapter: the latest messages kept in memory", () => {
  const at = "2026-12-07T08:00:00.000Z";
  const say = (conversationId: string, text: string) => ({
    id: crypto.randomUUID(),
    conversationId,
    role: "citizen" as const,
    text,
    textSealed: null,
    clientId: null,
    createdAt: at,
    meta: { decision: "faq" as const, quickReplies: [{ label: text, payload: { intent: "card.lost" } }] },
  });

  it("stay true when another process sharing the file appends, and cannot be changed under the next reader", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sqlite-"));
    const file = join(dir, "desk.sqlite");
    const a = createSqliteStorage(file);
    const b = createSqliteStorage(file); // a second server on the same file
    const id = crypto.randomUUID();
    await a.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: at, updatedAt: at });
    for (let i = 1; i <= 20; i++) await a.messages.append(say(id, `a${i}`));
    expect((await a.messages.listRecent(id, 8)).map((m) => m.text)).toEqual(["a13", "a14", "a15", "a16", "a17", "a18", "a19", "a20"]);
    await a.messages.append(say(id, "a21"));
    expect((await a.messages.listRecent(id, 2)).map((m) => m.text)).toEqual(["a20", "a21"]);
    await b.messages.append(say(id, "b22"));
    expect((await a.messages.listRecent(id, 3)).map((m) => [m.seq, m.text])).toEqual([
      [20, "a20"],
      [21, "a21"],
      [22, "b22"],
    ]);
    // Asking for more than the kept tail reads the file.
    expect((await a.messages.listRecent(id, 50)).length).toBe(22);
    // What a reader gets cannot be changed under the next reader: a record of its own, and a meta
    // shared and frozen (trying to change it fails loudly).
    const [latest] = await a.messages.listRecent(id, 1);
    (latest as { text: string }).text = "changed by a reader";
    expect(() => latest!.meta.quickReplies!.push({ label: "x", payload: { action: "agent" } })).toThrow(TypeError);
    expect(() => {
      latest!.meta.decision = "fallback";
    }).toThrow(TypeError);
    // What the writer keeps is theirs to change: the tail holds what was written.
    const own = await a.messages.append(say(id, "a23"));
    own.meta.decision = "fallback";
    const again = await a.messages.listRecent(id, 2);
    expect(again.map((m) => [m.text, m.meta.decision, m.meta.quickReplies?.length])).toEqual([
      ["b22", "faq", 1],
      ["a23", "faq", 1],
    ]);
    await Promise.all([a.close(), b.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("are the same on the first read (read from the file) as on later reads (kept in memory)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sqlite-"));
    const file = join(dir, "desk.sqlite");
    const writer = createSqliteStorage(file);
    const id = crypto.randomUUID();
    await writer.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: at, updatedAt: at });
    for (let i = 1; i <= 3; i++) await writer.messages.append(say(id, `m${i}`));
    await writer.close();
    // A fresh store has nothing kept: its first read comes from the file, the next from memory.
    const s = createSqliteStorage(file);
    const first = await s.messages.listRecent(id, 2);
    const later = await s.messages.listRecent(id, 2);
    expect(later).toEqual(first);
    expect(first.map((m) => m.text)).toEqual(["m2", "m3"]);
    for (const m of [...first, ...later]) {
      expect(Object.isFrozen(m.meta)).toBe(true);
      expect(Object.isFrozen(m.meta.quickReplies)).toBe(true);
    }
    // The meta is parsed once: both reads share it.
    expect(later[1]!.meta).toBe(first[1]!.meta);
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("sqlite adapter: messages committed in groups", () => {
  const at = "2026-12-07T08:00:00.000Z";
  const msg = (conversationId: string, text: string, clientId: string | null = null) => ({
    id: crypto.randomUUID(),
    conversationId,
    role: "citizen" as const,
    text,
    textSealed: null,
    clientId,
    createdAt: at,
    meta: {},
  });

  it("settles each write after its group is on disk, in order, and a refused write fails alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sqlite-"));
    const file = join(dir, "desk.sqlite");
    const s = createSqliteStorage(file);
    const id = crypto.randomUUID();
    await s.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: at, updatedAt: at });
    // Asked for together: one group. The one for a conversation that does not exist is refused.
    const writes = [
      s.messages.append(msg(id, "one")),
      s.messages.append(msg("no-such-conversation", "orphan")),
      s.messages.append(msg(id, "two")),
      s.messages.append(msg(id, "three")),
    ];
    const settled = await Promise.allSettled(writes);
    expect(settled.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect(settled.flatMap((r) => (r.status === "fulfilled" ? [[r.value.seq, r.value.text]] : []))).toEqual([
      [1, "one"],
      [2, "two"],
      [3, "three"],
    ]);
    // Settled means stored: a second connection (another process) reads them.
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT text FROM messages WHERE conversation_id = ? ORDER BY seq").pluck().all(id)).toEqual(["one", "two", "three"]);
    db.close();
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores a message sent twice at once a single time and gives both senders the stored one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sqlite-"));
    const s = createSqliteStorage(join(dir, "desk.sqlite"));
    const id = crypto.randomUUID();
    await s.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: at, updatedAt: at });
    const first = msg(id, "社保卡丢了", "client-1");
    const again = { ...first, id: crypto.randomUUID() };
    const [a, b] = await Promise.all([s.messages.append(first), s.messages.append(again)]);
    expect(a.id).toBe(first.id);
    expect(b.id).toBe(first.id);
    expect((await s.messages.listRecent(id, 10)).map((m) => m.text)).toEqual(["社保卡丢了"]);
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes what is still waiting when it closes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sqlite-"));
    const file = join(dir, "desk.sqlite");
    const s = createSqliteStorage(file);
    const id = crypto.randomUUID();
    await s.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: at, updatedAt: at });
    const write = s.messages.append(msg(id, "last words"));
    await s.close();
    expect((await write).seq).toBe(1);
    const reopened = createSqliteStorage(file);
    expect((await reopened.messages.listRecent(id, 5)).map((m) => m.text)).toEqual(["last words"]);
    await reopened.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("sqlite adapter: a busy file", () => {
  it("waits for the lock without blocking the event loop, then stores the message", async () => {
    const at = "2026-12-07T08:00:00.000Z";
    const dir = mkdtempSync(join(tmpdir(), "sqlite-"));
    const file = join(dir, "desk.sqlite");
    const s = createSqliteStorage(file);
    const id = crypto.randomUUID();
    await s.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: at, updatedAt: at });
    // Another connection (the checkpointer emptying the log, another process) holds the write lock.
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE");
    let settled = false;
    const write = s.messages
      .append({ id: crypto.randomUUID(), conversationId: id, role: "citizen", text: "在吗", textSealed: null, clientId: null, createdAt: at, meta: {} })
      .then((m) => {
        settled = true;
        return m;
      });
    // The event loop keeps turning: timers fire while the write waits.
    let ticks = 0;
    const started = Date.now();
    while (Date.now() - started < 100) {
      await new Promise((r) => setTimeout(r, 5));
      ticks++;
    }
    expect(ticks).toBeGreaterThan(5);
    expect(settled).toBe(false);
    other.exec("COMMIT");
    expect((await write).seq).toBe(1);
    other.close();
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("sqlite adapter: the write-ahead log under steady writes", () => {
  it("stops growing: the checkpointer starts it over between commits, and nothing is lost", async () => {
    const at = "2026-12-07T08:00:00.000Z";
    const dir = mkdtempSync(join(tmpdir(), "sqlite-"));
    const file = join(dir, "desk.sqlite");
    const s = createSqliteStorage(file, { checkpointEveryMs: 20, restartLogAtBytes: 256 * 1024 });
    const ids = Array.from({ length: 20 }, () => crypto.randomUUID());
    for (const id of ids) await s.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: at, updatedAt: at });
    const answer = "发现社保卡丢失，请第一时间挂失。挂失后卡片会被冻结，别人无法冒用。".repeat(8);
    const walBytes = () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    const started = Date.now();
    let afterOneSecond = 0;
    let written = 0;
    let writtenSinceOneSecond = 0;
    // Steady writes for 3 s: groups of 20, a few milliseconds apart, as a busy desk writes.
    while (Date.now() - started < 3000) {
      await Promise.all(
        ids.map((conversationId) =>
          s.messages.append({ id: crypto.randomUUID(), conversationId, role: "bot", text: answer, textSealed: null, clientId: null, createdAt: at, meta: {} }),
        ),
      );
      written += ids.length;
      if (afterOneSecond) writtenSinceOneSecond += ids.length * answer.length * 3;
      else if (Date.now() - started > 1000) afterOneSecond = walBytes();
      await new Promise((r) => setTimeout(r, 3));
    }
    expect(writtenSinceOneSecond).toBeGreaterThan(2 ** 20);
    // The log file is reused from its start once restarted: after the first second it no longer
    // grows with what is written (without restarts it would hold every byte written, and more).
    expect(walBytes() - afterOneSecond).toBeLessThan(writtenSinceOneSecond / 2);
    await s.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT COUNT(*) FROM messages").pluck().get()).toBe(written);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
