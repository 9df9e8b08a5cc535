import { AuditLog, auditKey } from "../../src/audit/audit-log.js";
import { StaffTokens } from "../../src/security/conversation-token.js";
import { StaffAccounts } from "../../src/staff/accounts.js";
import type { SignInGuardPolicy } from "../../src/staff/sign-in-guard.js";
import type { Storage } from "../../src/storage/ports.js";

/** Staff accounts on a real store, with its audit log, as the app builds them. */
export function staffAccounts(
  storage: Storage,
  clock: () => Date,
  policy?: Partial<SignInGuardPolicy>,
  secret = "k".repeat(32),
): { accounts: StaffAccounts; audit: AuditLog } {
  const audit = new AuditLog(storage.audit, auditKey(secret), clock);
  const accounts = new StaffAccounts({ store: storage.staff, sessions: storage.staffSessions, tokens: new StaffTokens(secret, 3600), audit, clock }, policy);
  return { accounts, audit };
}
