/**
 * Masks personal data in free text for display and logs: resident ID numbers (1101**********002X),
 * mobile phones (138****5678) and bank cards (6222***********0128). Deliberately greedy: any
 * 15-19 digit run is masked whether or not its check digit is right, since a mistyped ID number
 * is still someone's ID number.
 */
const LONG_DIGITS = /(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15,19})(?![\dA-Za-z])/g;
const MOBILE = /(?<!\d)((?:\+?86[\s-]?)?1[3-9]\d)([\s-]?)(\d{4})([\s-]?)(\d{4})(?!\d)/g;
/** Digits written in groups, as cards and ID numbers are read out: 6222 0212 3456 7890 128, 110105-19491231-002X. */
const GROUPED_DIGITS = /(?<![\dA-Za-z])\d+(?:[ -]\d+)+(?:[ -]?[Xx])?(?![\dA-Za-z])/g;

/** A grouped run of 15-19 digits (an ID number's X counts) with all but its first and last four hidden; separators kept. */
function maskGrouped(run: string): string {
  const digits = run.replace(/[^\dXx]/g, "").length;
  if (digits < 15 || digits > 19) return run;
  let seen = 0;
  return run.replace(/[\dXx]/g, (d) => {
    seen++;
    return seen <= 4 || seen > digits - 4 ? d : "*";
  });
}

export function maskDigits(run: string): string {
  return `${run.slice(0, 4)}${"*".repeat(run.length - 8)}${run.slice(-4)}`;
}

export function maskMobile(digits11: string): string {
  return `${digits11.slice(0, 3)}****${digits11.slice(-4)}`;
}

export interface MaskResult {
  masked: string;
  /** True when anything was masked: the original then needs encrypting. */
  changed: boolean;
}

export function maskPersonalData(text: string): MaskResult {
  const masked = text
    .replace(LONG_DIGITS, (run) => maskDigits(run))
    .replace(GROUPED_DIGITS, maskGrouped)
    .replace(MOBILE, (_m, head: string, s1: string, _mid: string, s2: string, tail: string) => `${head}${s1}****${s2}${tail}`);
  return { masked, changed: masked !== text };
}
