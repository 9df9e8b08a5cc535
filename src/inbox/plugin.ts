import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AuditLog } from "../audit/audit-log.js";
import { utcOffsetMinutes } from "../domain/local-time.js";
import { parseBody } from "../http/validation.js";
import type { KnowledgeSource } from "../publishing/active-knowledge.js";
import { maskPersonalData } from "../security/masking.js";
import { auditDone, guardedRoutes, type staffGuard } from "../staff/guard.js";
import { HANDLED_HOW, type MessageStore, UNANSWERED_REASONS, type UnansweredQuestionStore } from "../storage/ports.js";
import { answerFeedback } from "./answer-feedback.js";
import { InboxError } from "./errors.js";
import { groupQuestions } from "./grouping.js";

export interface InboxPluginOptions {
  allowed: ReturnType<typeof staffGuard>;
  audit: AuditLog;
  questions: UnansweredQuestionStore;
  messages: MessageStore;
  /** The knowledge serving now: which FAQ answers each guessed intent, and which FAQs exist. */
  knowledge: KnowledgeSource;
  clock: () => Date;
  timeZone: string;
}

const DAY_MS = 86_400_000;
/** The inbox looks back this far unless asked otherwise. */
export const DEFAULT_DAYS = 30;
/** And never further: every read is bounded by its window. */
const MAX_DAYS = 366;
/**
 * Questions grouped per request. Grouping is O(n²) on the event loop: 500 take about 35 ms, 2,000
 * about 220 ms once warm, time every chat on this instance would wait.
 */
const DEFAULT_QUESTIONS = 500;
const MAX_QUESTIONS = 1000;

/** A day (YYYY-MM-DD, from its start in the service's time zone) or a moment with its offset. */
const Since = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional();
const FaqId = z.string().max(100).regex(/^[a-z0-9][a-z0-9.-]*$/, "an FAQ id");

const InboxQuery = z
  .object({
    since: Since,
    reason: z.enum(UNANSWERED_REASONS).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_QUESTIONS).default(DEFAULT_QUESTIONS),
  })
  .strict();
const FeedbackQuery = z.object({ since: Since }).strict();
const HandledBody = z
  .object({
    messageIds: z.array(z.string().min(1).max(100)).min(1).max(MAX_QUESTIONS),
    how: z.enum(HANDLED_HOW),
    // An FAQ added to must be served; a new one may still be in a draft, so it is taken as given.
    faqId: FaqId.optional(),
    /** The group they were in, for the audit record. */
    key: z.string().min(1).max(100).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.how === "added_to_faq" && !body.faqId) ctx.addIssue({ code: "custom", path: ["faqId"], message: "required when how is added_to_faq" });
    if (body.how === "dismissed" && body.faqId) ctx.addIssue({ code: "custom", path: ["faqId"], message: "not with how dismissed" });
  });
const FlagBody = z.object({ messageId: z.string().min(1).max(100), note: z.string().trim().max(500).optional() }).strict();

/**
 * The editors' inbox and the agents' flags: the questions the bot did not answer well, grouped
 * (src/inbox/grouping.ts), marked handled once an editor acted on them; the agents' "the bot should
 * know this"; and how each FAQ's answers were received. Role checks from the one table
 * (src/access/permissions.ts); marks and flags are audited.
 */
export async function inboxPlugin(fastify: FastifyInstance, options: InboxPluginOptions): Promise<void> {
  const { questions, messages, audit } = options;
  const route = guardedRoutes(fastify, options.allowed);
  // A request that does not fit its schema: 400 INBOX_BAD_INPUT naming every problem, nothing changed.
  const parse = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => parseBody(schema, input, "INBOX_BAD_INPUT");

  /** The window's start as stored times read it (ISO, UTC). */
  const windowStart = (since: string | undefined): string => {
    const now = options.clock();
    if (since === undefined) return new Date(now.getTime() - DEFAULT_DAYS * DAY_MS).toISOString();
    let at = new Date(since);
    if (/^\d{4}-\d{2}-\d{2}$/.test(since)) at = new Date(at.getTime() - utcOffsetMinutes(options.timeZone, at) * 60_000);
    if (at.getTime() > now.getTime()) throw new InboxError("INBOX_BAD_INPUT", "since: in the future");
    if (now.getTime() - at.getTime() > MAX_DAYS * DAY_MS) throw new InboxError("INBOX_BAD_INPUT", `since: at most ${MAX_DAYS} days back`);
    return at.toISOString();
  };

  route("GET /api/v1/knowledge/inbox", async (request) => {
    const query = parse(InboxQuery, request.query);
    const since = windowStart(query.since);
    const found = await questions.unanswered({ since, limit: query.limit });
    const reason = query.reason;
    const chosen = reason ? found.filter((q) => q.reasons.includes(reason)) : found;
    const { faqsByIntent } = options.knowledge.current().catalogue;
    const groups = groupQuestions(chosen).map((g) => ({
      ...g,
      intents: g.intents.map((i) => ({ ...i, faqId: faqsByIntent.get(i.intent)?.id ?? null })),
    }));
    // Truncated: the window held more questions than were read; the oldest were left out.
    return { since, limit: query.limit, truncated: found.length >= query.limit, questions: chosen.length, groups };
  });

  route("POST /api/v1/knowledge/inbox/handled", async (request, _reply, staff) => {
    const body = parse(HandledBody, request.body);
    const ids = [...new Set(body.messageIds)];
    if (body.how === "added_to_faq" && body.faqId && !options.knowledge.current().catalogue.faqsById.has(body.faqId)) {
      throw new InboxError("INBOX_BAD_INPUT", `faqId: no FAQ ${body.faqId}`);
    }
    const found = await Promise.all(ids.map((id) => messages.get(id)));
    const unknown = ids.filter((_, i) => found[i]?.role !== "citizen");
    if (unknown.length > 0) throw new InboxError("INBOX_BAD_INPUT", `messageIds: not a citizen's message: ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? "…" : ""}`);
    const at = options.clock().toISOString();
    const marked = await questions.markHandled(ids.map((messageId) => ({ messageId, by: staff.id, how: body.how, faqId: body.faqId ?? null, at })));
    await auditDone(audit, staff, "knowledge.edit", body.faqId ?? null, {
      inbox: body.how,
      questions: String(marked),
      ...(body.key ? { group: body.key } : {}),
    });
    return { marked, alreadyHandled: ids.length - marked };
  });

  route("GET /api/v1/knowledge/answer-feedback", async (request) => {
    const since = windowStart(parse(FeedbackQuery, request.query).since);
    return { since, faqs: answerFeedback(await questions.answerFeedback(since)) };
  });

  // An agent says the bot should know this: only of a citizen's words in a conversation they had.
  route("POST /api/v1/knowledge/flags", async (request, reply, staff) => {
    const body = parse(FlagBody, request.body);
    const message = await messages.get(body.messageId);
    if (message?.role !== "citizen") throw new InboxError("INBOX_NOT_FOUND");
    if (!(await questions.agentTookPart(message.conversationId, staff.id))) throw new InboxError("INBOX_NOT_YOUR_CHAT");
    // The note is the agent's words about a citizen: a number typed into it is masked like theirs.
    const note = maskPersonalData(body.note ?? "").masked;
    const flag = { messageId: message.id, agentId: staff.id, note, at: options.clock().toISOString() };
    const first = await questions.flag(flag);
    await auditDone(audit, staff, "knowledge.flag", message.id, note ? { note } : {});
    return reply.code(first ? 201 : 200).send({ flag: { messageId: flag.messageId, note: flag.note, at: flag.at }, first });
  });
}
