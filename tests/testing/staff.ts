import type { AuditLog } from "../../src/audit/audit-log.js";
import type { StaffAccounts } from "../../src/staff/accounts.js";
import { openStaff, type StaffSettings } from "../../src/staff/open-staff.js";
import type { SignInGuardPolicy } from "../../src/staff/sign-in-guard.js";
import type { SignedIn, SignInOutcome } from "../../src/staff/sign-in.js";
import type { Storage } from "../../src/storage/ports.js";
import { FieldCipher } from "../../src/security/field-cipher.js";

/** Staff accounts on a real store, with its audit log, as the app builds them (tokens last an hour). */
export function staffAccounts(
  storage: Storage,
  clock: () => Date,
  policy?: Partial<SignInGuardPolicy>,
  secret = "k".repeat(32),
  settings: Partial<Pick<StaffSettings, "agentSecondFactor" | "cipher">> = {},
): { accounts: StaffAccounts; audit: AuditLog } {
  const cipher = settings.cipher ?? new FieldCipher(Buffer.alloc(32, 7));
  return openStaff(storage, { sessionSecret: secret, tokenHours: 1, clock, cipher, ...settings, ...(policy ? { signInPolicy: policy } : {}) });
}

/** The session a password step opened; fails the test when it asked for a second step instead. */
export function signedIn(outcome: SignInOutcome): SignedIn {
  if (outcome.step !== "signed-in") throw new Error(`expected a session, got the ${outcome.step} step`);
  return outcome;
}
