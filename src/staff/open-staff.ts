import { AuditLog, auditKey } from "../audit/audit-log.js";
import { StaffTokens } from "../security/conversation-token.js";
import type { FieldCipher } from "../security/field-cipher.js";
import type { Storage } from "../storage/ports.js";
import { StaffAccounts } from "./accounts.js";
import { type AgentSecondFactorRule, recoveryCodeHasher } from "./second-factor.js";
import { StaffSignIn } from "./sign-in.js";
import { SignInChallenges } from "./sign-in-challenge.js";
import type { SignInAlert, SignInGuardPolicy } from "./sign-in-guard.js";

export interface StaffSettings {
  sessionSecret: string;
  tokenHours: number;
  clock: () => Date;
  /** Seals each authenticator secret. */
  cipher: FieldCipher;
  /** Whether agent-only accounts need a second factor (default: when an admin asks it of one). */
  agentSecondFactor?: AgentSecondFactorRule;
  /** The name authenticator apps show beside the account (config STAFF_AUTHENTICATOR_ISSUER). */
  issuer?: string;
  onAlert?: (alert: SignInAlert) => void;
  signInPolicy?: Partial<SignInGuardPolicy>;
}

/**
 * The staff accounts and the audit log on a store, as the server and the `staff:*` commands both
 * use them: one secret signs the session tokens and the sign-in challenges, keys the audit chain and
 * the recovery codes' hashes (each derived for its use).
 */
export function openStaff(storage: Pick<Storage, "staff" | "staffSessions" | "audit">, settings: StaffSettings): { accounts: StaffAccounts; audit: AuditLog } {
  const audit = new AuditLog(storage.audit, auditKey(settings.sessionSecret), settings.clock);
  const tokens = new StaffTokens(settings.sessionSecret, settings.tokenHours * 3600);
  const common = { store: storage.staff, sessions: storage.staffSessions, tokens, audit, clock: settings.clock };
  const signIns = new StaffSignIn(
    {
      ...common,
      challenges: new SignInChallenges(settings.sessionSecret),
      cipher: settings.cipher,
      hashRecoveryCode: recoveryCodeHasher(settings.sessionSecret),
      agents: settings.agentSecondFactor ?? "per-account",
      issuer: settings.issuer ?? "社保服务台",
      ...(settings.onAlert ? { onAlert: settings.onAlert } : {}),
    },
    settings.signInPolicy,
  );
  return { accounts: new StaffAccounts({ ...common, signIns }), audit };
}
