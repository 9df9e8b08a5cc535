/**
 * What a person typed in the code field, checked before it is sent. While enrolling only the
 * authenticator's six digits make sense; at sign-in a recovery code (abcde-fghij) works too, so
 * the server judges anything that is not empty. Spaces inside are allowed (apps show "123 456").
 */
export type CodeProblem = "missing" | "notSixDigits";

export type CodeEntry = { ok: true; code: string } | { ok: false; problem: CodeProblem };

export function readCode(typed: string, mode: "enrol" | "sign-in"): CodeEntry {
  const code = typed.trim();
  if (code === "") return { ok: false, problem: "missing" };
  if (mode === "enrol" && !/^\d{6}$/.test(code.replace(/\s/g, "")))
    return { ok: false, problem: "notSixDigits" };
  return { ok: true, code };
}
