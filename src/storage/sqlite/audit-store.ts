import type Database from "better-sqlite3";
import { AUDIT_GENESIS, type AuditRecord, type AuditStore } from "../ports.js";
import type { Write } from "./staff-stores.js";

/** The hash a chain starts from (the "previous hash" of record 1). */

const toRecord = (r: Record<string, unknown>): AuditRecord => ({
  seq: r.seq as number,
  at: r.at as string,
  actor: (r.actor as string | null) ?? null,
  action: r.action as string,
  target: (r.target as string | null) ?? null,
  detail: JSON.parse(r.detail as string) as AuditRecord["detail"],
  prevHash: r.prev_hash as string,
  hash: r.hash as string,
});

/**
 * The audit log in the `audit_log` table: appended only (this adapter has no update or delete),
 * each record chained to the one before inside the same write transaction.
 */
export function sqliteAuditStore(db: Database.Database, write: Write): AuditStore {
  const last = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  const insert = db.prepare(
    "INSERT INTO audit_log (seq, at, actor, action, target, detail, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @target, @detail, @prevHash, @hash)",
  );
  const page = db.prepare("SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?");
  return {
    append(entry, seal) {
      return write(() => {
        const previous = last.get() as { seq: number; hash: string } | undefined;
        const seq = (previous?.seq ?? 0) + 1;
        const prevHash = previous?.hash ?? AUDIT_GENESIS;
        const record: AuditRecord = { ...entry, seq, prevHash, hash: seal(seq, prevHash) };
        insert.run({ ...record, detail: JSON.stringify(record.detail) });
        return record;
      });
    },
    async list(filter) {
      const where: string[] = [];
      const args: Record<string, unknown> = { limit: filter.limit };
      const conditions = { actor: "actor = @actor", action: "action = @action", target: "target = @target", since: "at >= @since", until: "at < @until", beforeSeq: "seq < @beforeSeq" };
      for (const [k, condition] of Object.entries(conditions) as [keyof typeof conditions, string][]) {
        if (filter[k] === undefined) continue;
        where.push(condition);
        args[k] = filter[k];
      }
      // Newest first for the limit, then back in order: the latest `limit` matching records.
      const sql = `SELECT * FROM (SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT @limit) ORDER BY seq`;
      return (db.prepare(sql).all(args) as Record<string, unknown>[]).map(toRecord);
    },
    async page(afterSeq, limit) {
      return (page.all(afterSeq, limit) as Record<string, unknown>[]).map(toRecord);
    },
  };
}
