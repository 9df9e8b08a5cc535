import type { Locale } from "../knowledge/faq.js";
import { ENGLISH_VOCABULARY, LOANWORDS } from "./english-vocabulary.js";

const HAN = /\p{Script=Han}/gu;
// Whole words only: SQ20261128000123 or 12333app are not English.
const LATIN_WORD = /\b[a-z]{2,}\b/gi;

/** The word as the vocabulary lists it: lower case, a plural or past-tense ending tried off. */
function known(word: string): boolean {
  const w = word.toLowerCase();
  return ENGLISH_VOCABULARY.has(w) || [/s$/, /es$/, /ed$/, /d$/, /ing$/].some((end) => end.test(w) && ENGLISH_VOCABULARY.has(w.replace(end, "")));
}

/**
 * Whether Latin letters alone make the message English: at least one word English would use
 * (not keyboard noise such as "asdfgh"), and more than one loanword Chinese chats use too ("ok").
 */
function readsAsEnglish(latinWords: string[]): boolean {
  const english = latinWords.filter(known);
  return english.some((w) => !LOANWORDS.has(w.toLowerCase())) || english.length >= 2;
}

/**
 * Decides the locale from the script, not from a language guesser (which misreads mixed text such
 * as 我的pension怎么转). Chinese as soon as Han characters carry the message; English when Latin
 * words do and read as English; `undefined` when neither does (digits, emoji, "asdfgh", a lone
 * "ok"), so the caller keeps the conversation's language.
 */
export function detectLocale(text: string): Locale | undefined {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN_WORD) ?? [];
  const words = latin.length;
  if (han === 0 && words === 0) return undefined;
  if (han === 0) return readsAsEnglish(latin) ? "en" : undefined;
  // A Chinese sentence with a few English terms stays Chinese; an English sentence quoting
  // one Chinese term (What is 养老金?) stays English.
  return han >= 2 * words || han >= 6 ? "zh" : "en";
}
