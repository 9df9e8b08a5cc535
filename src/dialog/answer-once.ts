import type { Locale } from "../domain/locale.js";
import type { Understander } from "../nlu/understander.js";
import { decide } from "./decide.js";
import { decisionOn, type ReplyCatalogue, renderReply } from "./reply.js";

/**
 * One question answered with no conversation and nothing stored: understood, decided and rendered
 * with one knowledge (the one serving, for /api/v1/ask; a draft's, for an editor's "try it").
 */
export async function answerOnce(knowledge: { understander: Understander; catalogue: ReplyCatalogue }, text: string, locale: Locale | undefined, now: Date) {
  const { understander, catalogue } = knowledge;
  const understanding = await understander.understand(text, now);
  const answerLocale = locale ?? understanding.locale ?? "zh";
  const decision = decisionOn(decide(understanding), catalogue, now);
  return { locale: answerLocale, decision, reply: renderReply(decision, catalogue, answerLocale, now), understanding };
}
