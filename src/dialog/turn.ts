import { handoffResponses, responses } from "../../bot/responses.js";
import type { Locale } from "../domain/locale.js";
import type { QuickReplyPayload } from "../domain/message.js";
import type { Understanding } from "../nlu/engine.js";
import type { MessageMeta } from "../storage/ports.js";
import { type Decision, decide } from "./decide.js";
import { decisionOn, type ReplyCatalogue, renderReply } from "./reply.js";

export interface BotTurn {
  text: string;
  locale: Locale;
  meta: MessageMeta;
  decision: Decision;
}

export interface TurnInput {
  text: string;
  quickReply?: QuickReplyPayload;
  /** The conversation's language, used when the message itself does not show one. */
  locale: Locale;
  now: Date;
}

/**
 * The bot's answer to one citizen message: a pressed button answers its intent directly;
 * typed text goes through understand + decide. The reply follows the language of the message,
 * or the conversation's when the message has no letters (digits, emoji). `understand` is asked
 * only when the message needs it.
 */
export async function botTurn(
  input: TurnInput,
  understand: () => Promise<Understanding>,
  catalogue: ReplyCatalogue,
): Promise<BotTurn> {
  if (input.quickReply && "action" in input.quickReply && input.quickReply.action === "rephrase") {
    const decision: Decision = { kind: "fallback", reason: "low_confidence", related: [], confidence: 0 };
    return {
      text: responses.rephrase[input.locale],
      locale: input.locale,
      meta: { decision: "rephrase", quickReplies: [{ label: responses.talkToAgent[input.locale], payload: { action: "agent" } }] },
      decision,
    };
  }
  if (input.quickReply && "action" in input.quickReply && input.quickReply.action === "agent") {
    const decision: Decision = { kind: "answer", action: "handoff", intent: "agent.request", confidence: 1 };
    return { text: handoffResponses.connecting[input.locale], locale: input.locale, meta: { intent: "agent.request", decision: "handoff" }, decision };
  }
  let decision: Decision;
  let locale = input.locale;
  const pressed = input.quickReply && "intent" in input.quickReply ? input.quickReply.intent : undefined;
  if (pressed && catalogue.faqsByIntent.has(pressed)) {
    const faq = catalogue.faqsByIntent.get(pressed);
    decision = { kind: "answer", action: "faq", intent: pressed, ...(faq ? { faqId: faq.id } : {}), confidence: 1 };
  } else {
    const u = await understand();
    locale = u.locale ?? input.locale;
    decision = decide(u);
  }
  // An FAQ answers only while it is in effect (its effective and expiry days).
  decision = decisionOn(decision, catalogue, input.now);
  const reply = renderReply(decision, catalogue, locale, input.now);
  const text = decision.kind === "answer" && decision.action === "handoff" && decision.intent === "agent.request"
    ? handoffResponses.connecting[locale]
    : reply.text;
  return {
    text,
    locale,
    decision,
    meta: {
      ...(reply.quickReplies.length > 0 ? { quickReplies: reply.quickReplies } : {}),
      ...(reply.faqId ? { faqId: reply.faqId } : {}),
      ...(reply.intent ? { intent: reply.intent } : {}),
      decision: decision.kind === "answer" ? decision.action : decision.kind,
      confidence: Math.round(decision.confidence * 1000) / 1000,
    },
  };
}
