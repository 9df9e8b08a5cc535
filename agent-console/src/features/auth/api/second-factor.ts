import { requestJson } from "../../../lib/http";
import { type Challenge, parseSession, type StaffSession } from "./sign-in";

export const SECOND_FACTOR_URL = "/api/v1/staff/sign-in/second-factor";

/** A code accepted: the session, and the recovery codes when this code finished an enrolment. */
export interface SecondFactorPassed {
  session: StaffSession;
  /** Shown once, right after enrolment; null on an ordinary sign-in. */
  recoveryCodes: string[] | null;
}

/**
 * badCode: try again. badChallenge: the five minutes are over (or the step is unknown), start
 * again from the password.
 */
export type SecondFactorFailure =
  | "badCode"
  | "badChallenge"
  | "rateLimited"
  | "invalid"
  | "network"
  | "server";

export type SecondFactorResult =
  | ({ ok: true } & SecondFactorPassed)
  | { ok: false; reason: SecondFactorFailure };

/** Reads a 200 answer to the code, or null when it is not one. */
export function parseSecondFactorAnswer(body: unknown): SecondFactorPassed | null {
  const session = parseSession(body);
  if (!session) return null;
  const codes = (body as { recoveryCodes?: unknown }).recoveryCodes;
  if (codes === undefined || codes === null) return { session, recoveryCodes: null };
  if (!Array.isArray(codes) || codes.length === 0 || !codes.every((c) => typeof c === "string" && c !== "")) {
    // Codes announced but unreadable: signing in without showing them would lose them for good.
    return null;
  }
  return { session, recoveryCodes: codes as string[] };
}

/** The second step: the authenticator's code (or a recovery code). Never throws. */
export async function confirmSecondFactor(challenge: Challenge, code: string): Promise<SecondFactorResult> {
  const result = await requestJson("POST", SECOND_FACTOR_URL, { body: { challenge: challenge.token, code } });
  if (result.ok) {
    const passed = parseSecondFactorAnswer(result.body);
    return passed ? { ok: true, ...passed } : { ok: false, reason: "server" };
  }
  const { status, code: errorCode } = result.error;
  if (status === 0) return { ok: false, reason: "network" };
  if (status === 401)
    return { ok: false, reason: errorCode === "STAFF_BAD_CODE" ? "badCode" : "badChallenge" };
  if (status === 429) return { ok: false, reason: "rateLimited" };
  if (status === 400) return { ok: false, reason: "invalid" };
  return { ok: false, reason: "server" };
}
