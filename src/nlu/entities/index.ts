import { type AmountMention, extractAmounts } from "./amount.js";
import { extractApplicationNumbers } from "./application-number.js";
import { luhnValid } from "./bank-card.js";
import { type DateMention, extractDates } from "./dates.js";
import { checkIdNumber, type IdNumberProblem } from "./id-number.js";
import { MOBILE_PATTERN, mobileDigits } from "./phone.js";
import { DEFAULT_TIME_ZONE, utcOffsetMinutes } from "../../domain/local-time.js";

export type Entity =
  | { type: "id_number"; value: string; valid: boolean; problem?: IdNumberProblem; birthDate?: string }
  | { type: "bank_card"; value: string }
  | { type: "mobile"; value: string }
  | ({ type: "date" } & DateMention)
  | ({ type: "amount" } & AmountMention)
  | { type: "application_number"; value: string };

const DIGIT_RUN = /(?<![\dA-Za-z])(\d{17}[\dXx]|\d{15,19})(?![\dA-Za-z])/g;

/** Long digit runs: an ID number (valid or not, so a flow can say what is wrong) or a bank card. */
function digitRuns(text: string, now: Date): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const run = (m[1] ?? "").toUpperCase();
    const id = run.length === 18 || run.length === 15 ? checkIdNumber(run, now) : undefined;
    if (id?.valid) {
      out.push({ type: "id_number", value: run, valid: true, ...(id.birthDate ? { birthDate: id.birthDate } : {}) });
    } else if (run.length >= 16 && /^\d+$/.test(run) && luhnValid(run)) {
      out.push({ type: "bank_card", value: run });
    } else if (id) {
      out.push({ type: "id_number", value: run, valid: false, ...(id.problem ? { problem: id.problem } : {}) });
    }
  }
  return out;
}

/**
 * Every entity in a message. Expects NFKC-normalised text (half-width digits); case does not matter.
 * `now` resolves relative dates and rejects birth dates in the future.
 */
export function extractEntities(text: string, now: Date, timeZone: string = DEFAULT_TIME_ZONE): Entity[] {
  const entities: Entity[] = digitRuns(text, now);
  for (const m of text.matchAll(MOBILE_PATTERN)) entities.push({ type: "mobile", value: mobileDigits(m) });
  for (const value of extractApplicationNumbers(text)) entities.push({ type: "application_number", value });
  // Dates and amounts are read with long digit runs blanked out, so an ID number's birth date
  // is not mistaken for a date the citizen mentioned.
  const blanked = text.replace(DIGIT_RUN, (s) => " ".repeat(s.length)).replace(MOBILE_PATTERN, (s) => " ".repeat(s.length));
  for (const d of extractDates(blanked, now, utcOffsetMinutes(timeZone, now))) entities.push({ type: "date", ...d });
  for (const a of extractAmounts(blanked)) entities.push({ type: "amount", ...a });
  return entities;
}
