/** Validation of Chinese resident identity numbers (GB 11643-1999 and the older 15-digit form). */
import { idCheckChar } from "../../security/masking.js";

// The check character is computed where masking finds ID numbers, below the transcript; one copy.
export { idCheckChar };

export type IdNumberProblem = "format" | "check_digit" | "birth_date" | "region";

export interface IdNumberCheck {
  valid: boolean;
  problem?: IdNumberProblem;
  /** The 18-digit form (a 15-digit number is upgraded with its computed check digit). */
  normalised?: string;
  birthDate?: string;
  gender?: "male" | "female";
}

function validDate(y: number, m: number, d: number, today: Date): boolean {
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return date.getTime() <= today.getTime();
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Checks a resident ID number: region (first digit 1-8), birth date (real and not in the future)
 * and, for 18 digits, the check character. `today` is passed in so the check is pure.
 */
export function checkIdNumber(raw: string, today: Date): IdNumberCheck {
  const id = raw.trim().toUpperCase();
  let first17: string;
  if (/^\d{17}[\dX]$/.test(id)) first17 = id.slice(0, 17);
  else if (/^\d{15}$/.test(id)) first17 = `${id.slice(0, 6)}19${id.slice(6, 15)}`;
  else return { valid: false, problem: "format" };
  if (!/^[1-8]/.test(first17)) return { valid: false, problem: "region" };
  const y = Number(first17.slice(6, 10));
  const m = Number(first17.slice(10, 12));
  const d = Number(first17.slice(12, 14));
  if (!validDate(y, m, d, today)) return { valid: false, problem: "birth_date" };
  const check = idCheckChar(first17);
  if (id.length === 18 && id[17] !== check) return { valid: false, problem: "check_digit" };
  return {
    valid: true,
    normalised: first17 + check,
    birthDate: `${y}-${pad(m)}-${pad(d)}`,
    gender: Number(first17[16]) % 2 === 1 ? "male" : "female",
  };
}
