import { checkIdNumber } from "../../nlu/entities/id-number.js";
import { canonicalise } from "../../nlu/normalise.js";
import { findPersonalNumbers, maskDigits } from "../../security/masking.js";
import { fail, longestMatch, ok } from "./shared.js";
import type { SlotValidator, Validation, ValidationContext } from "./types.js";

/** The 15- and 18-character numbers written in the text however grouped (ID numbers, valid or not), checked. */
function idNumbersIn(text: string, ctx: ValidationContext): Validation[] {
  return findPersonalNumbers(text)
    .filter((n) => (n.kind === "id_number" || n.kind === "long_number") && (n.value.length === 18 || n.value.length === 15))
    .map((n) => checkRun(n.value, ctx));
}

function checkRun(run: string, ctx: ValidationContext): Validation {
  const result = checkIdNumber(run, ctx.now);
  if (result.valid && result.normalised) return ok(result.normalised, maskDigits(result.normalised));
  switch (result.problem) {
    case "check_digit":
      return fail(
        "最后一位校验码不对，请核对后重新输入。如果最后一位是X，请输入X。",
        "The last character (the check digit) does not match. Please check the number; if it ends in X, type X.",
      );
    case "birth_date":
      return fail(
        "号码中间的出生日期不对（这一天不存在，或晚于今天），请对照身份证核对后重新输入。",
        "The birth date inside the number is not a real date or is in the future. Please check it against your ID card.",
      );
    case "region":
      return fail(
        "号码开头的地区码不对（第一位应是1到8），请对照身份证核对。",
        "The number does not start with a valid region code (the first digit is 1 to 8). Please check it against your ID card.",
      );
    default:
      if (!/^\d+[Xx]?$/.test(run)) {
        return fail(
          "身份证号码只能是数字，最后一位可能是X，请不要输入其他字母或符号。",
          "An ID number is digits only, except that the last character may be X. Please leave out other letters and symbols.",
        );
      }
      return fail(
        `身份证号码应为18位（老证件15位），您输入了${run.length}位，请核对是否多输或漏输。`,
        `An ID number has 18 characters (15 on old cards); you typed ${run.length}. Please check for a missing or extra digit.`,
      );
  }
}

/** Resident ID number: the 18-digit form is stored (15-digit legacy numbers upgraded), shown masked. */
export function idNumber(): SlotValidator {
  return {
    kind: "id_number",
    sensitive: true,
    validate(answer, ctx) {
      const text = canonicalise(answer);
      // An ID number however written (110105 19491231 002X, 110105.19491231.002X, IDNO110105…).
      const valid = idNumbersIn(text, ctx).find((r) => r.ok);
      if (valid) return valid;
      // Otherwise say what is wrong: a bare letters-and-digits answer is read whole so a stray letter
      // gets its own reason, else the longest number in the answer.
      const compact = text.replace(/[\s\-./]/g, "");
      const run = /^[\dA-Za-z]+$/.test(compact) ? compact : longestMatch(compact, /\d+[Xx]?/g);
      if (run === undefined) {
        return fail(
          "请输入您的18位居民身份证号码（最后一位可能是X）。",
          "Please type your 18-character resident ID number (the last character may be X).",
        );
      }
      return checkRun(run, ctx);
    },
    extract(message, ctx) {
      const runs = idNumbersIn(canonicalise(message), ctx);
      // A valid number wins over a mistyped one (someone else's number, or a bank card, may sit beside it).
      return runs.find((r) => r.ok) ?? runs[0];
    },
  };
}
