import { createHmac, timingSafeEqual } from "node:crypto";
import type { AuditRecord } from "../storage/ports.js";

/** What a record's hash covers: everything in it but the hash itself, in a fixed order. */
function canonical(r: Omit<AuditRecord, "hash">): string {
  const detail = Object.fromEntries(Object.entries(r.detail).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify([r.seq, r.at, r.actor, r.action, r.target, detail, r.prevHash]);
}

/**
 * A record's hash: an HMAC under the audit key over the record and the previous record's hash. A
 * plain hash chain can be rewritten from the first changed record on by anyone who can write the
 * file; without the key, no changed, inserted or renumbered record gets a hash that verifies.
 */
export function auditHash(key: Buffer, record: Omit<AuditRecord, "hash">): string {
  return createHmac("sha256", key).update(canonical(record)).digest("hex");
}

export type ChainCheck =
  | { ok: true; count: number }
  | { ok: false; seq: number; problem: "changed" | "inserted" | "removed"; explanation: string };

/**
 * Walks the log in seq order and names the first record that was changed, inserted or removed
 * (a removal shows at the record after the gap). Pure: the caller pages the records in.
 */
export async function verifyChain(key: Buffer, records: AsyncIterable<AuditRecord>, genesis: string): Promise<ChainCheck> {
  let count = 0;
  let expectedSeq = 1;
  let previousHash = genesis;
  let pending: AuditRecord | undefined;
  const valid = (r: AuditRecord) => {
    const expected = Buffer.from(auditHash(key, r), "hex");
    const given = Buffer.from(r.hash, "hex");
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
  const judge = (r: AuditRecord, next: AuditRecord | undefined): ChainCheck | undefined => {
    if (!valid(r)) {
      // The next record still links to the one before this: this one was slipped in between.
      const inserted = r.prevHash === previousHash && next?.prevHash === previousHash;
      return inserted || r.seq < expectedSeq
        ? { ok: false, seq: r.seq, problem: "inserted", explanation: `record ${r.seq} is not part of the chain: it was added afterwards` }
        : { ok: false, seq: r.seq, problem: "changed", explanation: `record ${r.seq} does not match its hash: it was changed after it was written` };
    }
    if (r.seq !== expectedSeq || r.prevHash !== previousHash) {
      return {
        ok: false,
        seq: r.seq,
        problem: "removed",
        explanation: `the record(s) before ${r.seq} are missing (expected ${expectedSeq} before it)`,
      };
    }
    return undefined;
  };
  for await (const r of records) {
    if (pending) {
      const problem = judge(pending, r);
      if (problem) return problem;
      count++;
      expectedSeq = pending.seq + 1;
      previousHash = pending.hash;
    }
    pending = r;
  }
  if (pending) {
    const problem = judge(pending, undefined);
    if (problem) return problem;
    count++;
  }
  return { ok: true, count };
}
