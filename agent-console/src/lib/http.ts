/**
 * The console's one way to call the server's JSON API. Never throws: a refusal, a lost network or
 * an unreadable answer all come back as a result the screen can show, so no caller needs a
 * try/catch to stay on its feet.
 */

/** A refusal: the server's `{error, message}`, or a code the console makes up (see HTTP_ERRORS). */
export interface HttpError {
  code: string;
  /** The server's own words (English or Chinese, as it chose); may be empty. */
  message: string;
  /** 0 when no answer came at all. */
  status: number;
}

export type HttpResult = { ok: true; status: number; body: unknown } | { ok: false; error: HttpError };

/** Codes the console makes up itself (translated in lib/i18n.ts like the server's). */
export const HTTP_ERRORS = {
  network: "CONSOLE_NETWORK",
  badResponse: "CONSOLE_BAD_RESPONSE",
} as const;

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  /** The staff token, sent as `Authorization: Bearer`. */
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
}

/** The error a refused answer carries, read loosely: a proxy's HTML page still gives a code. */
export function errorOf(status: number, body: unknown): HttpError {
  const { error, message } = (typeof body === "object" && body !== null ? body : {}) as {
    error?: unknown;
    message?: unknown;
  };
  return {
    code: typeof error === "string" && error !== "" ? error : `HTTP_${status}`,
    message: typeof message === "string" ? message : "",
    status,
  };
}

export async function requestJson(
  method: HttpMethod,
  path: string,
  options: RequestOptions = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      credentials: "same-origin",
      // Tokens, passwords and recovery codes pass through here: nothing is worth caching.
      cache: "no-store",
    });
  } catch {
    return { ok: false, error: { code: HTTP_ERRORS.network, message: "", status: 0 } };
  }
  let body: unknown = null;
  try {
    // 204 and empty bodies are fine; only a success whose body is unreadable is an error below.
    const text = await response.text();
    body = text === "" ? null : JSON.parse(text);
  } catch {
    if (response.ok)
      return { ok: false, error: { code: HTTP_ERRORS.badResponse, message: "", status: response.status } };
  }
  return response.ok
    ? { ok: true, status: response.status, body }
    : { ok: false, error: errorOf(response.status, body) };
}

/** A call's outcome once its body is read into what the screen needs. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: HttpError };

/** Reads a successful answer with `parse`; one it cannot read is CONSOLE_BAD_RESPONSE. */
export function readAnswer<T>(result: HttpResult, parse: (body: unknown) => T | null): ApiResult<T> {
  if (!result.ok) return result;
  const value = parse(result.body);
  return value === null
    ? { ok: false, error: { code: HTTP_ERRORS.badResponse, message: "", status: result.status } }
    : { ok: true, value };
}
