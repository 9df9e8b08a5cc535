import { responses } from "../../../bot/responses.js";
import type { BotWords } from "../../conversation/bot-words.js";
import type { Locale } from "../../domain/locale.js";
import { intentLabel } from "../../dialog/reply.js";
import type { ReplyCatalogue } from "../../dialog/reply.js";

/** What a new follower is offered first: the questions most asked at a social-security desk. */
export const WELCOME_INTENTS = [
  "pension.benefit.calculation",
  "unemployment.apply",
  "card.lost",
  "medical.reimbursement",
  "medical.offsite.filing",
  "certificate.participation",
  "service.progress",
] as const;

/** The greeting for a new follower: what the desk does, and numbered questions to start from. */
export function welcomeWords(catalogue: ReplyCatalogue, locale: Locale): BotWords {
  const offered = WELCOME_INTENTS.filter((intent) => catalogue.faqsByIntent.has(intent));
  return {
    text: responses.wechatWelcome[locale],
    meta: {
      decision: "welcome",
      quickReplies: offered.map((intent) => ({ label: intentLabel(intent, catalogue, locale), payload: { intent } })),
    },
  };
}
