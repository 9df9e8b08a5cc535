// npm run keys:rotate -- [--new-key-file F] [--batch-size 500] [--max-batches N] [--pause-ms 0]
// Seals every stored personal value (desk.sqlite and the demo back office's file) again under a new
// field key, in batches of one transaction each; the progress is kept in each file, so a run that
// stops (Ctrl-C, a kill, --max-batches) resumes where it stopped when run again. The new key comes
// from --new-key-file, else FIELD_ENCRYPTION_NEW_KEY, else it is the configured current key (run
// after making the new key current). The keys to open what is stored are the configured ones:
// FIELD_ENCRYPTION_KEY (or its file, or secrets.json in development) and FIELD_ENCRYPTION_OLD_KEYS.
// Exit status: 0 finished, 3 stopped before the end (run again), 1 an error.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { ConfigError, fieldKeyFromFile, loadConfig } from "../src/config.js";
import { DEMO_RECORDS_SEALED_COLUMNS } from "../src/records/demo/index.js";
import { FieldCipher, fieldKeyId } from "../src/security/field-cipher.js";
import { planReseal, ResealError, type SealedColumn } from "../src/storage/sqlite/reseal.js";
import { DESK_SEALED_COLUMNS } from "../src/storage/sqlite/sealed-columns.js";

const STOPPED = 3;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    "new-key-file": { type: "string" },
    "batch-size": { type: "string", default: "500" },
    "max-batches": { type: "string" },
    "pause-ms": { type: "string", default: "0" },
  },
});
const whole = (name: string, text: string | undefined, min: number) => {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number of at least ${min} (got ${JSON.stringify(text)})`);
  return n;
};
const batchSize = whole("batch-size", values["batch-size"], 1) as number;
const maxBatches = whole("max-batches", values["max-batches"], 0);
const pauseMs = whole("pause-ms", values["pause-ms"], 0) as number;

let config: ReturnType<typeof loadConfig>;
let newKey: Buffer;
let newKeyFrom: string;
try {
  config = loadConfig();
  // MongoDB's documents are not re-sealed yet: rotating the unused local files would look like success.
  if (config.mongodbUri)
    fail(
      "keys:rotate re-seals the embedded store's files only; this desk keeps its records in MongoDB (MONGODB_URI). Its sealed values stay readable while their key is listed in FIELD_ENCRYPTION_OLD_KEYS.",
    );
  const place = { rootDir: config.rootDir, dataDir: config.dataDir, production: process.env.NODE_ENV === "production" };
  const envKey = process.env.FIELD_ENCRYPTION_NEW_KEY;
  if (values["new-key-file"]) {
    newKey = fieldKeyFromFile("--new-key-file", values["new-key-file"], place);
    newKeyFrom = `--new-key-file ${values["new-key-file"]}`;
  } else if (envKey) {
    newKey = Buffer.from(envKey, "base64");
    if (newKey.length !== 32 || newKey.toString("base64") !== envKey.trim()) fail("FIELD_ENCRYPTION_NEW_KEY must be 32 bytes in base64 (openssl rand -base64 32)");
    newKeyFrom = "FIELD_ENCRYPTION_NEW_KEY";
  } else {
    newKey = config.secrets.fieldKey;
    newKeyFrom = "the current FIELD_ENCRYPTION_KEY";
  }
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const current = config.secrets.fieldKey;
const cipher = new FieldCipher(newKey, [current, ...config.secrets.oldFieldKeys]);
const newId = cipher.keyId;
const newIsCurrent = newKey.equals(current);
const files: { name: string; columns: SealedColumn[] }[] = [
  { name: "desk.sqlite", columns: DESK_SEALED_COLUMNS },
  // As app.ts names the demo back office's file.
  { name: "records-demo.sqlite", columns: DEMO_RECORDS_SEALED_COLUMNS },
].filter((f) => existsSync(join(config.dataDir, f.name)));

console.log(`Sealing every stored value again under key ${newId} (${newKeyFrom}), in ${config.dataDir}.`);
const role = (id: string) => (id === newId ? (newIsCurrent ? "new, current" : "new") : id === fieldKeyId(current) ? "current" : "old");
console.log(`Keys that open what is stored: ${cipher.keyIds.map((id) => `${id} (${role(id)})`).join(", ")}.`);
console.log(
  newIsCurrent
    ? `Key ${newId} is the desk's current key; keep every older key in FIELD_ENCRYPTION_OLD_KEYS until this rotation has finished.`
    : `Make key ${newId} current (FIELD_ENCRYPTION_KEY or FIELD_ENCRYPTION_KEY_FILE) and put ${fieldKeyId(current)} in FIELD_ENCRYPTION_OLD_KEYS, then restart the desk; keep the old key there until this rotation has finished. A desk still running on ${fieldKeyId(current)} seals what it writes under it: run this again after the restart to take those too.`,
);
if (files.length === 0) console.log("Nothing stored yet: no desk.sqlite or records-demo.sqlite in the data folder.");

let stopRequested = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    console.log(`${signal}: stopping after this batch; run the command again to resume.`);
  });
}

const dbs = files.map((f) => {
  const db = new Database(join(config.dataDir, f.name), { fileMustExist: true });
  // A desk may be running on the same file: wait for its writes rather than fail.
  db.pragma("busy_timeout = 5000");
  return { ...f, db };
});
let outcome: "finished" | "stopped" | ResealError = "finished";
let batches = 0;
try {
  const plans = dbs.map((f) => ({ ...f, plan: planReseal(f.db, f.columns, cipher) }));
  const progress = new Map(plans.flatMap((f) => f.plan.columns.map((c) => [`${f.name} ${c.table}.${c.column}`, c] as const)));
  const sum = (k: "total" | "done" | "resealed") => [...progress.values()].reduce((n, p) => n + p[k], 0);
  const earlier = sum("done");
  console.log(`${sum("total")} sealed values${earlier > 0 ? `, ${earlier} of them done by an earlier run: resuming` : ""}.`);
  let at = "";
  try {
    for (const f of plans) {
      at = f.name;
      const result = await f.plan.run({
        batchSize,
        pauseMs,
        ...(maxBatches === undefined ? {} : { maxBatches: maxBatches - batches }),
        stopRequested: () => stopRequested,
        onBatch: (p) => {
          progress.set(`${f.name} ${p.table}.${p.column}`, p);
          if (p.total === 0 && p.done === 0) return;
          const all = `${sum("done")} of ${Math.max(sum("total"), sum("done"))}`;
          console.log(`${all}: ${f.name} ${p.table}.${p.column} ${p.done} of ${Math.max(p.total, p.done)}`);
        },
      });
      batches += result.batches;
      if (!result.finished) {
        outcome = "stopped";
        break;
      }
      // Fold the log into the file, so that a copy of the file alone holds the new seals.
      f.db.pragma("wal_checkpoint(PASSIVE)");
    }
  } catch (error) {
    if (!(error instanceof ResealError)) throw error;
    outcome = new ResealError(`${at} ${error.message}`);
  }
  const resealed = sum("resealed");
  const done = sum("done");
  if (outcome === "finished") {
    console.log(`Finished: ${resealed} values sealed again under ${newId}, ${done - resealed} already were (${done} in all).`);
    console.log(
      newIsCurrent
        ? `Everything stored now opens with ${newId} alone: older keys can leave FIELD_ENCRYPTION_OLD_KEYS (keep them with backups taken before today, which still need them).`
        : `Everything stored so far opens with ${newId} alone. Make it current if it is not yet (FIELD_ENCRYPTION_KEY or FIELD_ENCRYPTION_KEY_FILE) and keep ${fieldKeyId(current)} in FIELD_ENCRYPTION_OLD_KEYS until the desk runs on the new key and this has run once more.`,
    );
  } else if (outcome === "stopped") {
    console.log(
      `Stopped after ${batches} batches, ${done} of ${sum("total")} values done: run the same command again to resume. Keep the old key in FIELD_ENCRYPTION_OLD_KEYS until the rotation has finished.`,
    );
    process.exitCode = STOPPED;
  } else {
    console.error(
      `Cannot open a stored value, ${outcome.message}. List the key it names in FIELD_ENCRYPTION_OLD_KEYS and run again: the ${done} values done so far are kept.`,
    );
    process.exitCode = 1;
  }
} finally {
  for (const f of dbs) f.db.close();
}
