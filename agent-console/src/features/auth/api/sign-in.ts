import { requestJson } from "../../../lib/http";
import type { AgentProfileView } from "../../../lib/protocol";

/** What a completed sign-in gives; kept in sessionStorage for this tab. */
export interface StaffSession {
  token: string;
  agent: AgentProfileView;
  /** When the token stops opening anything (ISO). */
  expiresAt: string;
}

/** The short-lived proof that the password was right, traded with a code for a session. */
export interface Challenge {
  token: string;
  /** When the server stops accepting it (ISO), five minutes after the password. */
  expiresAt: string;
}

/** The authenticator to set up: the same secret as a QR code and as text to type in. */
export interface Enrolment {
  /** Base32, as authenticator apps take it by hand. */
  secret: string;
  /** otpauth://totp/…, what the QR code says. */
  uri: string;
  /** The QR code as an SVG document. */
  qrSvg: string;
}

/** Where a right password leads: in, to the code, or to setting up an authenticator first. */
export type SignInStep =
  | { kind: "signed-in"; session: StaffSession }
  | { kind: "second-factor"; challenge: Challenge }
  | { kind: "enrol"; challenge: Challenge; enrolment: Enrolment };

export type SignInFailure = "badCredentials" | "rateLimited" | "invalid" | "network" | "server";

export type SignInResult = { ok: true; step: SignInStep } | { ok: false; reason: SignInFailure };

export const SIGN_IN_URL = "/api/v1/staff/sign-in";

const isText = (value: unknown): value is string => typeof value === "string" && value.length > 0;

/** A session as sign-in and the second factor both answer it, or null when it is not one. */
export function parseSession(body: unknown): StaffSession | null {
  if (typeof body !== "object" || body === null) return null;
  const { token, agent, expiresAt } = body as Partial<Record<keyof StaffSession, unknown>>;
  if (!isText(token) || !isText(expiresAt) || typeof agent !== "object" || agent === null) return null;
  const profile = agent as Partial<Record<keyof AgentProfileView, unknown>>;
  if (!isText(profile.id) || typeof profile.displayName !== "string") return null;
  // An older server sent no roles: such an account could only ever be an agent.
  const roles = Array.isArray(profile.roles) ? profile.roles : ["agent"];
  return { token, expiresAt, agent: { ...(agent as AgentProfileView), roles } };
}

function parseChallenge(challenge: unknown, expiresAt: unknown): Challenge | null {
  return isText(challenge) && isText(expiresAt) ? { token: challenge, expiresAt } : null;
}

function parseEnrolment(value: unknown): Enrolment | null {
  if (typeof value !== "object" || value === null) return null;
  const { secret, uri, qrSvg } = value as Partial<Record<keyof Enrolment, unknown>>;
  return isText(secret) && isText(uri) && isText(qrSvg) ? { secret, uri, qrSvg } : null;
}

/** Reads the three answers a right password can get. Null for anything else (told as "server"). */
export function parseSignInAnswer(body: unknown): SignInStep | null {
  if (typeof body !== "object" || body === null) return null;
  const answer = body as Record<string, unknown>;
  if (answer.step === undefined) {
    const session = parseSession(body);
    return session ? { kind: "signed-in", session } : null;
  }
  const challenge = parseChallenge(answer.challenge, answer.challengeExpiresAt);
  if (!challenge) return null;
  if (answer.step === "second-factor") return { kind: "second-factor", challenge };
  if (answer.step === "enrol") {
    const enrolment = parseEnrolment(answer.enrolment);
    return enrolment ? { kind: "enrol", challenge, enrolment } : null;
  }
  return null;
}

/** The first step: username and password. Never throws: every outcome is a result the form can show. */
export async function signIn(username: string, password: string): Promise<SignInResult> {
  const result = await requestJson("POST", SIGN_IN_URL, { body: { username, password } });
  if (result.ok) {
    const step = parseSignInAnswer(result.body);
    return step ? { ok: true, step } : { ok: false, reason: "server" };
  }
  switch (result.error.status) {
    case 0:
      return { ok: false, reason: "network" };
    case 401:
      return { ok: false, reason: "badCredentials" };
    case 429:
      return { ok: false, reason: "rateLimited" };
    // STAFF_BAD_INPUT: the server's message names zod issues in English; the form says it plainly.
    case 400:
      return { ok: false, reason: "invalid" };
    default:
      return { ok: false, reason: "server" };
  }
}
