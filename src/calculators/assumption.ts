/**
 * One thing a calculator took for granted, in both languages the desk speaks, with a stable id so
 * an answer or a test can look for it. Every result carries the list, so a number is never shown
 * without the rule and the simplifications behind it.
 */
export interface Assumption {
  id: string;
  zh: string;
  en: string;
}
