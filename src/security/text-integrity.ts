/**
 * Text that can be stored and read back unchanged. A JavaScript string may hold a lone UTF-16
 * surrogate (half of an emoji cut by a client, a broken input method): it has no UTF-8 form, so it
 * would be stored as invalid bytes and read back as something else than what was acknowledged.
 * Each lone surrogate becomes U+FFFD (the replacement character), as the WHATWG encoders and
 * `String.prototype.toWellFormed` do; everything else is kept as sent.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

export const REPLACEMENT_CHARACTER = "\uFFFD";

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** The text with every lone surrogate replaced by U+FFFD; the same string when there is none. */
export function wellFormed(text: string): string {
  return isWellFormed(text) ? text : text.replace(LONE_SURROGATES, REPLACEMENT_CHARACTER);
}
