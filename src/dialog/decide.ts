import { type DialogPolicy, dialogPolicy, intentActions } from "../../bot/policy.js";
import { type Candidate, OUT_OF_SCOPE, type Understanding } from "../nlu/engine.js";

export interface Choice {
  intent: string;
  faqId?: string;
}

/**
 * What the bot does with one message. The chat, the eval command and the simulator all call
 * `decide`, so the figures measured are the behaviour citizens get.
 */
export type Decision =
  | { kind: "answer"; action: "faq" | "smalltalk" | "handoff"; intent: string; faqId?: string; confidence: number }
  | { kind: "clarify"; options: Choice[]; confidence: number }
  | { kind: "fallback"; reason: "out_of_scope" | "low_confidence" | "empty"; related: Choice[]; confidence: number }
  /** Understood, but its FAQ is not in effect today (not yet, or no longer): the turn says so (turn.ts). */
  | { kind: "fallback"; reason: "not_in_effect"; intent: string; effective?: string; expired?: string; related: Choice[]; confidence: number };

const choice = (c: Candidate): Choice => (c.faqId ? { intent: c.intent, faqId: c.faqId } : { intent: c.intent });

/**
 * Answer when the calibrated confidence is high, clarify between the close top candidates when
 * it is middling, fall back (with related FAQs and the offer of an agent) otherwise or when the
 * message is out of scope. Precision first: a wrong confident answer is worse than a question.
 */
export function decide(u: Understanding, policy: DialogPolicy = dialogPolicy): Decision {
  const inScope = u.candidates.filter((c) => c.intent !== OUT_OF_SCOPE);
  const related = inScope.slice(0, policy.clarifyOptions).map(choice);
  const top = u.candidates[0];
  if (!top) return { kind: "fallback", reason: "empty", related: [], confidence: 0 };
  if (u.topic) {
    // A bare topic (社保卡) is a request for the menu, not for the likeliest single answer.
    const rank = new Map(u.candidates.map((c, i) => [c.intent, i]));
    const options = [...u.topic.intents].sort((a, b) => (rank.get(a) ?? 99) - (rank.get(b) ?? 99));
    return { kind: "clarify", options: options.map((intent) => ({ intent })), confidence: u.confidence };
  }
  if (u.outOfScope) {
    return { kind: "fallback", reason: "out_of_scope", related: [], confidence: u.confidence };
  }
  if (u.confidence >= policy.answerAt) {
    return {
      kind: "answer",
      action: intentActions[top.intent] ?? "faq",
      intent: top.intent,
      ...(top.faqId ? { faqId: top.faqId } : {}),
      confidence: u.confidence,
    };
  }
  if (u.confidence >= policy.clarifyAt) {
    // One close candidate becomes a "did you mean ...?" confirmation; several become a choice.
    const options = inScope.filter((c) => c.score >= top.score * policy.clarifyShare).slice(0, policy.clarifyOptions);
    if (options.length >= 1) return { kind: "clarify", options: options.map(choice), confidence: u.confidence };
  }
  return { kind: "fallback", reason: "low_confidence", related, confidence: u.confidence };
}
