import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS, DEMO_RECORDS_SEALED_COLUMNS } from "../../src/records/demo/index.js";
import { FieldCipher, fieldKeyId, sealedKeyId } from "../../src/security/field-cipher.js";
import type { SealedColumn } from "../../src/storage/sqlite/reseal.js";
import { DESK_SEALED_COLUMNS } from "../../src/storage/sqlite/sealed-columns.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { ChatClient } from "../testing/chat-client.js";
import { projectRoot } from "../testing/nlu.js";
import { startTestServer } from "../testing/server.js";
import { StaffSignIns } from "../testing/staff-sign-in.js";
import { pushSignature } from "../../src/channels/wechat/signature.js";
import { replyXml } from "../../src/channels/wechat/xml.js";

const zhang = DEMO_CITIZENS.unemployedEligible;
const dirs: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** `npm run keys:rotate -- …args` in its own process, as an operator runs it. */
function rotate(env: Record<string, string>, args: string[]): ChildProcess & { done: Promise<{ code: number | null; out: string; err: string }> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/keys-rotate.ts", ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "development", ...env },
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on("close", (code) => resolve({ code, out, err })));
  return Object.assign(child, { done });
}

/**
 * Every value in the file that looks sealed, by table and column, with the key that sealed it:
 * also what is sealed in a column nobody listed for rotation.
 */
function sealedValues(file: string): { where: string; keyId: string }[] {
  const db = new Database(file, { readonly: true });
  const found: { where: string; keyId: string }[] = [];
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  for (const { name } of tables) {
    for (const { name: column } of db.prepare("SELECT name FROM pragma_table_info(?)").all(name) as { name: string }[]) {
      for (const row of db.prepare(`SELECT "${column}" AS v FROM "${name}"`).all() as { v: unknown }[]) {
        const id = typeof row.v === "string" ? sealedKeyId(row.v) : undefined;
        if (id) found.push({ where: `${name}.${column}`, keyId: id });
      }
    }
  }
  db.close();
  return found;
}
const listed = (columns: SealedColumn[]) => new Set(columns.map((c) => `${c.table}.${c.column}`));
function byKey(values: { keyId: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v.keyId] = (counts[v.keyId] ?? 0) + 1;
  return counts;
}

describe("npm run keys:rotate", () => {
  it("seals a real desk's data again under a new key: the desk reads it all with the old key kept, and still after it is gone", async () => {
    const A = randomBytes(32).toString("base64");
    const B = randomBytes(32).toString("base64");
    const keyDir = tempDir("keys-");
    writeFileSync(join(keyDir, "field-2.key"), `${B}\n`, { mode: 0o600 });
    const dataDir = tempDir("desk-");
    const secrets = { SESSION_SECRET: "r".repeat(40), CHAT_RATE_LIMIT: "1000", DEMO_STATUS_STEP_MS: "0" };

    // A desk on key A: an application filed, one half-way through, a message left with a phone number.
    // A WeChat follower too: the desk keeps their OpenID sealed, to reach them later through WeChat's API.
    const wechat = { WECHAT_TOKEN: "rotateToken", WECHAT_APP_ID: "wx0123456789abcdef", WECHAT_APP_SECRET: "0123456789abcdef0123456789abcdef", WECHAT_API_BASE: "http://127.0.0.1:9" };
    const before = await startTestServer({ dataDir, env: { ...secrets, ...wechat, FIELD_ENCRYPTION_KEY: A } });
    const admin = JSON.parse(readFileSync(join(dataDir, "admin-credentials.json"), "utf8")) as { username: string; password: string };
    let signIns = new StaffSignIns(before.url);
    const filed = await ChatClient.connect(before.url);
    const halfway = await ChatClient.connect(before.url);
    const left = await ChatClient.connect(before.url);
    let number: string;
    try {
      await filed.ask("我要申请失业金");
      await filed.ask(`我叫${zhang.name}，身份证${zhang.idNumber}，手机17000000101`);
      await filed.ask("上个月底");
      await filed.ask("单位倒闭了");
      await filed.ask("6222021234567890128");
      number = /SQ\d{14}/.exec((await filed.ask("确认提交")).text)?.[0] as string;
      expect(number).toBeDefined();
      await halfway.ask("我要申请失业金");
      await halfway.ask(`我叫${zhang.name}，身份证${zhang.idNumber}，手机17000000202`);
      const queued = await left.ask("转人工");
      const leave = queued.quickReplies!.find((q) => "command" in q.payload && q.payload.command === "leave_message")!;
      await left.ask(leave.label, { quickReply: leave.payload });
      expect((await left.ask("养老金没到账，请回电13812345678")).text).toContain("留言已收到");
      const timestamp = "1765000000";
      const query = new URLSearchParams({ timestamp, nonce: "n1", signature: pushSignature("rotateToken", timestamp, "n1") });
      const pushed = await fetch(`${before.url}/wechat?${query}`, {
        method: "POST",
        headers: { "content-type": "text/xml" },
        body: replyXml({ ToUserName: "gh_1", FromUserName: "oRotateFollower", CreateTime: 1765000000, MsgType: "text", Content: "社保卡丢了", MsgId: "1001" }),
      });
      expect(pushed.status).toBe(200);
      // The admin enrols an authenticator: its secret is sealed too.
      expect((await signIns.signIn(admin.username, admin.password)).status).toBe(200);
    } finally {
      for (const c of [filed, halfway, left]) c.close();
      await before.stop();
    }

    // Everything the desk sealed is in a column the rotation knows, and under key A.
    const desk = join(dataDir, "desk.sqlite");
    const records = join(dataDir, "records-demo.sqlite");
    const sealedDesk = sealedValues(desk);
    const sealedRecords = sealedValues(records);
    expect(new Set(sealedDesk.map((v) => v.where))).toEqual(listed(DESK_SEALED_COLUMNS));
    expect(new Set(sealedRecords.map((v) => v.where))).toEqual(listed(DEMO_RECORDS_SEALED_COLUMNS));
    const total = sealedDesk.length + sealedRecords.length;
    expect(byKey([...sealedDesk, ...sealedRecords])).toEqual({ [fieldKeyId(Buffer.from(A, "base64"))]: total });

    // Interrupted after two batches of two: four values under B, the rest still under A.
    const env = { DATA_DIR: dataDir, FIELD_ENCRYPTION_KEY: A, SESSION_SECRET: secrets.SESSION_SECRET };
    const newKey = ["--new-key-file", join(keyDir, "field-2.key")];
    const idA = fieldKeyId(Buffer.from(A, "base64"));
    const idB = fieldKeyId(Buffer.from(B, "base64"));
    const first = await rotate(env, [...newKey, "--batch-size", "2", "--max-batches", "2"]).done;
    expect(first.err).toBe("");
    expect(first.code).toBe(3);
    expect(first.out).toContain(`Sealing every stored value again under key ${idB}`);
    expect(first.out).toContain(`Make key ${idB} current (FIELD_ENCRYPTION_KEY or FIELD_ENCRYPTION_KEY_FILE) and put ${idA} in FIELD_ENCRYPTION_OLD_KEYS`);
    expect(first.out).toContain(`4 of ${total}: desk.sqlite messages.text_sealed 4 of`);
    expect(first.out).toContain(`Stopped after 2 batches, 4 of ${total} values done: run the same command again to resume.`);
    expect(byKey([...sealedValues(desk), ...sealedValues(records)])).toEqual({ [idB]: 4, [idA]: total - 4 });

    // Run again: it resumes and finishes.
    const second = await rotate(env, [...newKey, "--batch-size", "2"]).done;
    expect(second.code).toBe(0);
    expect(second.out).toContain(`${total} sealed values, 4 of them done by an earlier run: resuming.`);
    expect(second.out).toContain(`${total} of ${total}: records-demo.sqlite applications.values_sealed`);
    expect(second.out).toContain(`Finished: ${total} values sealed again under ${idB}, 0 already were (${total} in all).`);
    expect(byKey([...sealedValues(desk), ...sealedValues(records)])).toEqual({ [idB]: total });

    // What the desk must read, read by the desk itself.
    const readsEverything = async (server: Awaited<ReturnType<typeof startTestServer>>, token: string) => {
      const application = await server.app.records.getApplication(number);
      expect(application?.idNumber).toBe(zhang.idNumber);
      expect(application?.values).toMatchObject({ mobile: "17000000101" });
      const history = await ChatClient.connect(server.url, { token });
      history.close();
      expect(history.session.messages.some((m) => m.text.includes(zhang.idNumber) && m.text.includes("6222021234567890128"))).toBe(true);
      const [ticket] = await server.app.desk.tickets.list();
      expect(ticket?.hasCallback).toBe(true);
      expect(await server.app.desk.tickets.callback({} as never, ticket!.id)).toBe("13812345678");
      // The admin's authenticator still opens the desk (its code checked against the resealed secret).
      const phone = signIns.phone(admin.username);
      signIns = new StaffSignIns(server.url);
      signIns.adopt(admin.username, phone);
      expect((await signIns.signIn(admin.username, admin.password)).status).toBe(200);
    };
    const withOld = await startTestServer({ dataDir, env: { ...secrets, FIELD_ENCRYPTION_KEY_FILE: join(keyDir, "field-2.key"), FIELD_ENCRYPTION_OLD_KEYS: A } });
    try {
      await readsEverything(withOld, filed.session.token);
    } finally {
      await withOld.stop();
    }
    const newOnly = await startTestServer({ dataDir, env: { ...secrets, FIELD_ENCRYPTION_KEY: B } });
    try {
      await readsEverything(newOnly, filed.session.token);
      // The application half-way goes on from the answers sealed in its flow state.
      const resumed = await ChatClient.connect(newOnly.url, { token: halfway.session.token });
      try {
        await resumed.ask("上个月底");
        await resumed.ask("单位倒闭了");
        const summary = await resumed.ask("6222021234567890128");
        expect(summary.text).toContain("请核对");
        for (const own of [zhang.name, zhang.idNumber, "17000000202"]) expect(summary.text, own).toContain(own);
      } finally {
        resumed.close();
      }
    } finally {
      await newOnly.stop();
    }
  });

  it("resumes after being killed mid-way, having lost nothing and half-done nothing", async () => {
    const A = randomBytes(32);
    const B = randomBytes(32);
    const dataDir = tempDir("desk-");
    const desk = join(dataDir, "desk.sqlite");
    await createSqliteStorage(desk).close();
    const db = new Database(desk);
    const cipher = new FieldCipher(A);
    const at = "2026-12-07T08:00:00.000Z";
    db.transaction(() => {
      const conversation = db.prepare("INSERT INTO conversations (id, channel, channel_key, locale, created_at, updated_at) VALUES (?, 'web', ?, 'zh', ?, ?)");
      const message = db.prepare("INSERT INTO messages (id, conversation_id, seq, role, text, text_sealed, created_at) VALUES (?, ?, ?, 'citizen', '138****5678', ?, ?)");
      for (let c = 0; c < 20; c++) {
        conversation.run(`c${c}`, `c${c}`, at, at);
        for (let m = 1; m <= 100; m++) message.run(`c${c}-${m}`, `c${c}`, m, cipher.encrypt(`13812345678 ${c}/${m}`), at);
      }
    })();
    db.close();

    const env = { DATA_DIR: dataDir, FIELD_ENCRYPTION_KEY: A.toString("base64"), SESSION_SECRET: "k".repeat(40), FIELD_ENCRYPTION_NEW_KEY: B.toString("base64") };
    const child = rotate(env, ["--batch-size", "25", "--pause-ms", "40"]);
    // Killed (no chance to tidy up) once a few batches are in.
    await new Promise<void>((resolve) => {
      let batches = 0;
      child.stdout?.on("data", (d: Buffer) => {
        batches += d.toString().split("\n").filter((l) => / of 2000: /.test(l)).length;
        if (batches >= 3 && !child.killed) {
          child.kill("SIGKILL");
          resolve();
        }
      });
    });
    const killed = await child.done;
    expect(killed.code).toBeNull();
    expect(killed.out).not.toContain("Finished");

    const check = new Database(desk);
    const progress = check.prepare("SELECT last_rowid, done, resealed, finished FROM key_rotation").get() as { last_rowid: number; done: number; resealed: number; finished: number };
    const rows = check.prepare("SELECT rowid AS id, text_sealed AS v FROM messages ORDER BY rowid").all() as { id: number; v: string }[];
    check.close();
    // Exactly the batches the progress counts are done, each whole; nothing after them is touched.
    expect(progress.done % 25).toBe(0);
    expect(progress.done).toBeGreaterThanOrEqual(75);
    expect(progress.done).toBeLessThan(2000);
    expect(progress).toMatchObject({ resealed: progress.done, finished: 0 });
    expect(rows.filter((r) => r.id <= progress.last_rowid).every((r) => sealedKeyId(r.v) === fieldKeyId(B))).toBe(true);
    expect(rows.filter((r) => r.id > progress.last_rowid).every((r) => sealedKeyId(r.v) === fieldKeyId(A))).toBe(true);
    expect(rows.filter((r) => sealedKeyId(r.v) === fieldKeyId(B)).length).toBe(progress.done);

    const again = await rotate(env, ["--batch-size", "500"]).done;
    expect(again.code).toBe(0);
    expect(again.out).toContain(`2000 sealed values, ${progress.done} of them done by an earlier run: resuming.`);
    expect(again.out).toContain("Finished: 2000 values sealed again");
    const only = new FieldCipher(B);
    const after = new Database(desk, { readonly: true });
    const values = after.prepare("SELECT id, text_sealed AS v FROM messages").all() as { id: string; v: string }[];
    after.close();
    expect(values.every((r) => only.decrypt(r.v) === `13812345678 ${r.id.replace("c", "").replace("-", "/")}`)).toBe(true);
  });

  it("refuses, in production, a new key kept in the data folder", async () => {
    const dataDir = tempDir("desk-");
    const key = randomBytes(32).toString("base64");
    writeFileSync(join(dataDir, "new.key"), key);
    const refused = await rotate({ NODE_ENV: "production", DATA_DIR: dataDir, FIELD_ENCRYPTION_KEY: randomBytes(32).toString("base64"), SESSION_SECRET: "k".repeat(40) }, [
      "--new-key-file",
      join(dataDir, "new.key"),
    ]).done;
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`--new-key-file: ${join(dataDir, "new.key")} is inside DATA_DIR`);
  });

  it("refuses a desk whose records are in MongoDB, rather than re-seal local files it does not use", async () => {
    const dataDir = tempDir("desk-");
    const refused = await rotate({ DATA_DIR: dataDir, MONGODB_URI: "mongodb://127.0.0.1:1/desk" }, []).done;
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("this desk keeps its records in MongoDB (MONGODB_URI)");
  });
});
