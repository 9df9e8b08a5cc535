import { randomBytes } from "node:crypto";
import type { AuditLog } from "../audit/audit-log.js";
import type { FieldCipher } from "../security/field-cipher.js";
import type { StaffTokens } from "../security/conversation-token.js";
import type { StaffRecord, StaffSessionStore, StaffStore } from "../storage/ports.js";
import { decoyHash, verifyPassword } from "./password.js";
import {
  type AgentSecondFactorRule,
  type Enrolment,
  enrolment,
  matchTotp,
  needsSecondFactor,
  newRecoveryCodes,
  newTotpSecret,
  readTypedCode,
} from "./second-factor.js";
import type { SignInChallenge, SignInChallenges } from "./sign-in-challenge.js";
import { defaultSignInGuardPolicy, type SignInAlert, SignInGuard, type SignInGuardPolicy } from "./sign-in-guard.js";
import { StaffError } from "./staff-error.js";

/** A session opened: its token, and the recovery codes when it ends an enrolment (shown once). */
export interface SignedIn {
  step: "signed-in";
  token: string;
  expiresAt: string;
  staff: StaffRecord;
  recoveryCodes?: string[];
}

/** What the password step leads to: in, or one more step with a challenge to carry to it. */
export type SignInOutcome =
  | SignedIn
  | { step: "second-factor"; challenge: string; challengeExpiresAt: string }
  | { step: "enrol"; challenge: string; challengeExpiresAt: string; enrolment: Enrolment };

export interface SignInDeps {
  store: StaffStore;
  sessions: StaffSessionStore;
  tokens: StaffTokens;
  challenges: SignInChallenges;
  audit: AuditLog;
  cipher: FieldCipher;
  clock: () => Date;
  /** The stored form of a recovery code (src/staff/second-factor.ts recoveryCodeHasher). */
  hashRecoveryCode: (code: string) => string;
  /** Whether agent-only accounts need a second factor. */
  agents: AgentSecondFactorRule;
  /** The name authenticator apps show beside the account. */
  issuer: string;
  /** Told of sign-in anomalies (also written to the audit log), to warn the admins. */
  onAlert?: (alert: SignInAlert) => void;
}

/**
 * Sign-in in one or two steps. The password first: a wrong username and a wrong password look the
 * same (same error, same work: an unknown name is checked against a decoy hash). Then, for accounts
 * that need it, a code from the authenticator app or a recovery code; an account that has none yet
 * enrols on the way. The token is issued only after the last step. Attempts of both steps are
 * limited per account and per address (src/staff/sign-in-guard.ts); an account's backoff is lifted
 * by its own complete sign-in or by an admin, never by a stranger.
 */
export class StaffSignIn {
  private readonly guard: SignInGuard;

  constructor(
    private readonly deps: SignInDeps,
    policy: Partial<SignInGuardPolicy> = {},
  ) {
    this.guard = new SignInGuard({ ...defaultSignInGuardPolicy, ...policy });
    // Ready before the first sign-in: an unknown name must cost what a known one does, even the first.
    void decoyHash();
  }

  async password(username: string, password: string, address: string): Promise<SignInOutcome> {
    const { store, audit, clock } = this.deps;
    const now = clock();
    const staff = await store.findByUsername(username);
    const account = staff ? staff.username : null;
    const known = staff ? await this.signedInFrom(staff.id, address) : false;
    await this.admit(account, staff?.id ?? null, address, known, now.getTime());
    const ok = await verifyPassword(password, staff?.passwordHash ?? (await decoyHash()));
    if (!staff || !ok || staff.disabled) {
      await audit.record({
        actor: staff?.id ?? null,
        action: "session.refused",
        target: staff ? staff.id : null,
        detail: { address, ...(staff ? { reason: staff.disabled ? "disabled" : "password" } : { reason: "unknown username" }) },
      });
      throw new StaffError("STAFF_BAD_CREDENTIALS", "wrong username or password");
    }
    if (!needsSecondFactor(staff, this.deps.agents)) {
      this.guard.succeeded(account, address);
      return this.openSession(staff, address, "password");
    }
    if (staff.totpSecretSealed !== null) {
      return { step: "second-factor", ...this.deps.challenges.issue({ kind: "second-factor", staffId: staff.id }, now) };
    }
    const secret = newTotpSecret();
    return {
      step: "enrol",
      ...this.deps.challenges.issue({ kind: "enrol", staffId: staff.id, secretSealed: this.deps.cipher.encrypt(secret) }, now),
      enrolment: enrolment(secret, this.deps.issuer, staff.username),
    };
  }

  /** The second step: a code for the challenge the password step gave. */
  async secondFactor(challengeToken: string, typed: string, address: string): Promise<SignedIn> {
    const { store, audit, clock, challenges } = this.deps;
    const now = clock();
    const challenge = challenges.read(challengeToken, now);
    const staff = challenge ? await store.get(challenge.staffId) : undefined;
    // Enrolled since (another tab), or reset by an admin since: the challenge no longer fits.
    const fits = challenge && staff && !staff.disabled && (challenge.kind === "enrol" ? staff.totpSecretSealed === null : staff.totpSecretSealed !== null);
    if (!challenge || !staff || !fits) throw new StaffError("STAFF_BAD_CHALLENGE", "this sign-in has expired: enter your password again");
    // Counted like passwords: per address, and per account from addresses it never signed in from,
    // so a stranger who learnt the password cannot lock the owner out of their own office either.
    await this.admit(staff.username, staff.id, address, await this.signedInFrom(staff.id, address), now.getTime());
    const result = await this.checkCode(challenge, staff, typed, now);
    if (!result.ok) {
      await audit.record({ actor: staff.id, action: "second-factor.refused", target: staff.id, detail: { address, reason: result.reason } });
      throw new StaffError("STAFF_BAD_CODE", "wrong code: enter the code your authenticator app shows now, or a recovery code");
    }
    this.guard.succeeded(staff.username, address);
    if (result.factor === "recovery-code") {
      await audit.record({ actor: staff.id, action: "recovery-code.used", target: staff.id, detail: { address, left: result.left ?? 0 } });
    }
    if (challenge.kind !== "enrol") return this.openSession(staff, address, result.factor);
    const recoveryCodes = newRecoveryCodes();
    await store.update(staff.id, {
      totpSecretSealed: challenge.secretSealed,
      recoveryCodeHashes: recoveryCodes.map(this.deps.hashRecoveryCode),
    });
    await audit.record({ actor: staff.id, action: "second-factor.enrolled", target: staff.id, detail: { address } });
    return { ...(await this.openSession(staff, address, "totp")), recoveryCodes };
  }

  /** An admin lifts the sign-in backoff strangers' failures put on an account. */
  lift(username: string): void {
    this.guard.lift(username);
  }

  private async checkCode(
    challenge: SignInChallenge,
    staff: StaffRecord,
    typed: string,
    now: Date,
  ): Promise<{ ok: true; factor: "totp" | "recovery-code"; left?: number } | { ok: false; reason: string }> {
    const code = readTypedCode(typed);
    if (code.kind === "malformed") return { ok: false, reason: "malformed" };
    if (code.kind === "recovery") {
      // No recovery codes before the enrolment that creates them.
      if (challenge.kind === "enrol") return { ok: false, reason: "recovery code while enrolling" };
      const left = await this.deps.store.consumeRecoveryCode(staff.id, this.deps.hashRecoveryCode(code.code));
      return left === undefined ? { ok: false, reason: "recovery code" } : { ok: true, factor: "recovery-code", left };
    }
    const sealed = challenge.kind === "enrol" ? challenge.secretSealed : (staff.totpSecretSealed as string);
    const step = matchTotp(this.deps.cipher.decrypt(sealed), code.digits, now);
    if (step === undefined) return { ok: false, reason: "code" };
    // A code works once: one seen over a shoulder or in a proxy's log opens nothing after.
    if (!(await this.deps.store.advanceTotpStep(staff.id, step))) return { ok: false, reason: "code already used" };
    return { ok: true, factor: "totp" };
  }

  /** Refuses an attempt the guard holds back; counts it, and raises the alerts now due. */
  private async admit(account: string | null, staffId: string | null, address: string, known: boolean, now: number): Promise<void> {
    const verdict = this.guard.check(account, address, known, now);
    if (!verdict.allowed) {
      throw new StaffError("STAFF_RATE_LIMITED", `too many failed sign-ins; try again in ${Math.ceil(verdict.retryAfterMs / 1000)} s`);
    }
    for (const alert of this.guard.attempted(account, address, known, now)) {
      await this.deps.audit.record({ actor: "system", action: "alert.sign-in", target: staffId, detail: { ...alert } });
      this.deps.onAlert?.(alert);
    }
  }

  private async openSession(staff: StaffRecord, address: string, factor: "password" | "totp" | "recovery-code"): Promise<SignedIn> {
    const at = this.deps.clock();
    const session = {
      id: randomBytes(16).toString("base64url"),
      staffId: staff.id,
      createdAt: at.toISOString(),
      expiresAt: this.deps.tokens.expiresAt(at).toISOString(),
      endedAt: null,
      endedReason: null,
    };
    await this.deps.sessions.create(session);
    await this.deps.audit.record({ actor: staff.id, action: "session.start", target: staff.id, detail: { address, factor } });
    return { step: "signed-in", token: this.deps.tokens.issue(session.id, at), expiresAt: session.expiresAt, staff };
  }

  /** Whether the account has signed in from this address before (its recent sessions, in the audit log). */
  private async signedInFrom(staffId: string, address: string): Promise<boolean> {
    const starts = await this.deps.audit.list({ actor: staffId, action: "session.start", limit: 50 });
    return starts.some((r) => r.detail.address === address);
  }
}
