import { createContext, useContext } from "react";
import { type HttpMethod, type HttpResult, requestJson } from "./http";

/** A call to a staff route on behalf of the signed-in person (their token is added). */
export type StaffCall = (method: HttpMethod, path: string, body?: unknown) => Promise<HttpResult>;

/** The codes that mean the token no longer opens anything: the tab is signed out. */
const SIGNED_OUT_CODES: ReadonlySet<string> = new Set(["ACCESS_SIGNED_OUT", "STAFF_BAD_TOKEN"]);

/**
 * Calls with this session's token. A 401 saying the session is over (expired, ended by an admin,
 * password reset) signs the tab out, as a refused desk socket does, whatever screen asked.
 */
export function staffCaller(token: string, onSignedOut: () => void): StaffCall {
  return async (method, path, body) => {
    const result = await requestJson(method, path, { token, ...(body !== undefined ? { body } : {}) });
    if (!result.ok && result.error.status === 401 && SIGNED_OUT_CODES.has(result.error.code)) onSignedOut();
    return result;
  };
}

export const StaffCallContext = createContext<StaffCall | null>(null);

/** The signed-in person's caller, from the console shell (app/ConsoleShell.tsx). */
export function useStaffCall(): StaffCall {
  const call = useContext(StaffCallContext);
  if (!call) throw new Error("useStaffCall outside a signed-in console");
  return call;
}
