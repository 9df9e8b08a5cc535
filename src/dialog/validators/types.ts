import type { Locale } from "../../domain/locale.js";

/** Words in both languages, for prompts, reasons and summaries. */
export type Text = Record<Locale, string>;

export interface ValidationContext {
  /** Today and relative dates are resolved against this, in `timeZone`. */
  now: Date;
  locale: Locale;
  /** The service's time zone; Asia/Shanghai when not given. */
  timeZone?: string;
}

export type Validation =
  | {
      ok: true;
      /** The canonical value stored in the slot (e.g. 18-digit ID, 11-digit phone, ISO date, enum key). */
      value: string;
      /** How to show it to the citizen; masked for sensitive values (1101**********002X). */
      display: string;
    }
  | {
      ok: false;
      /** Why, in plain words, and what to type instead. */
      reason: Text;
    };

/**
 * A slot validator. `validate` reads a whole answer to the slot's prompt; `extract` finds the
 * slot's value inside a longer message (我叫张三，身份证…，手机…) and returns undefined when the
 * message does not contain one. Both are pure.
 */
export interface SlotValidator {
  /** e.g. "id_number", "mobile", "enum"; shown in logs and fixtures. */
  kind: string;
  validate(answer: string, ctx: ValidationContext): Validation;
  extract(message: string, ctx: ValidationContext): Validation | undefined;
  /** Whether values are personal data: encrypted at rest, masked in transcripts. */
  sensitive: boolean;
  /** A choice's options, in order: offered as buttons under the question (their label is the answer). */
  choices?: readonly Text[];
}
