import type { HttpError } from "../../../lib/http";
import type { AccountsStrings } from "../strings";

/**
 * A refusal in the admin's language. STAFF_BAD_INPUT carries the server's words, which name the
 * field; the codes the accounts screen expects have their own text; anything else says its code.
 */
export function accountErrorText(t: AccountsStrings, error: HttpError): string {
  if (error.code === "STAFF_BAD_INPUT") return t.badInput(error.message || error.code);
  return t.accountErrors[error.code] ?? t.errors[error.code] ?? t.failed(error.code);
}
