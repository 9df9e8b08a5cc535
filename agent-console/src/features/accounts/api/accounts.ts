import { type ApiResult, readAnswer } from "../../../lib/http";
import type { StaffCall } from "../../../lib/staff-call";
import { type Account, parseAccount } from "../model/account";
import type { AccountChanges, NewAccount } from "../model/account-form";

const ACCOUNTS = "/api/v1/staff/accounts";
const one = (id: string) => `${ACCOUNTS}/${encodeURIComponent(id)}`;

const field = (body: unknown, key: string): unknown =>
  typeof body === "object" && body !== null ? (body as Record<string, unknown>)[key] : undefined;

function parseList(body: unknown): Account[] | null {
  const list = field(body, "accounts");
  if (!Array.isArray(list)) return null;
  const accounts = list.map(parseAccount);
  return accounts.every((a) => a !== null) ? (accounts as Account[]) : null;
}

const parseOne = (body: unknown) => parseAccount(field(body, "account"));

const parsePassword = (body: unknown) => {
  const password = field(body, "password");
  return typeof password === "string" && password !== "" ? password : null;
};

export async function listAccounts(call: StaffCall): Promise<ApiResult<Account[]>> {
  return readAnswer(await call("GET", ACCOUNTS), parseList);
}

/** A new account and its first password, which the server gives this once. */
export async function createAccount(
  call: StaffCall,
  body: NewAccount,
): Promise<ApiResult<{ account: Account; password: string }>> {
  return readAnswer(await call("POST", ACCOUNTS, body), (answer) => {
    const account = parseOne(answer);
    const password = parsePassword(answer);
    return account && password ? { account, password } : null;
  });
}

export async function changeAccount(
  call: StaffCall,
  id: string,
  changes: AccountChanges,
): Promise<ApiResult<Account>> {
  return readAnswer(await call("PATCH", one(id), changes), parseOne);
}

/** A new random password, given this once; the account's sessions end. */
export async function resetPassword(call: StaffCall, id: string): Promise<ApiResult<string>> {
  return readAnswer(await call("POST", `${one(id)}/reset-password`), parsePassword);
}

/** How many sessions were ended. */
export async function endSessions(call: StaffCall, id: string): Promise<ApiResult<number>> {
  return readAnswer(await call("POST", `${one(id)}/end-sessions`), (body) => {
    const ended = field(body, "ended");
    return typeof ended === "number" ? ended : null;
  });
}

/** Lifts the wait imposed after failed sign-ins. */
export async function unlockSignIn(call: StaffCall, id: string): Promise<ApiResult<true>> {
  return readAnswer(await call("POST", `${one(id)}/unlock`), () => true);
}

/** Forgets the authenticator and recovery codes: the person sets one up at the next sign-in. */
export async function resetSecondFactor(call: StaffCall, id: string): Promise<ApiResult<true>> {
  return readAnswer(await call("POST", `${one(id)}/reset-second-factor`), () => true);
}
