// npm run bench:backup [-- --messages 1000000] [--json]
// What a backup and a restore of a large embedded store cost (src/backup/): builds a store of
// --messages messages (20 to a conversation, one citizen message in ten with a sealed original,
// plus the demo back office), cached in the system's temporary folder for later runs, then
// measures and prints:
//   - a backup as the running desk takes it (1 MiB steps, the event loop free between them): its
//     duration, its size, and the longest the event loop was held meanwhile;
//   - a backup as `npm run backup` takes it (64 MiB steps, its own process);
//   - a restore into an empty folder, all its checks included (checksums before and after the
//     copy, quick_check, row counts);
//   - the RPO this gives: the schedule's interval (BACKUP_EVERY_MINUTES, 5) plus a backup's duration.
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { restoreBackup } from "../../src/backup/restore-backup.js";
import { DESK_STEP_BYTES, takeBackup } from "../../src/backup/take-backup.js";
import { deskVersion } from "../../src/backup/tool-version.js";
import { createDemoRecords } from "../../src/records/demo/index.js";
import { FieldCipher } from "../../src/security/field-cipher.js";
import { migrations } from "../../src/storage/sqlite/migrations.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";

const { values } = parseArgs({ options: { messages: { type: "string", default: "1000000" }, json: { type: "boolean", default: false } } });
const messages = Number(values.messages);
if (!Number.isInteger(messages) || messages < 20) throw new Error("--messages must be a whole number of at least 20");
const PER_CONVERSATION = 20;
const BATCH = 50_000;
const EVERY_MINUTES = 5;

/** The store, built once per size and schema version and reused by later runs. */
const cache = join(tmpdir(), "desk-bench-backup", `${messages}-messages-schema-${migrations.length}`);
const dataDir = join(cache, "data");
const say = (line: string) => {
  if (!values.json) console.log(line);
};

async function build(): Promise<void> {
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  const started = performance.now();
  const cipher = new FieldCipher(randomBytes(32));
  // The schema as the desk makes it (page size, migrations), then the rows in large transactions.
  await createSqliteStorage(join(dataDir, "desk.sqlite")).close();
  await createDemoRecords({ file: join(dataDir, "records-demo.sqlite"), cipher, clock: () => new Date(), transitions: false }).close();
  const db = new Database(join(dataDir, "desk.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const conversation = db.prepare("INSERT INTO conversations (id, channel, channel_key, locale, created_at, updated_at) VALUES (?, 'web', ?, 'zh', ?, ?)");
  const message = db.prepare(
    "INSERT INTO messages (id, conversation_id, seq, role, text, text_sealed, client_id, created_at, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const questions = ["养老保险交满多少年才能领", "异地就医怎么备案", "工伤认定要多久", "失业金一个月多少钱", "我的身份证号是 ************1234，帮我查下社保卡"];
  const answer =
    "养老保险累计缴费满15年，达到法定退休年龄后可按月领取基本养老金；缴费年限越长、缴费基数越高，养老金越多。具体以当地社保经办机构的规定为准。";
  const sealed = cipher.encrypt("我的身份证号是 110101199003071234，帮我查下社保卡");
  const conversations = Math.ceil(messages / PER_CONVERSATION);
  const insert = db.transaction((from: number, to: number) => {
    for (let c = from; c < to; c++) {
      const id = randomUUID();
      const at = new Date(Date.UTC(2026, 0, 1) + c * 60_000).toISOString();
      conversation.run(id, id, at, at);
      for (let seq = 1; seq <= PER_CONVERSATION && c * PER_CONVERSATION + seq <= messages; seq++) {
        if (seq % 2 === 1) {
          const q = questions[(c + seq) % questions.length] as string;
          const withId = q.includes("*");
          message.run(randomUUID(), id, seq, "citizen", q, withId ? sealed : null, randomUUID(), at, "{}");
        } else message.run(randomUUID(), id, seq, "bot", answer, null, null, at, '{"decision":"answer","faqId":"faq-pension-years","confidence":0.91}');
      }
    }
  });
  const perBatch = BATCH / PER_CONVERSATION;
  for (let c = 0; c < conversations; c += perBatch) insert(c, Math.min(conversations, c + perBatch));
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  writeFileSync(join(cache, "ready"), `${new Date().toISOString()}\n`);
  say(`built a store of ${messages.toLocaleString("en")} messages in ${((performance.now() - started) / 1000).toFixed(1)} s: ${cache}`);
}

if (existsSync(join(cache, "ready"))) say(`reusing the store of ${messages.toLocaleString("en")} messages in ${cache}`);
else await build();

const tool = deskVersion(process.cwd());
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const work = mkdtempSync(join(tmpdir(), "bench-backup-"));
try {
  // As the desk's schedule takes it, with the event loop watched: what a desk's chats would wait.
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const scheduled = await takeBackup({ dataDir, backupDir: join(work, "scheduled"), tool, stepBytes: DESK_STEP_BYTES });
  loop.disable();
  const cli = await takeBackup({ dataDir, backupDir: join(work, "cli"), tool, stepBytes: 64 * 2 ** 20 });
  const restored = await restoreBackup({ from: scheduled.folder, dataDir: join(work, "restored") });
  const rows = scheduled.manifest.files.find((f) => f.name === "desk.sqlite")?.rows ?? {};
  const figures = {
    messages: rows.messages,
    conversations: rows.conversations,
    backupBytes: scheduled.bytes,
    scheduledBackupMs: scheduled.manifest.durationMs,
    eventLoopMaxMs: Math.round(loop.max / 1e5) / 10,
    eventLoopP99Ms: Math.round(loop.percentile(99) / 1e5) / 10,
    cliBackupMs: cli.manifest.durationMs,
    restoreMs: restored.ms,
    rpoSeconds: Math.round(EVERY_MINUTES * 60 + scheduled.manifest.durationMs / 1000),
  };
  if (values.json) console.log(JSON.stringify(figures));
  else {
    console.log(`store: ${figures.messages} messages in ${figures.conversations} conversations, ${mb(figures.backupBytes)} MB (${scheduled.manifest.files.map((f) => f.name).join(", ")})`);
    console.log(`backup as the desk schedules it (1 MiB steps): ${(figures.scheduledBackupMs / 1000).toFixed(1)} s; event loop held at most ${figures.eventLoopMaxMs} ms (p99 ${figures.eventLoopP99Ms} ms)`);
    console.log(`backup as npm run backup takes it (64 MiB steps): ${(figures.cliBackupMs / 1000).toFixed(1)} s`);
    console.log(`restore into an empty folder, every check included: ${(figures.restoreMs / 1000).toFixed(1)} s`);
    console.log(`RPO: ${EVERY_MINUTES} min between backups + ${(figures.scheduledBackupMs / 1000).toFixed(1)} s to take one = ${figures.rpoSeconds} s at most`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
