import Fastify, { type FastifyInstance } from "fastify";
import { z } from "zod";
import type { Config } from "./config.js";
import { decide } from "./dialog/decide.js";
import { renderReply, replyCatalogue } from "./dialog/reply.js";
import { defaultNluPaths, type NluSetup, setupNlu } from "./nlu/load-engine.js";

export interface App {
  http: FastifyInstance;
  nlu: NluSetup;
  close(): Promise<void>;
}

const AskBody = z
  .object({
    text: z.string().max(2000, "at most 2,000 characters"),
    locale: z.enum(["zh", "en"]).optional(),
  })
  .strict();

/**
 * The composition root: reads nothing from the environment itself (config is passed in), builds
 * every part once and wires them together.
 */
export function createApp(config: Config, log: (line: string) => void = () => {}): App {
  const nlu = setupNlu(defaultNluPaths(config.rootDir, config.dataDir), (step, done, total) =>
    log(`training the NLU model: ${step} ${done}/${total}`),
  );
  log(`NLU model ${nlu.artifact.hash} ${nlu.trained ? "trained" : "loaded"} in ${nlu.loadMs} ms`);
  const catalogue = replyCatalogue(nlu.kb.faqs, nlu.kb.intents);

  const http = Fastify({ logger: config.logLevel === "silent" ? false : { level: config.logLevel } });
  http.get("/healthz", async () => ({ status: "ok" }));
  http.get("/readyz", async () => ({ status: "ready", model: nlu.artifact.hash }));
  http.post("/api/v1/ask", async (request, reply) => {
    const parsed = AskBody.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(400).send({
        error: "BAD_REQUEST",
        message: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
      });
    }
    const understanding = nlu.engine.understand(parsed.data.text, new Date());
    const locale = parsed.data.locale ?? understanding.locale ?? "zh";
    const decision = decide(understanding);
    return { locale, decision, reply: renderReply(decision, catalogue, locale) };
  });

  return { http, nlu, close: () => http.close() };
}
