import { createHmac, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { renderSVG } from "uqr";
import type { StaffRole } from "../domain/staff-role.js";

/**
 * The staff second factor: codes from an authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30-s
 * steps, what every app reads from a QR code) and recovery codes for a lost phone. The two
 * libraries (otpauth, uqr) are used here only. Pure but for the randomness of new secrets and codes.
 */

/** Seconds per code. */
export const TOTP_PERIOD = 30;
/** Codes of the step before and after are accepted too: a phone's clock a little off still works. */
const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

/** Who must sign in with a second factor: editors, supervisors and admins always; agents when asked. */
export type AgentSecondFactorRule = "per-account" | "required";

const ALWAYS: readonly StaffRole[] = ["editor", "supervisor", "admin"];

export function needsSecondFactor(
  account: { roles: readonly StaffRole[]; requireSecondFactor: boolean; totpSecretSealed: string | null },
  agents: AgentSecondFactorRule,
): boolean {
  // Enrolled once, always asked: a factor an account has is never skipped.
  if (account.totpSecretSealed !== null || account.requireSecondFactor) return true;
  return account.roles.some((r) => ALWAYS.includes(r)) || agents === "required";
}

/** What the enrolment screen shows: the QR code, and the same secret to type in by hand. */
export interface Enrolment {
  /** Base32, as authenticator apps take it typed in. */
  secret: string;
  /** `otpauth://totp/…`, what the QR code holds. */
  uri: string;
  /** The QR code of `uri`, as an SVG document. */
  qrSvg: string;
}

/** A fresh random secret (160 bits, as RFC 4226 recommends), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

const totp = (secret: string, issuer = "", label = "") =>
  new TOTP({ issuer, label, algorithm: "SHA1", digits: 6, period: TOTP_PERIOD, secret: Secret.fromBase32(secret) });

export function enrolment(secret: string, issuer: string, username: string): Enrolment {
  const uri = totp(secret, issuer, username).toString();
  return { secret, uri, qrSvg: renderSVG(uri, { border: 2 }) };
}

/** The step a time falls in (what a code is for). */
export const totpStep = (at: Date): number => Math.floor(at.getTime() / 1000 / TOTP_PERIOD);

/** The code for a step: what the person's app shows (tests and the enrolment check use it). */
export function totpCode(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

/** What a person typed as a code: six digits (spaces or a dash between allowed), or a recovery code. */
export type TypedCode = { kind: "totp"; digits: string } | { kind: "recovery"; code: string } | { kind: "malformed" };

export function readTypedCode(typed: string): TypedCode {
  const compact = typed.normalize("NFKC").replace(/[\s-]/g, "").toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: "totp", digits: compact };
  if (new RegExp(`^[${RECOVERY_ALPHABET}]{10}$`).test(compact)) return { kind: "recovery", code: compact };
  return { kind: "malformed" };
}

/** The step whose code `digits` is, within the window around `at`; undefined when it matches none. */
export function matchTotp(secret: string, digits: string, at: Date): number | undefined {
  const delta = totp(secret).validate({ token: digits, timestamp: at.getTime(), window: TOTP_WINDOW });
  return delta === null ? undefined : totpStep(at) + delta;
}

/** Lowercase letters and digits a person cannot misread (no 0/o, 1/l/i). */
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten one-time codes (`xxxxx-xxxxx`, about 49 bits each), shown once; only their hashes are kept. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/**
 * A recovery code's stored form: HMAC-SHA256 under a key derived from the server's secret, so a
 * copy of the database alone is not enough to try codes offline.
 */
export function recoveryCodeHasher(serverSecret: string): (code: string) => string {
  const key = createHmac("sha256", serverSecret).update("purpose:recovery-codes").digest();
  return (code) => createHmac("sha256", key).update(code.replace(/-/g, "").toLowerCase()).digest("hex");
}
