import { parseChineseNumber } from "../../nlu/entities/chinese-number.js";
import { normalise } from "../../nlu/normalise.js";
import { escapeRegExp, fail, ok, trimAnswer } from "./shared.js";
import type { SlotValidator, Text, Validation, ValidationContext } from "./types.js";

export interface ChoiceOption {
  /** Stored as the slot value. */
  key: string;
  label: Text;
  /** Words citizens use for this option; the longest one found in an answer decides. */
  synonyms: readonly string[];
}

const HAN = /\p{Script=Han}/u;
const EN_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** Chinese is matched with spaces and punctuation removed (单位欠薪，我辞职 = 单位欠薪我辞职). */
const squeeze = (text: string) => normalise(text).replace(/[\s\p{P}\p{S}]/gu, "");

/** English is matched on whole words, so "quit" is not found in "quite". */
const englishPattern = (phrase: string) =>
  new RegExp(`(?<![a-z])${escapeRegExp(normalise(phrase))}(?![a-z])`, "u");

interface Term {
  option: number;
  length: number;
  /** The phrase squeezed, to recognise an answer that is exactly this phrase. */
  whole: string;
  test(squeezed: string, lowered: string): boolean;
}

function termsOf(options: readonly ChoiceOption[]): Term[] {
  return options.flatMap((o, option) =>
    [o.label.zh, o.label.en, o.key, ...o.synonyms].map((phrase): Term => {
      if (HAN.test(phrase)) {
        const s = squeeze(phrase);
        return { option, length: s.length, whole: s, test: (squeezed) => squeezed.includes(s) };
      }
      const re = englishPattern(phrase);
      return { option, length: normalise(phrase).length, whole: squeeze(phrase), test: (_s, lowered) => re.test(lowered) };
    }),
  );
}

/** "2", "第二个", "选2", "option 2", "the second one": a position in the list, 1-based. */
function position(answer: string): number | undefined {
  const zh = /^(?:我选|选择|选|就)?第?([0-9]+|[零一二两三四五六七八九十]+)(?:个|项|种|条|号)?$/u.exec(answer);
  if (zh?.[1]) return parseChineseNumber(zh[1]);
  const digits = /^(?:option|number|no\.?|#)?\s*(\d+)\.?$/.exec(answer);
  if (digits?.[1]) return Number(digits[1]);
  const ordinal = /^(?:the )?([a-z]+)(?: one| option)?$/.exec(answer);
  const i = ordinal?.[1] ? EN_ORDINALS.indexOf(ordinal[1]) : -1;
  return i >= 0 ? i + 1 : undefined;
}

function listed(options: readonly ChoiceOption[], locale: keyof Text, indices?: number[]): string {
  const picked = indices ?? options.map((_o, i) => i);
  return picked.map((i) => `${i + 1}. ${options[i]?.label[locale] ?? ""}`).join(locale === "zh" ? "；" : "; ");
}

/**
 * One option of a list, matched by position (1, 第二个), exact label, or the longest synonym the
 * answer contains. Two options matching equally well is not a match: the citizen is asked to pick.
 */
export function choice(options: readonly ChoiceOption[]): SlotValidator {
  const terms = termsOf(options);
  const chosen = (i: number, ctx: ValidationContext): Validation => {
    const option = options[i] as ChoiceOption;
    return ok(option.key, option.label[ctx.locale]);
  };

  function bySynonym(text: string, ctx: ValidationContext): Validation | undefined {
    const squeezed = squeeze(text);
    const lowered = normalise(text);
    // An answer that is exactly a label or synonym beats one that merely contains another.
    const exact = terms.filter((t) => t.whole === squeezed);
    const hits = exact.length > 0 ? exact : terms.filter((t) => t.test(squeezed, lowered));
    if (hits.length === 0) return undefined;
    const longest = Math.max(...hits.map((t) => t.length));
    const winners = [...new Set(hits.filter((t) => t.length === longest).map((t) => t.option))];
    if (winners.length === 1) return chosen(winners[0] as number, ctx);
    return fail(
      `您的回答可能是以下几项，请选一个（回复序号即可）：${listed(options, "zh", winners)}`,
      `Your answer could mean more than one of these; please pick one (the number is enough): ${listed(options, "en", winners)}`,
    );
  }

  return {
    kind: "enum",
    sensitive: false,
    choices: options.map((o) => o.label),
    validate(answer, ctx) {
      const trimmed = trimAnswer(normalise(answer));
      const n = position(trimmed);
      if (n !== undefined) {
        if (n >= 1 && n <= options.length) return chosen(n - 1, ctx);
        return fail(
          `只有${options.length}个选项，请回复1到${options.length}之间的序号，或直接说选项名称：${listed(options, "zh")}`,
          `There are only ${options.length} options; reply with a number from 1 to ${options.length} or the option's name: ${listed(options, "en")}`,
        );
      }
      return (
        bySynonym(answer, ctx) ??
        fail(`没有对应的选项。请从以下选一个（回复序号即可）：${listed(options, "zh")}`, `That is not one of the options. Please pick one (the number is enough): ${listed(options, "en")}`)
      );
    },
    extract(message, ctx) {
      // Positions are only read from a whole answer: a "2" inside a message means something else.
      return bySynonym(message, ctx);
    },
  };
}
