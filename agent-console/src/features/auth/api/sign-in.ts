import type { AgentProfileView } from "../../../lib/protocol";

/** What POST /api/v1/staff/sign-in answers on success; kept in sessionStorage for this tab. */
export interface StaffSession {
  token: string;
  agent: AgentProfileView;
  /** When the token stops opening the socket (ISO). */
  expiresAt: string;
}

export type SignInFailure = "badCredentials" | "rateLimited" | "invalid" | "network" | "server";

export type SignInResult = { ok: true; session: StaffSession } | { ok: false; reason: SignInFailure };

export const SIGN_IN_URL = "/api/v1/staff/sign-in";

function isSession(body: unknown): body is StaffSession {
  if (typeof body !== "object" || body === null) return false;
  const { token, agent, expiresAt } = body as Partial<StaffSession>;
  return (
    typeof token === "string" &&
    token.length > 0 &&
    typeof expiresAt === "string" &&
    typeof agent === "object" &&
    agent !== null &&
    typeof agent.id === "string" &&
    typeof agent.displayName === "string"
  );
}

/** Signs a member of staff in. Never throws: every outcome is a result the form can show. */
export async function signIn(username: string, password: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch(SIGN_IN_URL, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ username, password }),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    return { ok: false, reason: "network" };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: handled by status below
  }
  if (response.ok) return isSession(body) ? { ok: true, session: body } : { ok: false, reason: "server" };
  if (response.status === 401) return { ok: false, reason: "badCredentials" };
  if (response.status === 429) return { ok: false, reason: "rateLimited" };
  // STAFF_BAD_INPUT: the server's message names zod issues in English; the form says it plainly.
  if (response.status === 400) return { ok: false, reason: "invalid" };
  return { ok: false, reason: "server" };
}
