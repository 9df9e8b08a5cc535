import { findPersonalNumbers } from "../../security/masking.js";

/**
 * Mainland mobile numbers: 11 digits starting 13-19, in any width, optionally after +86 or 0086,
 * grouped with spaces, dashes, dots or slashes (138 1234 5678, 137.1111.2222). Found by the one
 * finder of personal numbers that masking uses, so what is understood as a phone is what is masked.
 */

/** Returns the 11 digits of a mobile number, or undefined when the text is not one (and nothing else). */
export function parseMobile(text: string): string | undefined {
  const trimmed = text.trim();
  const [only, ...more] = findPersonalNumbers(trimmed);
  const whole = only?.kind === "mobile" && more.length === 0 && only.from === 0 && only.to === trimmed.length;
  return whole ? only.value : undefined;
}

/** The 11 digits of the first mobile number written anywhere in the text, or undefined. */
export function findMobile(text: string): string | undefined {
  return findPersonalNumbers(text).find((n) => n.kind === "mobile")?.value;
}
