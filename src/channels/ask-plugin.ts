import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { parseBody } from "../http/validation.js";
import type { KnowledgeSource } from "../publishing/active-knowledge.js";
import { answerOnce } from "../dialog/answer-once.js";

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
    const { locale, decision, reply } = await answerOnce(options.knowledge.current(), body.text, body.locale, options.clock());
    return { locale, decision, reply };
  });
}
