
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Connection } from "mongoose";
import { openMongo } from "../mongo/connection.js";
import { createMongoStorage } from "../mongo/mongo-storage.js";
import { AUDIT_GENESIS } from "../ports.js";

import { COPY_PLANS, type CopyPlan, type Doc, type Row } from "./copy-plans.js";
import { RecordSetChecksum, stableJson } from "./record-checksum.js";

export class MigrationRefused extends Error {}

export interface MigrateOptions {
  /** DATA_DIR: the folder holding desk.sqlite. */
  from: string;
  /** The MongoDB URI (database included). */
  to: string;
  /** Only these collections (or SQLite tables); all when absent. */
  only?: readonly string[];
  batchSize?: number;
  serverSelectionTimeoutMS?: number;
  log?: (line: string) => void;
}

export interface VerifyRow {
  collection: string;
  sqliteCount: number;
  mongoCount: number;
  sqliteChecksum: string;
  mongoChecksum: string;
  ok: boolean;
}

export interface MigrateReport {
  copied: Record<string, { inserted: number; present: number; total: number }>;
  verify: VerifyRow[];
  auditChain: { ok: boolean; count: number; problem?: string };
  ok: boolean;
}

const fmt = (n: number) => n.toLocaleString("en-US");

function tableExists(db: Database.Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

/** The plans `only` selects (by collection or table name); refuses a name that is neither. */
export function selectPlans(only: readonly string[] | undefined): CopyPlan[] {
  if (!only || only.length === 0) return [...COPY_PLANS];
  const unknown = only.filter((n) => !COPY_PLANS.some((p) => p.collection === n || p.table === n));
  if (unknown.length) throw new MigrationRefused(`unknown table or collection: ${unknown.join(", ")}`);
  return COPY_PLANS.filter((p) => only.includes(p.collection) || only.includes(p.table));
}

/** Reads a plan's documents from SQLite in batches. */
function* batchesOf(db: Database.Database, plan: CopyPlan, size: number): Generator<Doc[]> {
  if (!tableExists(db, plan.table)) return;
  let batch: Doc[] = [];
  for (const row of db.prepare(plan.select).iterate() as IterableIterator<Row>) {
    batch.push(plan.toDoc(row, db));
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function countOf(db: Database.Database, plan: CopyPlan): number {
  if (!tableExists(db, plan.table)) return 0;
  return db.prepare(`SELECT COUNT(*) FROM (${plan.select})`).pluck().get() as number;
}

/**
 * Compares `batch` with the documents of the same `_id`s in the collection; returns the ones not
 * there yet. A document there with other content is a conflict (refused).
 */
async function missingOf(conn: Connection, plan: CopyPlan, batch: Doc[]): Promise<Doc[]> {
  const existing = await conn
    .collection(plan.collection)
    .find({ _id: { $in: batch.map((d) => d._id) } } as never)
    .toArray();
  const byId = new Map(existing.map((d) => [stableJson(d._id), stableJson(d)]));
  const missing: Doc[] = [];
  for (const doc of batch) {
    const there = byId.get(stableJson(doc._id));
    if (there === undefined) missing.push(doc);
    else if (there !== stableJson(doc)) {
      throw new MigrationRefused(
        `${plan.collection}: the target already holds different data for _id ${stableJson(doc._id)}; refusing to overwrite it`,
      );
    }
  }
  return missing;
}

/** Copies one plan's documents; returns how many were inserted and how many were there already. */
async function copyPlan(
  db: Database.Database,
  conn: Connection,
  plan: CopyPlan,
  options: { batchSize: number; write: boolean; log: (line: string) => void },
): Promise<{ inserted: number; present: number; total: number }> {
  const total = countOf(db, plan);
  let done = 0;
  let inserted = 0;
  for (const batch of batchesOf(db, plan, options.batchSize)) {
    const missing = await missingOf(conn, plan, batch);
    if (options.write && missing.length) {
      try {
        await conn.collection(plan.collection).insertMany(missing as never[], { ordered: false });
      } catch (error) {
        // A duplicate key: either a concurrent copy inserted the same documents (identical: fine),
        // or another document holds one of their unique keys (a username, a seq, a client key).
        if ((error as { code?: unknown }).code !== 11000 && !/E11000|duplicate key/i.test(String(error))) throw error;
        const still = await missingOf(conn, plan, missing);
        if (still.length) {
          throw new MigrationRefused(
            `${plan.collection}: the target already holds other documents with the same unique keys as ${still.length} record(s) (first _id ${stableJson(still[0]?._id)}); refusing`,
          );
        }
      }
      inserted += missing.length;
    }
    done += batch.length;
    if (options.write) options.log(`${plan.collection} ${fmt(done)} / ${fmt(total)}`);
  }
  if (options.write && total === 0) options.log(`${plan.collection} 0 / 0`);
  return { inserted, present: done - inserted, total };
}

async function verifyPlan(db: Database.Database, conn: Connection, plan: CopyPlan): Promise<VerifyRow> {
  const source = new RecordSetChecksum();
  for (const batch of batchesOf(db, plan, 1000)) for (const d of batch) source.add(d);
  const target = new RecordSetChecksum();
  for await (const d of conn.collection(plan.collection).find({})) target.add(d as Doc);
  const sqliteChecksum = source.digest();
  const mongoChecksum = target.digest();
  return {
    collection: plan.collection,
    sqliteCount: source.count,
    mongoCount: target.count,
    sqliteChecksum,
    mongoChecksum,
    ok: source.count === target.count && sqliteChecksum === mongoChecksum,
  };
}

/** Checks that the audit log read back from MongoDB links: each record's prevHash is the hash before it. */
async function auditChainLinks(conn: Connection): Promise<MigrateReport["auditChain"]> {
  let previous = { seq: 0, hash: AUDIT_GENESIS };
  let count = 0;
  for await (const d of conn.collection("auditLog").find({}).sort({ _id: 1 })) {
    const seq = d._id as unknown as number;
    if (seq !== previous.seq + 1) return { ok: false, count, problem: `record ${previous.seq + 1} missing (next is ${seq})` };
    if (d.prevHash !== previous.hash) return { ok: false, count, problem: `record ${seq} does not link to record ${previous.seq}` };
    previous = { seq, hash: d.hash as string };
    count++;
  }
  return { ok: true, count };
}

/** The SQLite file in DATA_DIR, opened read-only; refuses a missing folder or file. */
function openSource(from: string): Database.Database {
  const file = join(from, "desk.sqlite");
  if (!existsSync(file)) throw new MigrationRefused(`no embedded store at ${file} (is --from the DATA_DIR?)`);
  return new Database(file, { readonly: true, fileMustExist: true });
}

/** Copies the embedded store in `from` into the MongoDB at `to`, then verifies the copy. */
export async function migrateToMongo(options: MigrateOptions): Promise<MigrateReport> {
  const log = options.log ?? (() => {});
  const plans = selectPlans(options.only);
  const db = openSource(options.from);
  let conn: Connection | undefined;
  try {
    try {
      conn = await openMongo(options.to, { serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5_000 });
      await conn.db?.admin().ping();
    } catch (error) {
      throw new MigrationRefused(`MongoDB at ${redact(options.to)} is unreachable: ${(error as Error).message}`);
    }
    // The adapters' collections and unique indexes, before the first document: the guards hold for the copy.
    await (await createMongoStorage(options.to)).close();

    const batchSize = options.batchSize ?? 1000;
    // First, without writing: a collection that already holds documents must hold these ones, unchanged.
    for (const plan of plans) {
      if ((await conn.collection(plan.collection).estimatedDocumentCount()) > 0) {
        await copyPlan(db, conn, plan, { batchSize, write: false, log });
      }
    }
    const copied: MigrateReport["copied"] = {};
    for (const plan of plans) copied[plan.collection] = await copyPlan(db, conn, plan, { batchSize, write: true, log });

    const verify: VerifyRow[] = [];
    for (const plan of plans) verify.push(await verifyPlan(db, conn, plan));
    const auditChain = plans.some((p) => p.collection === "auditLog") ? await auditChainLinks(conn) : { ok: true, count: 0 };
    return { copied, verify, auditChain, ok: verify.every((v) => v.ok) && auditChain.ok };
  } finally {
    db.close();
    await conn?.close().catch(() => {});
  }
}

const redact = (uri: string) => uri.replace(/\/\/[^@/]*@/, "//***@");

/** The verification as a table, one line per collection. */
export function verifyTable(report: MigrateReport): string {
  const head = ["collection", "sqlite", "mongodb", "checksum", ""];
  const rows = report.verify.map((v) => [
    v.collection,
    fmt(v.sqliteCount),
    fmt(v.mongoCount),
    v.sqliteChecksum === v.mongoChecksum ? v.sqliteChecksum.slice(0, 16) : `${v.sqliteChecksum.slice(0, 16)} ≠ ${v.mongoChecksum.slice(0, 16)}`,
    v.ok ? "ok" : "MISMATCH",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const chain = report.auditChain.ok ? `audit chain: links, ${fmt(report.auditChain.count)} records` : `audit chain: BROKEN (${report.auditChain.problem})`;
  return [line(head), ...rows.map(line), chain].join("\n");
}

/**
 * The command: `--from DATA_DIR [--to URI] [--tables a,b]`; the URI defaults to MONGODB_URI.
 * Returns the exit code: 0 copied and verified, 1 a verification mismatch, 2 refused.
 */
export async function runMigrateToMongo(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = console.log,
): Promise<number> {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    if (i >= 0) return argv[i + 1];
    const inline = argv.find((a) => a.startsWith(`${name}=`));
    return inline?.slice(name.length + 1);
  };
  const from = arg("--from");
  const to = arg("--to") ?? env.MONGODB_URI;
  const tables = arg("--tables");
  if (!from) {
    out("refused: --from DATA_DIR is required (the folder holding desk.sqlite)");
    return 2;
  }
  if (!to) {
    out("refused: no target: give --to mongodb://… or set MONGODB_URI");
    return 2;
  }
  try {
    const report = await migrateToMongo({ from, to, only: tables?.split(",").map((t) => t.trim()).filter(Boolean), log: out });
    out(verifyTable(report));
    out(report.ok ? "ok: copy verified" : "verification FAILED");
    return report.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof MigrationRefused) {
      out(`refused: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
