import { DEFAULT_TIME_ZONE, localDate } from "../../domain/local-time.js";
import { RecordsError } from "../errors.js";

/**
 * Application numbers: SQ + the day in the service's time zone (yyyymmdd) + a 6-digit counter of
 * that day, from 000001. Each store keeps the counter its own way; the shape is the same.
 */

/** The day's last number: six digits, so at most 999999 applications a day. */
export const LAST_OF_DAY = 999_999;

/** The calendar day in the service's time zone as yyyymmdd: application numbers use it. */
export function applicationDay(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return localDate(at, timeZone).replaceAll("-", "");
}

/** The `seq`th number of `day`; past the sixth digit the day has no numbers left. */
export function applicationNumber(day: string, seq: number): string {
  if (seq > LAST_OF_DAY)
    throw new RecordsError("RECORDS_SEQUENCE_EXHAUSTED", `no application numbers left for ${day}`);
  return `SQ${day}${String(seq).padStart(6, "0")}`;
}

/** The counter part of a number (SQ20261128000123 → 123). */
export function sequenceOf(number: string): number {
  return Number(number.slice(-6));
}

/** The lowest and highest numbers `day` can have, for a range query over numbers (they sort as text). */
export function numbersOfDay(day: string): { first: string; last: string } {
  return { first: `SQ${day}000000`, last: `SQ${day}${LAST_OF_DAY}` };
}
