import { sensitiveTopics } from "../../bot/policy.js";
import type { MessageDecision } from "../domain/decision.js";
import type { Decision } from "./decide.js";

export type HandoffReason = "explicit" | "complaint" | "repeated_fallback" | "sensitive_low_confidence";

/** What the bot decided for the previous messages of this conversation, most recent first. */
export type RecentDecisions = readonly (MessageDecision | undefined)[];

// "rephrase": the citizen said a "did you mean…?" missed; the next miss is the second in a row.
const FALLBACKS: ReadonlySet<MessageDecision | undefined> = new Set<MessageDecision>(["fallback", "rephrase"]);

/**
 * Whether this turn should bring in a person, and why: an explicit request, a complaint, a second
 * fallback in a row, or a middling guess on a sensitive topic. Pure: the caller passes what the
 * bot decided just before. (A flow given up is offered an agent by the flow runner itself.)
 */
export function handoffReason(decision: Decision, recent: RecentDecisions): HandoffReason | undefined {
  if (decision.kind === "answer" && decision.action === "handoff") {
    return decision.intent === "complaint" ? "complaint" : "explicit";
  }
  if (decision.kind === "fallback" && decision.reason !== "empty" && FALLBACKS.has(recent[0])) {
    return "repeated_fallback";
  }
  if (decision.kind === "clarify" || (decision.kind === "fallback" && decision.reason === "low_confidence")) {
    const top = decision.kind === "clarify" ? decision.options[0]?.intent : decision.related[0]?.intent;
    if (top && sensitiveTopics.some((t) => top.startsWith(t))) return "sensitive_low_confidence";
  }
  return undefined;
}
