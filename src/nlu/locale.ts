import type { Locale } from "../knowledge/faq.js";

const HAN = /\p{Script=Han}/gu;
// Whole words only: SQ20261128000123 or 12333app are not English.
const LATIN_WORD = /\b[a-z]{2,}\b/gi;

/**
 * Decides the locale from the script, not from a language guesser (which misreads mixed text such
 * as 我的pension怎么转). Chinese as soon as Han characters carry the message; English when Latin
 * words do; `undefined` when neither does (digits, emoji), so the caller keeps the conversation's.
 */
export function detectLocale(text: string): Locale | undefined {
  const han = text.match(HAN)?.length ?? 0;
  const words = text.match(LATIN_WORD)?.length ?? 0;
  if (han === 0 && words === 0) return undefined;
  if (han === 0) return "en";
  // A Chinese sentence with a few English terms stays Chinese; an English sentence quoting
  // one Chinese term (What is 养老金?) stays English.
  return han >= 2 * words || han >= 6 ? "zh" : "en";
}
