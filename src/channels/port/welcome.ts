import type { BotWords } from "../../conversation/bot-words.js";
import type { Locale } from "../../domain/locale.js";
import { intentLabel } from "../../dialog/reply.js";
import type { ReplyCatalogue } from "../../dialog/reply.js";

/** What a new citizen is offered first: the questions most asked at a social-security desk. */
export const WELCOME_INTENTS = [
  "pension.benefit.calculation",
  "unemployment.apply",
  "card.lost",
  "medical.reimbursement",
  "medical.offsite.filing",
  "certificate.participation",
  "service.progress",
] as const;

/**
 * The bot speaking first on a channel where the citizen has not asked anything yet (a new WeChat
 * follower, a Bot Framework conversation opened): the channel's greeting, and the most asked
 * questions to start from (buttons, or numbered choices where the channel has none).
 */
export function welcomeWords(catalogue: ReplyCatalogue, locale: Locale, greeting: Record<Locale, string>): BotWords {
  const offered = WELCOME_INTENTS.filter((intent) => catalogue.faqsByIntent.has(intent));
  return {
    text: greeting[locale],
    meta: {
      decision: "welcome",
      quickReplies: offered.map((intent) => ({ label: intentLabel(intent, catalogue, locale), payload: { intent } })),
    },
  };
}
