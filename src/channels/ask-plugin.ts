import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { parseBody } from "../http/validation.js";
import type { KnowledgeSource } from "../publishing/active-knowledge.js";
import { decide } from "../dialog/decide.js";
import { decisionOn, renderReply } from "../dialog/reply.js";

export interface AskPluginOptions {
  /** The model and answers active when each question comes. */
  knowledge: KnowledgeSource;
  /** The time a question is understood at (dates like 下个月 are relative to it). */
  clock: () => Date;
}

const AskBody = z
  .object({ text: z.string().max(2000, "at most 2,000 characters"), locale: z.enum(["zh", "en"]).optional() })
  .strict();

/**
 * POST /api/v1/ask {text, locale?}: the decision and reply for one question, with no conversation
 * and nothing stored. A body that does not fit is answered 400 BAD_REQUEST by the app's error handler.
 */
export async function askPlugin(fastify: FastifyInstance, options: AskPluginOptions): Promise<void> {
  fastify.post("/api/v1/ask", async (request) => {
    const body = parseBody(AskBody, request.body);
    const { understander, catalogue } = options.knowledge.current();
    const now = options.clock();
    const understanding = await understander.understand(body.text, now);
    const locale = body.locale ?? understanding.locale ?? "zh";
    const decision = decisionOn(decide(understanding), catalogue, now);
    return { locale, decision, reply: renderReply(decision, catalogue, locale, now) };
  });
}
