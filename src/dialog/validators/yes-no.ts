import { normalise } from "../../nlu/normalise.js";
import { escapeRegExp, fail, ok } from "./shared.js";
import type { SlotValidator, Validation, ValidationContext } from "./types.js";

// Longest first within each list, and "no" words are tried first, so 不是 is not read as 是.
const NO = ["不可以", "不需要", "不是的", "不是", "不用", "不要", "不对", "不行", "没有", "否", "不", "nope", "not", "no", "n"];
const YES = ["确认", "确定", "是的", "对的", "好的", "可以", "没错", "是", "对", "好", "行", "嗯", "okay", "yeah", "sure", "yes", "yep", "ok", "y"];

/** The word must stand alone or be followed by punctuation: 是的，没问题 is yes; 是不是 and 不好意思 are neither. */
const leading = (words: string[]) => new RegExp(`^(?:${words.map(escapeRegExp).join("|")})(?:[\\s,，。.!！~～]|$)`, "u");
const NO_RE = leading(NO);
const YES_RE = leading(YES);

const DISPLAY = { yes: { zh: "是", en: "Yes" }, no: { zh: "否", en: "No" } } as const;

function read(text: string, ctx: ValidationContext): Validation | undefined {
  const t = normalise(text);
  const answer = NO_RE.test(t) ? "no" : YES_RE.test(t) ? "yes" : undefined;
  return answer ? ok(answer, DISPLAY[answer][ctx.locale]) : undefined;
}

/** A confirmation: "yes" or "no". */
export function yesNo(): SlotValidator {
  return {
    kind: "yes_no",
    sensitive: false,
    validate(answer, ctx) {
      return read(answer, ctx) ?? fail("请回答“是”或“否”。", "Please answer yes or no.");
    },
    extract(message, ctx) {
      // 是 and 不 occur in almost every sentence: only a message that opens with the answer counts.
      return read(message, ctx);
    },
  };
}
