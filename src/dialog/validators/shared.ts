import type { Validation } from "./types.js";

/** Small helpers every validator uses, so results and reasons are built the same way. */

export const ok = (value: string, display: string): Validation => ({ ok: true, value, display });

export const fail = (zh: string, en: string): Validation => ({ ok: false, reason: { zh, en } });

/** Punctuation and particles a citizen adds around an answer (张三。/ yes!) that are not part of it. */
export function trimAnswer(text: string): string {
  return text.replace(/^[\s"'“”‘’「」]+|[\s"'“”‘’「」。.!！?？,，;；~～、]+$/gu, "");
}

/** The longest match of `pattern` (global) in `text`, or undefined. */
export function longestMatch(text: string, pattern: RegExp): string | undefined {
  let best: string | undefined;
  for (const m of text.matchAll(pattern)) if (best === undefined || m[0].length > best.length) best = m[0];
  return best;
}

/** A literal phrase inside a RegExp. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
