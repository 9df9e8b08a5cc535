import { AuditLog, auditKey } from "../audit/audit-log.js";
import { StaffTokens } from "../security/conversation-token.js";
import type { Storage } from "../storage/ports.js";
import { StaffAccounts } from "./accounts.js";
import type { SignInAlert, SignInGuardPolicy } from "./sign-in-guard.js";

/**
 * The staff accounts and the audit log on a store, as the server and the `staff:*` commands both
 * use them: one secret signs the session tokens and keys the audit chain (each derived for its use).
 */
export function openStaff(
  storage: Pick<Storage, "staff" | "staffSessions" | "audit">,
  settings: { sessionSecret: string; tokenHours: number; clock: () => Date; onAlert?: (alert: SignInAlert) => void; signInPolicy?: Partial<SignInGuardPolicy> },
): { accounts: StaffAccounts; audit: AuditLog } {
  const audit = new AuditLog(storage.audit, auditKey(settings.sessionSecret), settings.clock);
  const accounts = new StaffAccounts({
    store: storage.staff,
    sessions: storage.staffSessions,
    tokens: new StaffTokens(settings.sessionSecret, settings.tokenHours * 3600),
    audit,
    clock: settings.clock,
    ...(settings.onAlert ? { onAlert: settings.onAlert } : {}),
  }, settings.signInPolicy);
  return { accounts, audit };
}
