import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { restoreBackup } from "../../src/backup/restore-backup.js";
import { takeBackup } from "../../src/backup/take-backup.js";
import { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Several clients chatting at once, well within the limits below: a busy desk, not an attack. */
const LOAD_ENV = { CHAT_RATE_LIMIT: "1000", CHAT_RATE_WINDOW_MS: "1000", LIMIT_CONVERSATION_MESSAGES: "100000/1s", BACKUP_EVERY_MINUTES: "0" };
const QUESTIONS = ["养老保险交满多少年才能领", "异地就医怎么备案", "工伤认定要多久", "失业金一个月多少钱", "社保卡怎么激活"];

const servers: TestServer[] = [];
const folders: string[] = [];
afterAll(async () => {
  for (const s of servers) await s.cleanup();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

describe("a backup taken while a desk is under load", () => {
  it("holds every message acknowledged before it began, and a desk started on the restored copy serves those conversations", async () => {
    const desk = await startTestServer({ env: LOAD_ENV });
    servers.push(desk);
    const clients = await Promise.all([1, 2, 3, 4].map(() => ChatClient.connect(desk.url)));
    /** clientId of every acknowledged message, with its conversation. */
    const acked = new Map<string, string>();
    const refused: unknown[] = [];
    let backupRunning = false;
    let ackedDuringBackup = 0;
    let sending = true;
    const senders = clients.map(async (c, n) => {
      for (let i = 0; sending; i++) {
        const clientId = randomUUID();
        const ack = await c.send(`${QUESTIONS[(n + i) % QUESTIONS.length]}（第 ${i} 次）`, { clientId });
        if (!ack.ok) refused.push(ack.error);
        else {
          acked.set(clientId, c.session.conversationId);
          if (backupRunning) ackedDuringBackup++;
        }
        await sleep(2);
      }
    });

    await sleep(1500);
    // The moment the backup begins: every message acknowledged by now must be in it.
    const before = new Set(acked.keys());
    backupRunning = true;
    const backupDir = mkdtempSync(join(tmpdir(), "backups-under-load-"));
    folders.push(backupDir);
    // As `npm run backup` takes it, but in small steps: the copy interleaves with many writes.
    const taken = await takeBackup({ dataDir: desk.dataDir, backupDir, tool: { name: "test", version: "0" }, stepBytes: 16 * 1024 });
    backupRunning = false;
    await sleep(1000);
    sending = false;
    await Promise.all(senders);
    for (const c of clients) c.close();

    expect(refused).toEqual([]);
    expect(before.size).toBeGreaterThan(100);
    // The desk went on answering while the backup ran.
    expect(ackedDuringBackup).toBeGreaterThan(0);
    expect(acked.size).toBeGreaterThan(before.size + ackedDuringBackup);

    const restoredDir = join(mkdtempSync(join(tmpdir(), "restored-under-load-")), "data");
    folders.push(restoredDir);
    const restored = await restoreBackup({ from: taken.folder, dataDir: restoredDir });
    const db = new Database(join(restoredDir, "desk.sqlite"), { readonly: true });
    const inCopy = new Set(db.prepare("SELECT client_id FROM messages WHERE client_id IS NOT NULL").pluck().all() as string[]);
    const messages = db.prepare("SELECT count(*) FROM messages").pluck().get() as number;
    db.close();
    const missing = [...before].filter((id) => !inCopy.has(id));
    expect(missing).toEqual([]);
    // Nothing that was never acknowledged, and the counts the manifest gives.
    expect([...inCopy].filter((id) => !acked.has(id))).toEqual([]);
    expect(messages).toBe(restored.files.find((f) => f.name === "desk.sqlite")?.rows.messages);
    await desk.stop();

    // Development keeps the keys in secrets.json, which a backup never carries: copied as the README says.
    copyFileSync(join(desk.dataDir, "secrets.json"), join(restoredDir, "secrets.json"));
    const again = await startTestServer({ dataDir: restoredDir, env: LOAD_ENV });
    servers.push(again);
    const citizen = await ChatClient.connect(again.url, { token: clients[0]!.session.token });
    expect(citizen.session.resumed).toBe(true);
    expect(citizen.session.conversationId).toBe(clients[0]!.session.conversationId);
    const shown = citizen.session.messages.filter((m) => m.role === "citizen").map((m) => m.clientId);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((id) => id !== undefined && inCopy.has(id))).toBe(true);
    // And it takes the conversation on.
    const reply = await citizen.ask("社保卡怎么激活");
    expect(reply.role).toBe("bot");
    citizen.close();
    await again.stop();
  });
});
