/** Mainland mobile numbers: 11 digits starting 13-19, optionally +86 and spaces or dashes (138 1234 5678). */
export const MOBILE_PATTERN = /(?<![\d])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![\d])/g;

/** Returns the 11 digits of a mobile number, or undefined when the text is not one. */
export function parseMobile(text: string): string | undefined {
  const whole = new RegExp(`^${MOBILE_PATTERN.source}$`).exec(text.trim());
  return whole ? `${whole[1]}${whole[2]}${whole[3]}` : undefined;
}
