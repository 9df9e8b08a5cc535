import type { Faq, Locale } from "../knowledge/faq.js";
import { faqInEffect } from "../knowledge/faq.js";
import type { Candidate } from "../nlu/engine.js";

/** The help centre's sections, in the order a citizen meets them, with their names. */
export const HELP_DOMAINS: { id: string; name: Record<Locale, string> }[] = [
  { id: "pension", name: { zh: "养老保险", en: "Pensions" } },
  { id: "medical", name: { zh: "医疗保险", en: "Medical insurance" } },
  { id: "unemployment", name: { zh: "失业保险", en: "Unemployment insurance" } },
  { id: "injury", name: { zh: "工伤保险", en: "Work-injury insurance" } },
  { id: "maternity", name: { zh: "生育保险", en: "Maternity insurance" } },
  { id: "card", name: { zh: "社保卡", en: "Social security card" } },
  { id: "payment", name: { zh: "缴费", en: "Contributions" } },
  { id: "registration", name: { zh: "参保登记", en: "Enrolment" } },
  { id: "certificate", name: { zh: "证明开具", en: "Certificates" } },
  { id: "account", name: { zh: "个人账户", en: "Personal account" } },
  { id: "service", name: { zh: "办事服务", en: "Services" } },
];

/** The FAQs a citizen can read: in effect today, not the desk's own small talk and controls. */
export function readableFaqs(faqs: Iterable<Faq>, today: string): Faq[] {
  const shown = new Set(HELP_DOMAINS.map((d) => d.id));
  return [...faqs].filter((f) => shown.has(f.domain) && faqInEffect(f, today).inEffect);
}

/** The readable FAQs grouped by section, sections in HELP_DOMAINS order, FAQs by id within. */
export function helpSections(faqs: Faq[]): { id: string; name: Record<Locale, string>; faqs: Faq[] }[] {
  return HELP_DOMAINS.map((d) => ({ ...d, faqs: faqs.filter((f) => f.domain === d.id).sort((a, b) => a.id.localeCompare(b.id)) })).filter(
    (s) => s.faqs.length > 0,
  );
}

/**
 * The FAQs a search finds, best first: those the bot's understanding ranks for the words (so
 * typos, Traditional characters and colloquial words find what the chat would answer) near the
 * best of them, then those whose questions or answer contain the words as typed.
 */
export function searchFaqs(query: string, candidates: Candidate[], faqs: Faq[], locale: Locale, limit = 8): Faq[] {
  const byIntent = new Map(faqs.map((f) => [f.intent, f]));
  const found: Faq[] = [];
  const add = (f: Faq | undefined) => {
    if (f && !found.includes(f) && found.length < limit) found.push(f);
  };
  // Those near the best only: far below it, a candidate shares a word or two, not the subject.
  const floor = Math.max(0.25, (candidates[0]?.score ?? 0) * 0.5);
  for (const c of candidates) if (c.score >= floor) add(byIntent.get(c.intent));
  const words = query.trim().toLowerCase();
  if (words.length >= 2)
    for (const f of faqs)
      if ([...f.questions[locale], f.answer[locale]].some((t) => t.toLowerCase().includes(words))) add(f);
  return found;
}
