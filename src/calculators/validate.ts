import { CalculatorInputError } from "./errors.js";
import type { Age, YearMonth } from "./year-month.js";

/**
 * Input checks shared by the calculators. Each refuses with the field's name instead of letting a
 * bad value through to a plausible-looking number. Values are typed `unknown` because calculators
 * are also fed from parsed chat slots and JSON, where the type system cannot vouch for them.
 */

/** Years outside this range are typing mistakes for any rule the calculators know. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;

/** Throws the refusal for `field`; typed `never` so a check can `return refuse(...)`. */
export const refuse = (field: string, problem: string): never => {
  throw new CalculatorInputError("CALC_INVALID_INPUT", field, problem);
};

/** The argument itself: calculators take one object, and a missing one is refused like any field. */
export function record(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return refuse(field, "must be an object");
  return value as Record<string, unknown>;
}

export function wholeNumber(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value))
    return refuse(field, `must be a whole number, got ${String(value)}`);
  if (value < min || value > max) return refuse(field, `must be from ${min} to ${max}, got ${value}`);
  return value;
}

/** A finite amount within bounds; `above` is an exclusive lower bound (a wage of 0 is no wage). */
export function amount(
  field: string,
  value: unknown,
  bounds: { min?: number; above?: number; max?: number },
): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    return refuse(field, `must be a number, got ${String(value)}`);
  if (bounds.min !== undefined && value < bounds.min)
    return refuse(field, `must not be below ${bounds.min}, got ${value}`);
  if (bounds.above !== undefined && value <= bounds.above)
    return refuse(field, `must be above ${bounds.above}, got ${value}`);
  if (bounds.max !== undefined && value > bounds.max)
    return refuse(field, `must not be above ${bounds.max}, got ${value}`);
  return value;
}

export function yearMonth(field: string, value: unknown): YearMonth {
  const { year, month } = record(field, value);
  return {
    year: wholeNumber(`${field}.year`, year, EARLIEST_YEAR, LATEST_YEAR),
    month: wholeNumber(`${field}.month`, month, 1, 12),
  };
}

export function age(field: string, value: unknown, minYears: number, maxYears: number): Age {
  const { years, months } = record(field, value);
  return {
    years: wholeNumber(`${field}.years`, years, minYears, maxYears),
    months: wholeNumber(`${field}.months`, months, 0, 11),
  };
}

export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  return refuse(
    field,
    `must be one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${JSON.stringify(value)}`,
  );
}
