import type { ValidationContext } from "../validators/types.js";
import type { FlowDefinition, SlotValues } from "./types.js";

/** What a flow starts with: values a message carries, and values carried from the flow before. Pure. */

/**
 * The values a message carries for a flow's steps (我1975年3月出生的女工人 → sex, category, year,
 * month), to start it with. Only well-formed values count; one value fills one slot. Pure.
 */
export function valuesIn(def: FlowDefinition, text: string, ctx: ValidationContext): Prefill {
  const values: SlotValues = {};
  const displays: SlotValues = {};
  const taken = new Set<string>();
  for (const step of def.steps) {
    if (step.when && !step.when(values)) continue;
    const found = step.validator.extract(text, ctx);
    if (!found?.ok || taken.has(`${step.validator.kind}:${found.value}`)) continue;
    values[step.slot] = found.value;
    displays[step.slot] = found.display;
    taken.add(`${step.validator.kind}:${found.value}`);
  }
  return { values, displays };
}

export type Prefill = { values: SlotValues; displays: SlotValues };

/**
 * What a new flow starts with: the values carried from the flow just finished, and those the
 * starting message gives. A message that contradicts a carried value is about someone else
 * ("那我老婆呢，她1978年的" after one's own retirement age): then nothing is carried, unless the
 * message corrects what was just used ("不对，我是1976年的").
 */
export function prefillOf(carried: Prefill | undefined, given: Prefill | undefined, correcting: boolean): Prefill | undefined {
  if (!given || Object.keys(given.values).length === 0) return carried;
  if (!carried) return given;
  const conflict = Object.entries(given.values).some(([slot, v]) => carried.values[slot] !== undefined && carried.values[slot] !== v);
  return conflict && !correcting ? given : { values: { ...carried.values, ...given.values }, displays: { ...carried.displays, ...given.displays } };
}

/**
 * Whether a message carries values for a flow; with `figuresOnly`, a figure or a date must be among
 * them, not only a word like 我妈 (我妈退休了养老金啥时候到账 is no calculation).
 */
export function carriesFacts(def: FlowDefinition, text: string, ctx: ValidationContext, figuresOnly = false): boolean {
  const slots = Object.keys(valuesIn(def, text, ctx).values);
  return figuresOnly ? slots.some((slot) => def.steps.find((s) => s.slot === slot)?.validator.kind !== "enum") : slots.length > 0;
}

/**
 * A calculator for a message the classifier is unsure about: one whose intent is among the
 * clarification's `options`, or whose cue words the message uses, when it carries its figures.
 */
export function calculatorFor(defs: Iterable<FlowDefinition>, text: string, options: readonly string[], ctx: ValidationContext): FlowDefinition | undefined {
  for (const def of defs) {
    if (!def.startsWithFacts || !(def.intents.some((i) => options.includes(i)) || def.cue?.test(text))) continue;
    if (carriesFacts(def, text, ctx, true)) return def;
  }
  return undefined;
}
