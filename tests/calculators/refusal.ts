import { CalculatorInputError } from "../../src/calculators/errors.js";

/** The code and field of the refusal `run` throws; fails the test if it returns or throws anything else. */
export function refusal(run: () => unknown): { code: string; field: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof CalculatorInputError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error("expected the calculator to refuse its input");
}
