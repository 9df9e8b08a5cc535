/**
 * How often a person is brought in, by intent and by reason: where the bot falls short (an intent
 * handed off often needs a better answer) and why (asked for, complaint, two misses, sensitive).
 */
import type { HandoffRecord } from "../storage/handoff-ports.js";
import { type DeskLog, type Ratio, ratio } from "./desk-log.js";
import { type Grouped, type Grouping, NO_KEY, splitBy } from "./grouping.js";
import { handoffFact } from "./handoff-facts.js";
import { type Question, readQuestions } from "./questions.js";


export interface HandoffRate {
  /** Handoffs / questions to the bot (E's questions): handoffs per question asked. */
  perQuestion: Ratio;
  /**
   * Per intent (the last one the bot recognised on the handoff, "(none)" if none): handoffs of
   * that intent / questions answered with that intent. A handoff with no question of its intent
   * ("agent.request" when the citizen asked for a person first) has a null value and its count.
   */
  byIntent: Record<string, Ratio>;
  /** Per reason: handoffs with it / all handoffs. */
  byReason: Record<string, Ratio>;
}

/** Handoff rates over the log, grouped (by arrival / question time, domain or channel) when asked. */
export function handoffRate(log: DeskLog, grouping?: Grouping): Grouped<HandoffRate> {
  const { questions } = readQuestions(log);
  const all = rateOver(log.handoffs, questions);
  if (!grouping) return { all };
  const handoffGroups = splitBy(log.handoffs, handoffFact, grouping, log);
  const questionGroups = splitBy(questions, (q) => q, grouping, log);
  const keys = [...new Set([...handoffGroups.keys(), ...questionGroups.keys()])].sort();
  const groups: Record<string, HandoffRate> = {};
  for (const key of keys) {
    groups[key] = rateOver(handoffGroups.get(key) ?? [], questionGroups.get(key) ?? []);
  }
  return { all, groups };
}

function countBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item) ?? NO_KEY;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function rateOver(handoffs: readonly HandoffRecord[], questions: readonly Question[]): HandoffRate {
  const questionsByIntent = countBy(questions, (q) => q.intent);
  const sorted = <V>(m: ReadonlyMap<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    perQuestion: ratio(handoffs.length, questions.length),
    byIntent: Object.fromEntries(
      sorted(countBy(handoffs, (h) => h.intent)).map(([k, n]) => [k, ratio(n, questionsByIntent.get(k) ?? 0)]),
    ),
    byReason: Object.fromEntries(sorted(countBy(handoffs, (h) => h.reason)).map(([k, n]) => [k, ratio(n, handoffs.length)])),
  };
}
