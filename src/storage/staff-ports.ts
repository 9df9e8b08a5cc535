/** The ports of staff sessions and the audit log (the rest of storage is in ports.ts, which re-exports these). */

/** A signed-in staff session: a token names one, and it works only while the session is open. */
export interface StaffSessionRecord {
  id: string;
  staffId: string;
  createdAt: string;
  expiresAt: string;
  /** When it was ended (sign-out, an admin, a disabled account); null while open. */
  endedAt: string | null;
  endedReason: string | null;
}

export interface StaffSessionStore {
  create(record: StaffSessionRecord): Promise<void>;
  get(id: string): Promise<StaffSessionRecord | undefined>;
  /** Ends one open session; false when it was not open. */
  end(id: string, at: string, reason: string): Promise<boolean>;
  /** Ends every open session of an account; returns their ids. */
  endAllFor(staffId: string, at: string, reason: string): Promise<string[]>;
}

/** One record of the audit log, as stored: each holds the hash of the one before (src/audit/chain.ts). */
export interface AuditRecord {
  /** 1, 2, 3… with no gaps. */
  seq: number;
  at: string;
  /** Who did it: a staff id, "cli" for an operator's command, "system", or null for someone unknown. */
  actor: string | null;
  action: string;
  /** What it was done to (an account, a chat, a ticket), when anything. */
  target: string | null;
  /** What else matters (never personal data: an address, a reason, the roles given). */
  detail: Record<string, string | number | boolean | null | string[]>;
  prevHash: string;
  hash: string;
}

/** The "previous hash" of the first record. */
export const AUDIT_GENESIS = "0".repeat(64);

export interface AuditStore {
  /**
   * Appends one record after the last, atomically: `seal` gets the last record's seq and hash and
   * returns the new record's hash, so two appends never chain onto the same record.
   */
  append(entry: Omit<AuditRecord, "seq" | "prevHash" | "hash">, seal: (seq: number, prevHash: string) => string): Promise<AuditRecord>;
  /** Records in seq order, newest last, filtered; at most `limit`. */
  list(filter: { actor?: string; action?: string; target?: string; since?: string; until?: string; limit: number; beforeSeq?: number }): Promise<AuditRecord[]>;
  /** Every record in seq order, in pages (for verifying the chain). */
  page(afterSeq: number, limit: number): Promise<AuditRecord[]>;
}
