import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askPlugin } from "../../src/channels/ask-plugin.js";
import { decide } from "../../src/dialog/decide.js";
import { loadIntentLabels } from "../../src/dialog/intent-labels.js";
import { renderReply, replyCatalogue } from "../../src/dialog/reply.js";
import { errorHandler } from "../../src/http/errors.js";
import { ActiveKnowledge } from "../../src/publishing/active-knowledge.js";
import { InProcessUnderstander } from "../../src/nlu/understander.js";
import { projectRoot, realNlu } from "../testing/nlu.js";

const NOW = new Date("2026-11-28T04:00:00Z");
const { kb, engine } = realNlu();
const catalogue = replyCatalogue(
  kb.faqs,
  kb.intents,
  loadIntentLabels(join(projectRoot, "bot", "intent-labels.tsv"), kb.intents),
);

const knowledge = new ActiveKnowledge({ hash: "test", version: 1, understander: new InProcessUnderstander(engine), catalogue });
let http: FastifyInstance;
beforeAll(async () => {
  http = Fastify();
  http.setErrorHandler(errorHandler());
  await http.register(askPlugin, { knowledge, clock: () => NOW });
  await http.ready();
});
afterAll(async () => {
  await http.close();
});

const ask = (payload: unknown) => http.inject({ method: "POST", url: "/api/v1/ask", payload: payload as object });

describe("POST /api/v1/ask", () => {
  it("answers with the locale, the decision and the reply the chat would give", async () => {
    const response = await ask({ text: "失业金怎么领" });
    expect(response.statusCode).toBe(200);
    const understanding = engine.understand("失业金怎么领", NOW);
    const decision = decide(understanding);
    expect(response.json()).toEqual(JSON.parse(JSON.stringify({ locale: "zh", decision, reply: renderReply(decision, catalogue, "zh", NOW) })));
  });

  it("replies in the locale asked for", async () => {
    expect((await ask({ text: "失业金怎么领", locale: "en" })).json().locale).toBe("en");
  });

  it.each([
    [{ text: "x".repeat(2001) }, "text: at most 2,000 characters"],
    [{ text: "hi", extra: 1 }, 'body: Unrecognized key: "extra"'],
    [{ locale: "fr" }, "text: Invalid input: expected string, received undefined"],
  ])("refuses %j with 400 BAD_REQUEST", async (payload, message) => {
    const response = await ask(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: "BAD_REQUEST" });
    expect(response.json().message).toContain(message);
  });

  it("answers from the knowledge active when the question comes: a publication swaps model and answers at once", async () => {
    const before = (await ask({ text: "失业金怎么领" })).json();
    const faq = catalogue.faqsByIntent.get(before.decision.intent);
    expect(faq).toBeDefined();
    const edited = { ...faq!, answer: { zh: "（已更新）新的办理方式。", en: "(updated) The new way." } };
    const republished = replyCatalogue(
      kb.faqs.map((f) => (f.id === faq!.id ? edited : f)),
      kb.intents,
      catalogue.labels,
    );
    const previous = knowledge.swap({ hash: "test-2", version: 2, understander: knowledge.current().understander, catalogue: republished });
    try {
      const after = (await ask({ text: "失业金怎么领" })).json();
      expect(after.reply.text).toContain("（已更新）新的办理方式。");
      expect(before.reply.text).not.toContain("已更新");
    } finally {
      knowledge.swap(previous);
    }
  });
});
