import { fill } from "../../bot/flow-responses.js";
import { responses } from "../../bot/responses.js";
import type { Faq, Locale } from "../knowledge/faq.js";
import type { IntentInfo } from "../knowledge/load.js";
import type { Choice, Decision } from "./decide.js";
import type { IntentLabels } from "./intent-labels.js";

export interface QuickReply {
  /** What the button shows. */
  label: string;
  /** What it sends back: an intent to answer, or a control action. */
  payload: { intent: string } | { action: "agent" } | { action: "rephrase" };
}

export interface Reply {
  text: string;
  quickReplies: QuickReply[];
  /** The FAQ answered, for feedback (thumbs up/down) and figures. */
  faqId?: string;
  intent?: string;
}

/** What the bot can read about intents and FAQs when it words a reply. */
export interface ReplyCatalogue {
  faqsByIntent: Map<string, Faq>;
  faqsById: Map<string, Faq>;
  intents: Map<string, IntentInfo>;
  /** Each intent's short name for buttons, per language (bot/intent-labels.tsv). */
  labels: IntentLabels;
}

export function replyCatalogue(faqs: Faq[], intents: IntentInfo[], labels: IntentLabels = new Map()): ReplyCatalogue {
  const faqsByIntent = new Map<string, Faq>();
  for (const f of faqs) if (!faqsByIntent.has(f.intent)) faqsByIntent.set(f.intent, f);
  return { faqsByIntent, faqsById: new Map(faqs.map((f) => [f.id, f])), intents: new Map(intents.map((i) => [i.id, i])), labels };
}

/** An intent's name on a button in the citizen's language: its label, else the taxonomy's description. */
export function intentLabel(intent: string, cat: ReplyCatalogue, locale: Locale): string {
  return cat.labels.get(intent)?.[locale] ?? cat.intents.get(intent)?.[locale] ?? intent;
}

const optionLabel = (c: Choice, cat: ReplyCatalogue, locale: Locale) => intentLabel(c.intent, cat, locale);

/** Words a decision for the citizen, in their locale, with buttons where they help. */
export function renderReply(decision: Decision, cat: ReplyCatalogue, locale: Locale): Reply {
  const agent: QuickReply = { label: responses.talkToAgent[locale], payload: { action: "agent" } };
  if (decision.kind === "answer") {
    const faq = (decision.faqId && cat.faqsById.get(decision.faqId)) || cat.faqsByIntent.get(decision.intent);
    if (!faq) return { text: responses.lowConfidence[locale], quickReplies: [agent] };
    const related = faq.related.filter((r) => cat.faqsByIntent.has(r)).slice(0, 3);
    return {
      text: faq.answer[locale].trim(),
      quickReplies: related.map((intent) => ({ label: optionLabel({ intent }, cat, locale), payload: { intent } })),
      faqId: faq.id,
      intent: faq.intent,
    };
  }
  if (decision.kind === "clarify" && decision.options.length === 1) {
    // One close candidate is not a choice: ask whether it is the one, and let "no" say so.
    const [only] = decision.options as [Choice];
    return {
      text: fill(responses.confirm[locale], { topic: optionLabel(only, cat, locale) }),
      quickReplies: [
        { label: responses.confirmYes[locale], payload: { intent: only.intent } },
        { label: responses.confirmNo[locale], payload: { action: "rephrase" } },
        agent,
      ],
    };
  }
  if (decision.kind === "clarify") {
    return {
      text: responses.clarify[locale],
      quickReplies: [
        ...decision.options.map((o) => ({ label: optionLabel(o, cat, locale), payload: { intent: o.intent } })),
        agent,
      ],
    };
  }
  if (decision.reason === "empty") return { text: responses.empty[locale], quickReplies: [] };
  if (decision.reason === "out_of_scope") return { text: responses.outOfScope[locale], quickReplies: [agent] };
  return {
    text: responses.lowConfidence[locale],
    quickReplies: [
      ...decision.related.map((o) => ({ label: optionLabel(o, cat, locale), payload: { intent: o.intent } })),
      agent,
    ],
  };
}
