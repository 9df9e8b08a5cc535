import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AuditLog, auditKey } from "../../../src/audit/audit-log.js";
import { MigrationRefused, migrateToMongo, runMigrateToMongo } from "../../../src/storage/migrate/sqlite-to-mongo.js";
import { openMongo } from "../../../src/storage/mongo/connection.js";
import { createMongoStorage } from "../../../src/storage/mongo/mongo-storage.js";
import type { HandoffRecord, Storage, TicketRecord } from "../../../src/storage/ports.js";
import { createSqliteStorage } from "../../../src/storage/sqlite/sqlite-storage.js";
import { describeMongo, freshDatabaseUri } from "../../testing/mongo.js";

const KEY = auditKey("migration-test-secret");
const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();
const SEALED = "v1.aes-256-gcm.c2VhbGVk.bm90LW9wZW5lZA"; // copied as it is, never opened

const handoff: HandoffRecord = {
  id: "h-1",
  conversationId: "c-1",
  status: "queued",
  reason: "asked for a person",
  urgency: "normal",
  language: "zh",
  skill: "pension",
  intent: "pension.query",
  arrivedAt: at(3),
  agentId: null,
  offeredAt: null,
  acceptedAt: null,
  closedAt: null,
  wrapUp: null,
  closeNote: null,
  transferNote: null,
  surveyRating: null,
  surveyComment: null,
};
const ticket: TicketRecord = {
  id: "t-1",
  conversationId: "c-2",
  language: "en",
  text: "call me back about ***",
  textSealed: SEALED,
  hasCallback: true,
  status: "open",
  createdAt: at(4),
  answeredBy: null,
  answeredAt: null,
};

/** Seeds a real embedded store through its ports (the audit records through the AuditLog, so the chain is real). */
async function seed(storage: Storage): Promise<void> {
  for (const [id, channel] of [
    ["c-1", "web"],
    ["c-2", "wechat"],
  ] as const) {
    await storage.conversations.create({ id, channel, key: `${channel}-${id}`, locale: "zh", createdAt: at(0), updatedAt: at(0) });
  }
  await storage.conversations.setFlowState("c-2", SEALED, at(1));
  const msg = (id: string, conversationId: string, role: "citizen" | "bot", text: string, extra: Partial<{ textSealed: string; clientId: string }> = {}) =>
    storage.messages.append({
      id,
      conversationId,
      role,
      text,
      textSealed: extra.textSealed ?? null,
      clientId: extra.clientId ?? null,
      createdAt: at(1),
      meta: role === "bot" ? { decision: "faq" as const, faqId: "faq.pension", replyTo: "m-1" } : {},
    });
  await msg("m-1", "c-1", "citizen", "养老金怎么查", { clientId: "client-1" });
  await msg("m-2", "c-1", "bot", "您可以在网上查询");
  await msg("m-3", "c-1", "citizen", "我的身份证 ***", { textSealed: SEALED, clientId: "client-2" });
  await msg("m-4", "c-2", "citizen", "hello");
  await storage.feedback.set({ messageId: "m-2", conversationId: "c-1", rating: "down", createdAt: at(2) });
  await storage.applicationLinks.link("A-100", "c-2", at(2));
  await storage.staff.create({
    id: "s-1",
    username: "wang",
    displayName: "Wang",
    passwordHash: "scrypt$16384$8$1$c2FsdA$aGFzaA",
    languages: ["zh", "en"],
    skills: ["pension"],
    capacity: 3,
    disabled: false,
    createdAt: at(0),
    roles: ["agent", "editor"],
    totpSecretSealed: SEALED,
    totpLastStep: 0,
    recoveryCodeHashes: ["r1", "r2"],
    requireSecondFactor: true,
  });
  await storage.staffSessions.create({ id: "ss-1", staffId: "s-1", createdAt: at(1), expiresAt: at(59), endedAt: null, endedReason: null });
  await storage.staffSessions.create({ id: "ss-2", staffId: "s-1", createdAt: at(1), expiresAt: at(59), endedAt: null, endedReason: null });
  await storage.staffSessions.end("ss-2", at(2), "signed_out");
  await storage.handoffs.create(handoff);
  await storage.tickets.create(ticket);
  await storage.tickets.create({ ...ticket, id: "t-2", textSealed: null, hasCallback: null });
  await storage.tickets.markAnswered("t-2", "s-1", at(5));
  await storage.delayedJobs.save({ kind: "reminder", key: "c-1", payload: { n: "1" }, dueAt: 1_800_000_000_000 });
  const audit = new AuditLog(storage.audit, KEY, () => new Date(at(6)));
  await audit.record({ actor: "s-1", action: "staff.sign_in" });
  await audit.record({ actor: "s-1", action: "staff.role_change", target: "s-1", detail: { roles: ["agent", "editor"] } });
  await audit.record({ actor: null, action: "system.start", detail: {} });
  await storage.knowledgeVersions.publish({ author: "knowledge-base/", note: "first", publishedAt: at(7), origin: "folder", documents: new Map([["faq/pension.md", "Q: 养老金\nA: 查询"], ["intents/core.yaml", "intents: []"]]) });
  await storage.knowledgeVersions.publish({ author: "s-1", note: "second", publishedAt: at(8), origin: "editor", documents: new Map([["faq/pension.md", "Q: 养老金\nA: 网上查询"], ["intents/core.yaml", "intents: []"]]) });
  await storage.regressionQuestions.add({ text: "养老金怎么查", intent: "pension.query", addedBy: "s-1", addedAt: at(8) });
  await storage.knowledgeDrafts.create({
    id: "d-1",
    title: "pension wording",
    author: "s-1",
    authorName: "Wang",
    editors: ["s-1"],
    baseVersion: 2,
    status: "open",
    changes: { "faq/pension.md": "Q: 养老金\nA: 新", "faq/old.md": null },
    notes: [{ kind: "comment", by: "s-1", byName: "Wang", at: at(9), text: "draft" }],
    approvedRevision: null,
    outcome: null,
    createdAt: at(9),
    updatedAt: at(9),
    revision: 1,
  });
  await storage.unansweredQuestions.flag({ messageId: "m-1", agentId: "s-1", note: "unclear", at: at(9) });
  await storage.unansweredQuestions.markHandled([{ messageId: "m-4", by: "s-1", how: "dismissed", faqId: null, at: at(9) }]);
}

describeMongo("migrate:to-mongo (embedded store → MongoDB)", () => {
  const dir = mkdtempSync(join(tmpdir(), "desk-migrate-"));
  let source: Storage;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeAll(async () => {
    source = createSqliteStorage(join(dir, "desk.sqlite"));
    await seed(source);
    await source.close();
    source = createSqliteStorage(join(dir, "desk.sqlite"));
  });
  afterAll(async () => {
    await source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("copies every record, reads back the same through the ports, and resumes without duplicating", async () => {
    const uri = freshDatabaseUri("migrate");
    const report = await migrateToMongo({ from: dir, to: uri, log });
    expect(report.ok, JSON.stringify(report.verify.filter((v) => !v.ok))).toBe(true);
    expect(report.copied.messages).toEqual({ inserted: 4, present: 0, total: 4 });
    expect(lines).toContain("messages 4 / 4");

    const mongo = await createMongoStorage(uri);
    try {
      for (const id of ["c-1", "c-2"]) expect(await mongo.conversations.get(id)).toEqual(await source.conversations.get(id));
      expect(await mongo.conversations.getFlowState("c-2")).toBe(SEALED);
      const recent = await mongo.messages.listRecent("c-1", 10);
      expect(recent).toEqual(await source.messages.listRecent("c-1", 10));
      expect(recent.map((m) => m.seq)).toEqual([1, 2, 3]);
      expect(recent[2]?.textSealed).toBe(SEALED);
      expect(await mongo.messages.findByClientId("c-1", "client-2")).toEqual(await source.messages.findByClientId("c-1", "client-2"));
      expect(await mongo.feedback.forConversation("c-1")).toEqual(await source.feedback.forConversation("c-1"));
      expect(await mongo.applicationLinks.conversationsFor("A-100")).toEqual(["c-2"]);
      expect(await mongo.staff.get("s-1")).toEqual(await source.staff.get("s-1"));
      expect(await mongo.staffSessions.get("ss-2")).toEqual(await source.staffSessions.get("ss-2"));
      expect(await mongo.staffSessions.end("ss-2", at(10), "again")).toBe(false);
      expect(await mongo.handoffs.open("c-1")).toEqual(handoff);
      expect(await mongo.tickets.get("t-1")).toEqual(ticket);
      expect(await mongo.tickets.get("t-2")).toEqual(await source.tickets.get("t-2"));
      expect(await mongo.tickets.markAnswered("t-2", "s-9", at(11))).toBe(false);
      expect(await mongo.delayedJobs.all()).toEqual(await source.delayedJobs.all());
      expect(await mongo.knowledgeVersions.get(1)).toEqual(await source.knowledgeVersions.get(1));
      expect(await mongo.knowledgeVersions.latest()).toEqual(await source.knowledgeVersions.latest());
      expect(await mongo.regressionQuestions.list()).toEqual(await source.regressionQuestions.list());
      expect(await mongo.knowledgeDrafts.get("d-1")).toEqual(await source.knowledgeDrafts.get("d-1"));
      expect(await mongo.audit.page(0, 100)).toEqual(await source.audit.page(0, 100));
      expect(await mongo.unansweredQuestions.flagsOn("m-1")).toEqual(await source.unansweredQuestions.flagsOn("m-1"));
      expect(await mongo.unansweredQuestions.handledMarks(["m-1", "m-4"])).toEqual(await source.unansweredQuestions.handledMarks(["m-1", "m-4"]));
      expect(await new AuditLog(mongo.audit, KEY, () => new Date()).verify()).toEqual({ ok: true, count: 3 });

      // Re-run on the same target (a resume after the whole copy): nothing copied twice, still verified.
      const again = await migrateToMongo({ from: dir, to: uri });
      expect(again.ok).toBe(true);
      for (const c of Object.values(again.copied)) expect(c.inserted).toBe(0);
      expect(again.copied.messages).toEqual({ inserted: 0, present: 4, total: 4 });

      // The copy goes on as MongoDB's own: the next message and audit record continue the seqs.
      const next = await mongo.messages.append({ id: "m-5", conversationId: "c-1", role: "bot", text: "ok", textSealed: null, clientId: null, createdAt: at(12), meta: {} });
      expect(next.seq).toBe(4);
      const audit = new AuditLog(mongo.audit, KEY, () => new Date(at(12)));
      expect((await audit.record({ actor: "s-1", action: "staff.sign_out" })).seq).toBe(4);
      expect((await audit.verify()).ok).toBe(true);
      expect(await mongo.knowledgeDrafts.save({ ...(await mongo.knowledgeDrafts.get("d-1"))!, title: "renamed", revision: 2 }, 1)).toBe(true);
      // Flagged once already (the unique message and agent): a second flag replaces the note.
      expect(await mongo.unansweredQuestions.flag({ messageId: "m-1", agentId: "s-1", note: "again", at: at(10) })).toBe(false);
    } finally {
      await mongo.close();
    }
  });

  it("finishes an interrupted copy: a partial run, documents lost, then a full run", async () => {
    const uri = freshDatabaseUri("migrate_resume");
    const partial = await migrateToMongo({ from: dir, to: uri, only: ["conversations", "messages"], batchSize: 2 });
    expect(partial.ok).toBe(true);
    expect(Object.keys(partial.copied)).toEqual(["conversations", "messages"]);
    const conn = await openMongo(uri);
    try {
      // As if stopped in the middle of a batch: one message and one audit record never arrived.
      await conn.collection("messages").deleteOne({ _id: "m-3" } as never);
      const full = await migrateToMongo({ from: dir, to: uri, batchSize: 2 });
      expect(full.ok).toBe(true);
      expect(full.copied.messages).toEqual({ inserted: 1, present: 3, total: 4 });
      expect(full.copied.auditLog).toEqual({ inserted: 3, present: 0, total: 3 });
      expect(await conn.collection("messages").countDocuments()).toBe(4);

      // The CLI, spawned as npm runs it: a resume copying nothing, the table, exit 0.
      const run = spawnSync("npx", ["tsx", "scripts/migrate-to-mongo.ts", "--from", dir, "--to", uri], { encoding: "utf8", env: { ...process.env, MONGODB_URI: "" } });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/messages 4 \/ 4/);
      expect(run.stdout).toMatch(/^messages\s+4\s+4\s+[0-9a-f]{16}\s+ok$/m);
      expect(run.stdout).toContain("ok: copy verified");

      // A target holding other data under the same ids is refused, and left as it was.
      await conn.collection("conversations").updateOne({ _id: "c-1" } as never, { $set: { locale: "en" } });
      await conn.collection("auditLog").deleteMany({});
      await expect(migrateToMongo({ from: dir, to: uri })).rejects.toThrow(MigrationRefused);
      expect(await conn.collection("auditLog").countDocuments()).toBe(0);
      const out: string[] = [];
      expect(await runMigrateToMongo(["--from", dir, "--to", uri], {}, (l) => out.push(l))).toBe(2);
      expect(out.join("\n")).toMatch(/refused: conversations: the target already holds different data for _id "c-1"/);
    } finally {
      await conn.close();
    }
  });

  it("refuses clearly: no --from, no desk.sqlite, no target, an unreachable server", async () => {
    const out: string[] = [];
    const say = (l: string) => out.push(l);
    expect(await runMigrateToMongo([], {}, say)).toBe(2);
    expect(await runMigrateToMongo(["--from", join(dir, "nowhere")], { MONGODB_URI: "mongodb://127.0.0.1:27018/x" }, say)).toBe(2);
    expect(await runMigrateToMongo(["--from", dir], {}, say)).toBe(2);
    expect(await runMigrateToMongo(["--from", dir, "--to", "mongodb://127.0.0.1:1/x?serverSelectionTimeoutMS=500"], {}, say)).toBe(2);
    expect(out[0]).toMatch(/--from DATA_DIR is required/);
    expect(out[1]).toMatch(/no embedded store at .*nowhere.*desk\.sqlite/);
    expect(out[2]).toMatch(/no target/);
    expect(out[3]).toMatch(/unreachable/);
  });
});
