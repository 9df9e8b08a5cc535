/**
 * Application numbers issued by the desk: `SQ` + the date (yyyymmdd) + six digits,
 * e.g. SQ20261128000123. Citizens may type them in lower case or with dashes.
 */
export const APPLICATION_NUMBER = /\b(sq)[-\s]?(\d{8})[-\s]?(\d{6})\b/gi;

export function extractApplicationNumbers(text: string): string[] {
  return [...text.matchAll(APPLICATION_NUMBER)].map((m) => `SQ${m[2]}${m[3]}`);
}
