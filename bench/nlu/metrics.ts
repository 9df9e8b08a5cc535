import type { Decision } from "../../src/dialog/decide.js";

export interface EvalItem {
  text: string;
  intent: string;
  lang?: string;
}

export interface EvalOutcome {
  item: EvalItem;
  decision: Decision;
  ms: number;
}

/** The intent a decision amounts to: the answer, the first clarification option, or `none`. */
export function predictedIntent(d: Decision): string {
  if (d.kind === "answer") return d.intent;
  if (d.kind === "clarify") return d.options[0]?.intent ?? "none";
  return "none";
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export interface Summary {
  n: number;
  accuracy: number;
  in_scope_accuracy: number;
  oos_precision: number;
  oos_recall: number;
  oos_f1: number;
  answer_coverage: number;
  answer_precision: number;
  clarify_rate: number;
  fallback_rate: number;
  p50_ms: number;
  p99_ms: number;
}

/** Figures over a set of outcomes; `none` is the out-of-scope label. */
export function summarise(outcomes: EvalOutcome[]): Summary {
  let correct = 0;
  let inScope = 0;
  let inScopeCorrect = 0;
  let predNone = 0;
  let trueNone = 0;
  let bothNone = 0;
  let answeredInScope = 0;
  let answers = 0;
  let answersRight = 0;
  let clarify = 0;
  let fallback = 0;
  for (const { item, decision } of outcomes) {
    const predicted = predictedIntent(decision);
    const expectedNone = item.intent === "none";
    if (predicted === item.intent) correct++;
    if (!expectedNone) {
      inScope++;
      if (predicted === item.intent) inScopeCorrect++;
      if (decision.kind === "answer") answeredInScope++;
    }
    if (predicted === "none") predNone++;
    if (expectedNone) trueNone++;
    if (expectedNone && predicted === "none") bothNone++;
    if (decision.kind === "answer") {
      answers++;
      if (decision.intent === item.intent) answersRight++;
    }
    if (decision.kind === "clarify") clarify++;
    if (decision.kind === "fallback") fallback++;
  }
  const p = ratio(bothNone, predNone);
  const r = ratio(bothNone, trueNone);
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  return {
    n: outcomes.length,
    accuracy: round(ratio(correct, outcomes.length)),
    in_scope_accuracy: round(ratio(inScopeCorrect, inScope)),
    oos_precision: round(p),
    oos_recall: round(r),
    oos_f1: round(p + r === 0 ? 0 : (2 * p * r) / (p + r)),
    answer_coverage: round(ratio(answeredInScope, inScope)),
    answer_precision: round(ratio(answersRight, answers)),
    clarify_rate: round(ratio(clarify, outcomes.length)),
    fallback_rate: round(ratio(fallback, outcomes.length)),
    p50_ms: round(percentile(ms, 50), 3),
    p99_ms: round(percentile(ms, 99), 3),
  };
}
