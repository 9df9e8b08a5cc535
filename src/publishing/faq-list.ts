import { type Faq, faqInEffect } from "../knowledge/faq.js";
import type { FaqRow, FaqStatus } from "../protocol/knowledge-views.js";

export type { FaqRow, FaqStatus };

export interface FaqFilter {
  /** Words to find in its id, intent, questions, answer or legal basis (any case). */
  q?: string;
  domain?: string;
  status?: FaqStatus;
  /** Look for `q` only in this language's questions and answer. */
  lang?: "zh" | "en";
}

export function faqStatus(faq: Faq, today: string): FaqStatus {
  const state = faqInEffect(faq, today);
  return state.inEffect ? "in_effect" : state.effective ? "not_yet" : "expired";
}

/** The editors' list: the FAQs a filter keeps, by domain then id. Pure. */
export function listFaqs(faqs: readonly Faq[], files: ReadonlyMap<string, string>, filter: FaqFilter, today: string): FaqRow[] {
  const q = filter.q?.trim().toLowerCase();
  const texts = (f: Faq): string[] => {
    const langs = filter.lang ? [filter.lang] : (["zh", "en"] as const);
    return [f.id, f.intent, ...f.legalBasis, ...langs.flatMap((l) => [...f.questions[l], f.answer[l]])];
  };
  return faqs
    .filter((f) => !filter.domain || f.domain === filter.domain)
    .filter((f) => !filter.status || faqStatus(f, today) === filter.status)
    .filter((f) => !q || texts(f).some((t) => t.toLowerCase().includes(q)))
    .map((f) => ({
      id: f.id,
      intent: f.intent,
      domain: f.domain,
      file: files.get(f.id) ?? "",
      question: { zh: f.questions.zh[0] ?? "", en: f.questions.en[0] ?? "" },
      variants: { zh: f.questions.zh.length, en: f.questions.en.length },
      status: faqStatus(f, today),
      effective: f.effective ?? null,
      expires: f.expires ?? null,
      flow: f.flow ?? null,
    }))
    .sort((a, b) => a.domain.localeCompare(b.domain) || a.id.localeCompare(b.id));
}
