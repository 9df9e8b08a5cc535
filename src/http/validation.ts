import type { z } from "zod";

/**
 * Zod issues as one plain line, "path: message; path: message". An issue about the whole value
 * (empty path) is named `whole`: "body" for an HTTP body, "payload" for a socket event, "" for a
 * file whose name is said already.
 */
export function formatIssues(issues: readonly Pick<z.core.$ZodIssue, "path" | "message">[], whole = ""): string {
  return issues.map((i) => `${i.path.join(".") || whole}: ${i.message}`).join("; ");
}

/**
 * A request body that does not fit its schema. The app's error handler (src/http/errors.ts) answers
 * it with 400 and `{ error: code, message }`; the code is the route's own (BAD_REQUEST by default).
 */
export class BodyValidationError extends Error {
  override readonly name = "BodyValidationError";
  readonly status = 400;

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The body parsed by `schema`, or a BodyValidationError naming every problem. */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown, code = "BAD_REQUEST"): z.output<Schema> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new BodyValidationError(code, formatIssues(parsed.error.issues, "body"));
  return parsed.data;
}
