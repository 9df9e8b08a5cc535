import { faqFor } from "../dialog/reply.js";
import type { Locale } from "../domain/locale.js";
import type { Knowledge } from "./active-knowledge.js";

export interface FaqHit {
  faqId: string;
  question: string;
  answer: string;
  score: number;
}

/**
 * The knowledge base as an agent searches it: the understanding engine's best FAQs for the words,
 * one per FAQ, in the agent's language, at most `limit`.
 */
export async function searchFaqs(knowledge: Knowledge, query: string, locale: Locale, now: Date, limit = 5): Promise<FaqHit[]> {
  const understanding = await knowledge.understander.understand(query, now);
  const { catalogue } = knowledge;
  const seen = new Set<string>();
  const results: FaqHit[] = [];
  for (const c of understanding.candidates) {
    const faq = faqFor(c, catalogue);
    if (!faq || seen.has(faq.id)) continue;
    seen.add(faq.id);
    results.push({
      faqId: faq.id,
      question: faq.questions[locale][0] ?? faq.id,
      answer: faq.answer[locale].trim(),
      score: Math.round(c.score * 1000) / 1000,
    });
    if (results.length >= limit) break;
  }
  return results;
}
