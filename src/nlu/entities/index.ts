import { type AmountMention, extractAmounts } from "./amount.js";
import { extractApplicationNumbers } from "./application-number.js";
import { type DateMention, extractDates } from "./dates.js";
import { checkIdNumber, type IdNumberProblem } from "./id-number.js";
import { DEFAULT_TIME_ZONE, utcOffsetMinutes } from "../../domain/local-time.js";
import { findPersonalNumbers, type PersonalNumber } from "../../security/masking.js";

export type Entity =
  | { type: "id_number"; value: string; valid: boolean; problem?: IdNumberProblem; birthDate?: string }
  | { type: "bank_card"; value: string }
  | { type: "mobile"; value: string }
  | ({ type: "date" } & DateMention)
  | ({ type: "amount" } & AmountMention)
  | { type: "application_number"; value: string };

/**
 * ID numbers (valid or not, so a flow can say what is wrong), bank cards and mobiles, however they
 * are written: the numbers masking finds, read against today's date.
 */
function personalNumbers(found: PersonalNumber[], now: Date): Entity[] {
  const out: Entity[] = [];
  for (const { kind, value } of found) {
    if (kind === "mobile" || kind === "bank_card") out.push({ type: kind, value });
    else if (value.length === 18 || value.length === 15) {
      const id = checkIdNumber(value, now);
      if (id.valid) out.push({ type: "id_number", value, valid: true, ...(id.birthDate ? { birthDate: id.birthDate } : {}) });
      else out.push({ type: "id_number", value, valid: false, ...(id.problem ? { problem: id.problem } : {}) });
    }
  }
  return out;
}

/**
 * Every entity in a message. Expects NFKC-normalised text (half-width digits); case does not matter.
 * `now` resolves relative dates and rejects birth dates in the future.
 */
export function extractEntities(text: string, now: Date, timeZone: string = DEFAULT_TIME_ZONE): Entity[] {
  const found = findPersonalNumbers(text);
  const entities: Entity[] = personalNumbers(found, now);
  for (const value of extractApplicationNumbers(text)) entities.push({ type: "application_number", value });
  // Dates and amounts are read with the personal numbers blanked out, so an ID number's birth date
  // is not mistaken for a date the citizen mentioned.
  let blanked = text;
  for (const n of found) blanked = blanked.slice(0, n.from) + " ".repeat(n.to - n.from) + blanked.slice(n.to);
  for (const d of extractDates(blanked, now, utcOffsetMinutes(timeZone, now))) entities.push({ type: "date", ...d });
  for (const a of extractAmounts(blanked)) entities.push({ type: "amount", ...a });
  return entities;
}
