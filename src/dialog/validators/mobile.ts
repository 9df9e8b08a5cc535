import { findMobile } from "../../nlu/entities/phone.js";
import { canonicalise } from "../../nlu/normalise.js";
import { maskMobile } from "../../security/masking.js";
import { fail, longestMatch, ok } from "./shared.js";
import type { SlotValidator, Validation } from "./types.js";

function found(text: string): Validation | undefined {
  const digits = findMobile(text);
  return digits === undefined ? undefined : ok(digits, maskMobile(digits));
}

/** Says what is wrong with a number that is not a mobile, from its digits alone. */
function diagnose(typed: string | undefined): Validation {
  if (typed === undefined) {
    return fail("请输入您的11位手机号码，例如13812345678。", "Please type your 11-digit mobile number, e.g. 13812345678.");
  }
  const digits = typed.replace(/^(?:\+86|0086)/, "");
  // Area codes start with 0 (010, 0755); a bare local number has 7 or 8 digits.
  if (/^0/.test(digits) || digits.length === 7 || digits.length === 8) {
    return fail(
      "这像是座机号码。请留一个11位的手机号码（以1开头），方便短信通知您。",
      "That looks like a landline. Please give an 11-digit mobile number (starting with 1) so we can text you.",
    );
  }
  if (/^1/.test(digits) && (digits.length === 10 || digits.length === 12)) {
    const which = digits.length === 10 ? { zh: "少了一位", en: "a digit is missing" } : { zh: "多了一位", en: "there is an extra digit" };
    return fail(
      `手机号码是11位，您输入了${digits.length}位，好像${which.zh}，请核对后重新输入。`,
      `A mobile number has 11 digits; you typed ${digits.length}, so ${which.en}. Please check it.`,
    );
  }
  if (/^1[0-2]\d{9}$/.test(digits)) {
    return fail(
      "手机号码以13到19开头，这个号码的第二位不对，请核对。",
      "Mobile numbers start with 13 to 19; the second digit looks wrong. Please check it.",
    );
  }
  return fail(
    `请输入11位手机号码（以1开头），您输入的是${digits.length}位数字。`,
    `Please type an 11-digit mobile number starting with 1; you typed ${digits.length} digits.`,
  );
}

/** Mainland mobile number: 11 digits stored, shown as 138****5678. */
export function mobile(): SlotValidator {
  return {
    kind: "mobile",
    sensitive: true,
    validate(answer) {
      const text = canonicalise(answer);
      return found(text) ?? diagnose(longestMatch(text, /\+?\d[\d\s()./-]*\d|\d/g)?.replace(/[\s()./-]/g, ""));
    },
    extract(message) {
      return found(canonicalise(message));
    },
  };
}
