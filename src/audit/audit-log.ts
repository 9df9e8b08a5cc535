import { createHmac } from "node:crypto";
import { AUDIT_GENESIS, type AuditRecord, type AuditStore } from "../storage/ports.js";
import { auditHash, type ChainCheck, verifyChain } from "./chain.js";

/** One thing that happened, as the caller tells it; the log adds the time, the order and the hash. */
export interface AuditEntry {
  actor: string | null;
  action: string;
  target?: string | null;
  detail?: AuditRecord["detail"];
}

/** The audit key, derived from the session secret for this one purpose. */
export const auditKey = (secret: string): Buffer => createHmac("sha256", secret).update("purpose:audit-log").digest();

/**
 * The append-only, hash-chained audit log: sign-ins (and failed ones), sign-outs, account and role
 * changes, every view of unmasked personal data, transfers and closes. Nothing in the app can edit
 * or delete a record; `verify` (npm run audit:verify) finds one that was changed outside it.
 */
export class AuditLog {
  constructor(
    private readonly store: AuditStore,
    private readonly key: Buffer,
    private readonly clock: () => Date,
  ) {}

  record(entry: AuditEntry): Promise<AuditRecord> {
    const at = this.clock().toISOString();
    const base = { at, actor: entry.actor, action: entry.action, target: entry.target ?? null, detail: entry.detail ?? {} };
    return this.store.append(base, (seq, prevHash) => auditHash(this.key, { ...base, seq, prevHash }));
  }

  list(filter: Parameters<AuditStore["list"]>[0]): Promise<AuditRecord[]> {
    return this.store.list(filter);
  }

  /** Walks the whole chain. */
  verify(pageSize = 1000): Promise<ChainCheck> {
    const store = this.store;
    async function* all() {
      let after = 0;
      for (;;) {
        const page = await store.page(after, pageSize);
        if (page.length === 0) return;
        yield* page;
        after = page.at(-1)!.seq;
      }
    }
    return verifyChain(this.key, all(), AUDIT_GENESIS);
  }
}
