import { z } from "zod";
import { formatIssues } from "../../http/validation.js";
import { wellFormed } from "../../security/text-integrity.js";

/** Validators for everything a citizen's socket may send; nothing unvalidated reaches the service. */

export const LocaleInput = z.enum(["zh", "en"]);

export const HandshakeInput = z
  .object({
    token: z.string().min(1).max(2048).optional(),
    locale: LocaleInput.optional(),
  })
  .strip();

const QuickReplyInput = z.union([
  z.object({ intent: z.string().regex(/^[a-z]+(?:[._][a-z]+)*$/).max(80) }).strict(),
  z.object({ action: z.literal("agent") }).strict(),
  z.object({ action: z.literal("rephrase") }).strict(),
  z.object({ action: z.literal("handoff"), command: z.enum(["cancel", "leave_message"]) }).strict(),
  z
    .object({
      action: z.literal("flow"),
      command: z.enum(["start", "confirm", "edit", "cancel", "back", "yes", "no", "continue", "answer"]),
      flow: z.string().regex(/^[a-z]+(?:[._][a-z]+)*$/).max(80).optional(),
    })
    .strict(),
]);

/** Length is checked separately so that "too long" gets its own code. */
export const ChatMessageSchema = z
  .object({
    clientId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, '-' and '_'"),
    text: z.string(),
    quickReply: QuickReplyInput.optional(),
  })
  .strict();

export const FeedbackSchema = z
  .object({ messageId: z.string().min(1).max(64), rating: z.enum(["up", "down"]) })
  .strict();

export const TypingSchema = z.object({ typing: z.boolean() }).strict();

export const SurveySchema = z
  .object({
    handoffId: z.string().min(1).max(64),
    rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    // Stored as given: a lone surrogate (no UTF-8 form) becomes U+FFFD first, as in messages.
    comment: z.string().max(500, "at most 500 characters").transform(wellFormed).optional(),
  })
  .strict();

export const LocaleSchema = z.object({ locale: LocaleInput }).strict();

export function describeIssues(error: z.ZodError): string {
  return formatIssues(error.issues, "payload");
}
