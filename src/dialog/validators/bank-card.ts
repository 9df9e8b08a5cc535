import { luhnValid } from "../../nlu/entities/bank-card.js";
import { checkIdNumber } from "../../nlu/entities/id-number.js";
import { canonicalise } from "../../nlu/normalise.js";
import { findPersonalNumbers, maskDigits } from "../../security/masking.js";
import { fail, longestMatch, ok } from "./shared.js";
import type { SlotValidator, Validation, ValidationContext } from "./types.js";

/** Card numbers written in the text however grouped (Luhn-valid, or 16-19 digits in a plain shape), as digits. */
const cardsIn = (text: string) =>
  findPersonalNumbers(text)
    .filter((n) => n.kind === "bank_card" || (n.kind === "long_number" && /^\d{16,19}$/.test(n.value)))
    .map((n) => n.value);

const isIdNumber = (digits: string, ctx: ValidationContext) => digits.length === 18 && checkIdNumber(digits, ctx.now).valid;

function checkCard(digits: string, ctx: ValidationContext): Validation {
  // The ID question comes just before in the flows, so a pasted ID number is a likely slip.
  if (isIdNumber(digits, ctx)) {
    return fail("这是身份证号码，请输入银行卡号（卡片正面的16到19位数字）。", "That is an ID number; please type the bank card number (16 to 19 digits on the front of the card).");
  }
  if (!/^\d+$/.test(digits)) {
    return fail("银行卡号只能是数字，请只输入卡号。", "A card number is digits only; please type just the number.");
  }
  if (digits.length < 16 || digits.length > 19) {
    return fail(
      `银行卡号一般是16到19位数字，您输入了${digits.length}位，请核对。`,
      `A bank card number has 16 to 19 digits; you typed ${digits.length}. Please check it.`,
    );
  }
  if (!luhnValid(digits)) {
    return fail("卡号有误，请核对后重新输入（可以对照银行卡正面的卡号）。", "The card number is not valid; please check it against the front of your card.");
  }
  return ok(digits, maskDigits(digits));
}

/** Bank card number (Luhn-checked): digits stored, shown as 6222***********0128. */
export function bankCard(): SlotValidator {
  return {
    kind: "bank_card",
    sensitive: true,
    validate(answer, ctx) {
      const text = canonicalise(answer);
      // A card number however written (6222 0212 3456 7890 128, 6222.0212…, card6222…).
      const valid = cardsIn(text).find((digits) => luhnValid(digits) && !isIdNumber(digits, ctx));
      if (valid) return ok(valid, maskDigits(valid));
      const compact = text.replace(/[\s\-./]/g, "");
      if (!/\d/.test(compact)) {
        return fail("请输入您本人名下的银行卡号（16到19位数字）。", "Please type the number of a bank card in your own name (16 to 19 digits).");
      }
      // Words around the number (卡号是…) are fine; letters mixed into the digits are not.
      const digits = /^[\dA-Za-z]+$/.test(compact) ? compact : (longestMatch(compact, /\d+/g) ?? "");
      return checkCard(digits, ctx);
    },
    extract(message, ctx) {
      const runs = cardsIn(canonicalise(message))
        .filter((digits) => !isIdNumber(digits, ctx))
        .map((digits) => checkCard(digits, ctx));
      return runs.find((r) => r.ok) ?? runs[0];
    },
  };
}
