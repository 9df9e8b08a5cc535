import { CodedError } from "../domain/coded-error.js";
import type { Locale } from "../domain/locale.js";

/** Stable codes a caller can branch on, with plain words in both languages. */
export const calculatorErrors = {
  CALC_INVALID_INPUT: {
    zh: "输入的信息不正确，未作计算。",
    en: "An input is not valid, so nothing was calculated.",
  },
  CALC_OUTSIDE_TABLE: {
    zh: "超出国家规定表格的范围，无法计算。",
    en: "The value lies outside the national table, so nothing was calculated.",
  },
  CALC_FIGURES_INVALID: {
    zh: "本地数据文件（bot/figures.yaml）有误，请编辑人员修正。",
    en: "The local figures file (bot/figures.yaml) is not valid; an editor must correct it.",
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type CalculatorErrorCode = keyof typeof calculatorErrors;

/**
 * A calculator refused its input rather than return a wrong number. `field` is the input's path as
 * the caller wrote it (`born.month`, `contributionYears`), so a form can mark the right box.
 */
export class CalculatorInputError extends CodedError<CalculatorErrorCode> {
  protected readonly catalogue = calculatorErrors;
  override readonly name = "CalculatorInputError";

  constructor(
    code: Exclude<CalculatorErrorCode, "CALC_FIGURES_INVALID">,
    readonly field: string,
    readonly problem: string,
  ) {
    super(code, `${field}: ${problem}`);
  }
}

/** `bot/figures.yaml` cannot be used; each problem names the field, e.g. `localAverageMonthlyWage.year`. */
export class FiguresFileError extends CodedError<CalculatorErrorCode> {
  protected readonly catalogue = calculatorErrors;
  override readonly name = "FiguresFileError";

  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super("CALC_FIGURES_INVALID", `${file}: ${problems.join("; ")}`);
  }
}
