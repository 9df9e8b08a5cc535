import { STATUS_CODES } from "node:http";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CodedError } from "../domain/coded-error.js";
import type { Locale } from "../domain/locale.js";

/** Every refusal the HTTP API sends: a stable code to branch on and plain words. */
export interface ErrorBody {
  error: string;
  message: string;
}

export interface ErrorHandlerOptions {
  /** The language a CodedError's words are given in; by default from Accept-Language (en… is English). */
  locale?: (request: FastifyRequest) => Locale;
  /** Told the code of every error answered (INTERNAL for a fault), for the error figures. */
  answered?: (code: string) => void;
}

export const INTERNAL: Record<Locale, ErrorBody> = {
  zh: { error: "INTERNAL", message: "系统繁忙，请稍后再试。" },
  en: { error: "INTERNAL", message: "Something went wrong on our side; please try again shortly." },
};

/** The HTTP status an error declares (`status` or `statusCode`, the Fastify convention), if any. */
function declaredStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  for (const key of ["status", "statusCode"] as const) {
    const value = (error as Record<string, unknown>)[key];
    if (typeof value === "number" && Number.isInteger(value) && value >= 400 && value <= 599) return value;
  }
  return undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

/** "Payload Too Large" → PAYLOAD_TOO_LARGE: Fastify's own refusals get a code in the API's style. */
const statusWord = (status: number): string =>
  (STATUS_CODES[status] ?? "Bad Request").toUpperCase().replace(/[^A-Z0-9]+/g, "_");

const fromAcceptLanguage = (request: FastifyRequest): Locale =>
  /^\s*en\b/i.test(request.headers["accept-language"] ?? "") ? "en" : "zh";

/**
 * The status and body for an error a route threw, so every route answers refusals alike:
 * - a coded error (a `code` string) whose area gave it an HTTP status (`status`: RoutingError,
 *   StaffError, BodyValidationError from parseBody) → that status, `{ error: code, message }`;
 *   a CodedError's message is its catalogue text in the request's language. A CodedError without a
 *   status is a refusal the client caused: 400;
 * - Fastify's own refusals (malformed JSON, a body too large, an unsupported content type, a schema
 *   validation) → their 4xx status, `{ error: BAD_REQUEST | PAYLOAD_TOO_LARGE | …, message }`;
 * - anything else → 500 with a fixed message: what went wrong is logged, never sent.
 */
export function errorResponse(
  error: unknown,
  locale: Locale,
): { status: number; body: ErrorBody; internal: boolean } {
  const status = declaredStatus(error);
  const code = codeOf(error);
  if (error instanceof CodedError) {
    const view = error.view(locale);
    const at = status ?? 400;
    return { status: at, body: { error: view.code, message: view.message }, internal: at >= 500 };
  }
  if (code !== undefined && status !== undefined && !code.startsWith("FST_")) {
    return { status, body: { error: code, message: (error as Error).message }, internal: status >= 500 };
  }
  // Fastify's errors carry statusCode and an FST_… code; the 4xx ones are the client's doing and
  // their messages say only what was wrong with the request.
  if (status !== undefined && status < 500 && error instanceof Error) {
    return { status, body: { error: statusWord(status), message: error.message }, internal: false };
  }
  return { status: 500, body: INTERNAL[locale], internal: true };
}

/**
 * The app's one error handler (`http.setErrorHandler(errorHandler())`): every plugin's routes
 * throw their refusals and this answers them, as described at errorResponse. A 5xx is logged with
 * the error; a refusal is not (it is the client's, and the response log line has its status).
 */
export function errorHandler(options: ErrorHandlerOptions = {}) {
  const localeOf = options.locale ?? fromAcceptLanguage;
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body, internal } = errorResponse(error, localeOf(request));
    if (internal) request.log.error({ err: error }, "request failed");
    options.answered?.(body.error);
    return reply.code(status).type("application/json; charset=utf-8").send(body);
  };
}
