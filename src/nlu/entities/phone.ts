/** Mainland mobile numbers: 11 digits starting 13-19, optionally +86 and spaces or dashes (138 1234 5678). */
export const MOBILE_PATTERN = /(?<![\d])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![\d])/g;

/** The 11 digits of a match of MOBILE_PATTERN, whatever spaces, dashes or +86 it was written with. */
export const mobileDigits = (m: RegExpMatchArray) => `${m[1]}${m[2]}${m[3]}`;

/** Returns the 11 digits of a mobile number, or undefined when the text is not one. */
export function parseMobile(text: string): string | undefined {
  const whole = new RegExp(`^${MOBILE_PATTERN.source}$`).exec(text.trim());
  return whole ? mobileDigits(whole) : undefined;
}

/** The 11 digits of the first mobile number written anywhere in the text, or undefined. */
export function findMobile(text: string): string | undefined {
  const found = new RegExp(MOBILE_PATTERN.source).exec(text);
  return found ? mobileDigits(found) : undefined;
}
