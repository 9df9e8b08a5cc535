import { fill } from "../../bot/flow-responses.js";
import { responses } from "../../bot/responses.js";
import { localDate } from "../domain/local-time.js";
import { type Faq, faqInEffect, type Locale } from "../knowledge/faq.js";
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
  /** The service's time zone: the day an FAQ's effective and expiry dates are read in. */
  timeZone: string;
}

export function replyCatalogue(faqs: Faq[], intents: IntentInfo[], labels: IntentLabels = new Map(), timeZone = "Asia/Shanghai"): ReplyCatalogue {
  const faqsByIntent = new Map<string, Faq>();
  for (const f of faqs) if (!faqsByIntent.has(f.intent)) faqsByIntent.set(f.intent, f);
  return { faqsByIntent, faqsById: new Map(faqs.map((f) => [f.id, f])), intents: new Map(intents.map((i) => [i.id, i])), labels, timeZone };
}

/** The FAQ a choice names: by its own id when the understanding gave one, else its intent's. */
export function faqFor(choice: Choice, cat: ReplyCatalogue): Faq | undefined {
  return (choice.faqId && cat.faqsById.get(choice.faqId)) || cat.faqsByIntent.get(choice.intent);
}

/** Whether a choice may be offered on `today`: it names no FAQ (the reply decides), or one in effect. */
const offeredOn = (choice: Choice, cat: ReplyCatalogue, today: string) => {
  const faq = faqFor(choice, cat);
  return !faq || faqInEffect(faq, today).inEffect;
};

/**
 * The decision as it stands on `now`: an answer whose FAQ is not in effect that day (its effective
 * day still to come, or its expiry day passed) becomes a fallback that says so; buttons for such
 * FAQs are not offered. Pure.
 */
export function decisionOn(decision: Decision, cat: ReplyCatalogue, now: Date): Decision {
  const today = localDate(now, cat.timeZone);
  const inEffect = (c: Choice) => offeredOn(c, cat, today);
  if (decision.kind === "answer" && decision.action === "faq") {
    const faq = faqFor(decision, cat);
    const state = faq ? faqInEffect(faq, today) : { inEffect: true as const };
    if (state.inEffect) return decision;
    const { inEffect: _no, ...dates } = state;
    return { kind: "fallback", reason: "not_in_effect", intent: decision.intent, ...dates, related: [], confidence: decision.confidence };
  }
  if (decision.kind === "clarify") {
    const options = decision.options.filter(inEffect);
    return options.length > 0 ? { ...decision, options } : { kind: "fallback", reason: "low_confidence", related: [], confidence: decision.confidence };
  }
  if (decision.kind === "fallback") return { ...decision, related: decision.related.filter(inEffect) };
  return decision;
}

/** An intent's name on a button in the citizen's language: its label, else the taxonomy's description. */
export function intentLabel(intent: string, cat: ReplyCatalogue, locale: Locale): string {
  return cat.labels.get(intent)?.[locale] ?? cat.intents.get(intent)?.[locale] ?? intent;
}

const optionLabel = (c: Choice, cat: ReplyCatalogue, locale: Locale) => intentLabel(c.intent, cat, locale);

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2027-01-01" as people write it: 2027年1月1日, 1 January 2027. */
function dayInWords(day: string, locale: Locale): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return locale === "zh" ? `${y}年${m}月${d}日` : `${d} ${MONTHS[m - 1]} ${y}`;
}

/** Words a decision for the citizen, in their locale, with buttons where they help. */
export function renderReply(decision: Decision, cat: ReplyCatalogue, locale: Locale, now: Date): Reply {
  const agent: QuickReply = { label: responses.talkToAgent[locale], payload: { action: "agent" } };
  if (decision.kind === "answer") {
    const faq = faqFor(decision, cat);
    if (!faq) return { text: responses.lowConfidence[locale], quickReplies: [agent] };
    const today = localDate(now, cat.timeZone);
    const related = faq.related.filter((r) => cat.faqsByIntent.has(r) && offeredOn({ intent: r }, cat, today)).slice(0, 3);
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
  if (decision.reason === "not_in_effect") {
    const day = decision.effective ?? decision.expired ?? "";
    const words = decision.effective ? responses.notYetInEffect : responses.noLongerInEffect;
    return { text: fill(words[locale], { topic: intentLabel(decision.intent, cat, locale), date: dayInWords(day, locale) }), quickReplies: [agent], intent: decision.intent };
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
