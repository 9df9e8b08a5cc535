import { requestJson } from "../../../lib/http";

export const SIGN_OUT_URL = "/api/v1/staff/sign-out";

/**
 * Ends this session on the server (204) for staff without the desk socket, which signs agents out
 * itself. Best effort: the tab forgets the token whatever the answer, and an unreachable server
 * lets it expire.
 */
export async function signOutStaff(token: string): Promise<void> {
  await requestJson("POST", SIGN_OUT_URL, { token });
}
