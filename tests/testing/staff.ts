import type { AuditLog } from "../../src/audit/audit-log.js";
import type { StaffAccounts } from "../../src/staff/accounts.js";
import { openStaff } from "../../src/staff/open-staff.js";
import type { SignInGuardPolicy } from "../../src/staff/sign-in-guard.js";
import type { Storage } from "../../src/storage/ports.js";

/** Staff accounts on a real store, with its audit log, as the app builds them (tokens last an hour). */
export function staffAccounts(
  storage: Storage,
  clock: () => Date,
  policy?: Partial<SignInGuardPolicy>,
  secret = "k".repeat(32),
): { accounts: StaffAccounts; audit: AuditLog } {
  return openStaff(storage, { sessionSecret: secret, tokenHours: 1, clock, ...(policy ? { signInPolicy: policy } : {}) });
}
