import { randomBytes, randomUUID } from "node:crypto";
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listBackups } from "../../src/backup/backup-folders.js";
import { sha256Text } from "../../src/backup/checksum.js";
import { BackupDamaged, BackupRefused } from "../../src/backup/errors.js";
import { restoreBackup } from "../../src/backup/restore-backup.js";
import { type TakenBackup, takeBackup } from "../../src/backup/take-backup.js";
import { createDemoRecords } from "../../src/records/demo/index.js";
import type { RecordsPort } from "../../src/records/ports.js";
import { FieldCipher } from "../../src/security/field-cipher.js";
import type { MessageRecord, Storage } from "../../src/storage/ports.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";

const tool = { name: "desk-test", version: "0.0.0" };
const cipher = new FieldCipher(randomBytes(32));
const clock = () => new Date();
let root: string;
let dataDir: string;
let backupDir: string;
let storage: Storage;
let records: RecordsPort;
const conversationIds: string[] = [];
/** What each conversation held when the backup was taken. */
const atBackup = new Map<string, MessageRecord[]>();
let taken: TakenBackup;

async function fill(conversations: number, messages: number): Promise<void> {
  for (let c = 0; c < conversations; c++) {
    const id = randomUUID();
    const now = new Date().toISOString();
    await storage.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: now, updatedAt: now });
    conversationIds.push(id);
    for (let m = 0; m < messages; m++) {
      const sealed = m % 3 === 0;
      await storage.messages.append({
        id: randomUUID(),
        conversationId: id,
        role: m % 2 === 0 ? "citizen" : "bot",
        text: sealed ? "我的身份证号是 ************1234" : `第 ${m} 条`,
        textSealed: sealed ? cipher.encrypt("我的身份证号是 110101199003071234") : null,
        clientId: m % 2 === 0 ? randomUUID() : null,
        createdAt: now,
        meta: {},
      });
    }
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "backup-rt-"));
  dataDir = join(root, "data");
  backupDir = join(root, "backups");
  storage = createSqliteStorage(join(dataDir, "desk.sqlite"));
  records = createDemoRecords({ file: join(dataDir, "records-demo.sqlite"), cipher, clock, transitions: false });
  await fill(30, 10);
  for (const id of conversationIds) atBackup.set(id, await storage.messages.listRecent(id, 100));
  // Online: the store stays open, as under a running desk.
  taken = await takeBackup({ dataDir, backupDir, tool, stepBytes: 8 * 1024 });
  // Written after the backup: not in it.
  await fill(5, 4);
});

afterAll(async () => {
  await records.close();
  await storage.close();
  rmSync(root, { recursive: true, force: true });
});

const corruptByte = (file: string, at: number) => {
  const byte = Buffer.from([(readFileSync(file)[at] ?? 0) ^ 0xff]);
  const fd = openSync(file, "r+");
  writeSync(fd, byte, 0, 1, at);
  closeSync(fd);
};

describe("a backup of a real store", () => {
  it("holds every file of the store, with the manifest's sizes, checksums and row counts", () => {
    const m = taken.manifest;
    expect(m.files.map((f) => f.name)).toEqual(["desk.sqlite", "records-demo.sqlite"]);
    const desk = m.files[0]!;
    expect(desk.rows).toMatchObject({ conversations: 30, messages: 300, handoffs: 0 });
    expect(desk.schemaVersion).toBeGreaterThan(0);
    expect(m.schemaVersion).toBe(desk.schemaVersion);
    expect(m.tool).toEqual(tool);
    expect(Date.parse(m.finishedAt)).toBeGreaterThanOrEqual(Date.parse(m.startedAt));
    for (const f of m.files) {
      const path = join(taken.folder, f.name);
      expect(statSync(path).size).toBe(f.bytes);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    }
    expect(statSync(taken.folder).mode & 0o777).toBe(0o700);
    // The manifest's own checksum, as `sha256sum -c manifest.json.sha256` reads it.
    const text = readFileSync(join(taken.folder, "manifest.json"), "utf8");
    expect(readFileSync(join(taken.folder, "manifest.json.sha256"), "utf8")).toBe(`${sha256Text(text)}  manifest.json\n`);
    expect(taken.manifestSha256).toBe(sha256Text(text));
    // Self-contained files: no -wal or -shm beside them; no partial folder left.
    expect(readdirSync(taken.folder).sort()).toEqual(["desk.sqlite", "manifest.json", "manifest.json.sha256", "records-demo.sqlite"]);
    expect(readdirSync(backupDir)).toEqual([taken.folder.split("/").pop()]);
    // Keys are never in a backup.
    expect(m.notIncluded.join(" ")).toMatch(/secrets\.json/);
  });

  it("is listed as a complete backup, dated by its name", async () => {
    const listed = await listBackups(backupDir);
    expect(listed).toEqual([{ name: taken.folder.split("/").pop(), at: Date.parse(taken.manifest.startedAt) }]);
  });

  it("restores into an empty folder: the same conversations, messages and sealed originals, as they were at the backup", async () => {
    const target = join(root, "restored");
    const restored = await restoreBackup({ from: taken.folder, dataDir: target });
    expect(restored.files.map((f) => [f.name, f.rows.messages ?? null])).toEqual([
      ["desk.sqlite", 300],
      ["records-demo.sqlite", null],
    ]);
    expect(statSync(target).mode & 0o777).toBe(0o700);
    expect(readdirSync(target).sort()).toEqual(["desk.sqlite", "records-demo.sqlite"]);
    const again = createSqliteStorage(join(target, "desk.sqlite"));
    const againRecords = createDemoRecords({ file: join(target, "records-demo.sqlite"), cipher, clock, transitions: false });
    try {
      for (const [id, messages] of atBackup) {
        const back = await again.messages.listRecent(id, 100);
        expect(back).toEqual(messages);
        for (const m of back.filter((x) => x.textSealed)) expect(cipher.decrypt(m.textSealed!)).toBe("我的身份证号是 110101199003071234");
      }
      // The 5 conversations written after the backup are not in it.
      for (const id of conversationIds.slice(30)) expect(await again.conversations.get(id)).toBeUndefined();
      // The restored store takes new writes, in WAL mode again.
      const id = conversationIds[0]!;
      const next = await again.messages.append({ id: randomUUID(), conversationId: id, role: "citizen", text: "再问一下", textSealed: null, clientId: randomUUID(), createdAt: new Date().toISOString(), meta: {} });
      expect(next.seq).toBe(11);
      expect(existsSync(join(target, "desk.sqlite-wal"))).toBe(true);
    } finally {
      await againRecords.close();
      await again.close();
    }
  });

  it("refuses a folder that is not empty, and leaves it as it was", async () => {
    const target = join(root, "occupied");
    mkdirSync(target);
    writeFileSync(join(target, "notes.txt"), "mine");
    await expect(restoreBackup({ from: taken.folder, dataDir: target })).rejects.toThrow(BackupRefused);
    await expect(restoreBackup({ from: taken.folder, dataDir: target })).rejects.toThrow(/not empty \(notes\.txt\).*empty folder only/);
    expect(readdirSync(target)).toEqual(["notes.txt"]);
  });

  it("refuses a backup one byte of which was changed, before writing anything", async () => {
    const copy = join(root, "corrupt-file");
    cpSync(taken.folder, copy, { recursive: true });
    const file = join(copy, "desk.sqlite");
    corruptByte(file, Math.floor(statSync(file).size / 2));
    const target = join(root, "from-corrupt");
    await expect(restoreBackup({ from: copy, dataDir: target })).rejects.toThrow(BackupDamaged);
    await expect(restoreBackup({ from: copy, dataDir: target })).rejects.toThrow(/desk\.sqlite does not match its manifest/);
    expect(existsSync(target)).toBe(false);
  });

  it("refuses a manifest one byte of which was changed, and a backup from a newer schema", async () => {
    const copy = join(root, "corrupt-manifest");
    cpSync(taken.folder, copy, { recursive: true });
    corruptByte(join(copy, "manifest.json"), 40);
    await expect(restoreBackup({ from: copy, dataDir: join(root, "x1") })).rejects.toThrow(/manifest\.json does not match its checksum/);

    const newer = join(root, "newer");
    cpSync(taken.folder, newer, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(newer, "manifest.json"), "utf8"));
    manifest.files[0].schemaVersion = 999;
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    writeFileSync(join(newer, "manifest.json"), text);
    writeFileSync(join(newer, "manifest.json.sha256"), `${sha256Text(text)}  manifest.json\n`);
    await expect(restoreBackup({ from: newer, dataDir: join(root, "x2") })).rejects.toThrow(/schema version 999, newer than this desk's/);
    await expect(restoreBackup({ from: join(root, "nowhere"), dataDir: join(root, "x3") })).rejects.toThrow(BackupRefused);
    expect(existsSync(join(root, "x1")) || existsSync(join(root, "x2")) || existsSync(join(root, "x3"))).toBe(false);
  });
});

describe("a backup refuses, saying why", () => {
  it("a missing data folder, one without desk.sqlite, a backup folder inside the data folder, one it cannot write", async () => {
    await expect(takeBackup({ dataDir: join(root, "no-such"), backupDir, tool })).rejects.toThrow(/does not exist: nothing to back up/);
    const empty = join(root, "empty-data");
    mkdirSync(empty);
    await expect(takeBackup({ dataDir: empty, backupDir, tool })).rejects.toThrow(/holds no desk\.sqlite: nothing to back up/);
    await expect(takeBackup({ dataDir, backupDir: join(dataDir, "backups"), tool })).rejects.toThrow(/must be apart/);
    // Under a file: no user, root included, can make a folder there.
    const file = join(root, "a-file");
    writeFileSync(file, "");
    await expect(takeBackup({ dataDir, backupDir: join(file, "backups"), tool })).rejects.toThrow(/cannot write backups to .* \(ENOTDIR\)/);
    await expect(takeBackup({ dataDir: empty, backupDir, tool })).rejects.toBeInstanceOf(BackupRefused);
  });

  it("stops when asked and leaves nothing behind", async () => {
    const abort = new AbortController();
    abort.abort();
    const dir = join(root, "aborted-backups");
    await expect(takeBackup({ dataDir, backupDir: dir, tool, signal: abort.signal })).rejects.toThrow(/stopped/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
