import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";
import { storedReplies } from "../testing/stored-replies.js";

let server: TestServer;
const clients: ChatClient[] = [];
beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_STAFF: "false" } });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
  server.cleanup();
});

const conversation = (locale: "zh" | "en" = "zh") => storedReplies(server, clients, locale);

describe("follow-up questions in context, in a real chat", () => {
  it("answers 要什么材料 about the card just asked about, and says it read it in context", async () => {
    const ask = await conversation();
    expect((await ask("社保卡怎么办理")).meta).toMatchObject({ decision: "faq", intent: "card.apply" });
    const followUp = await ask("要什么材料");
    expect(followUp.meta).toMatchObject({ decision: "faq", intent: "card.apply", inContext: true });
  });

  it("does not answer the same words without a topic before them", async () => {
    const ask = await conversation();
    const alone = await ask("要什么材料");
    expect(alone.meta.intent === "card.apply" && alone.meta.decision === "faq").toBe(false);
    expect(alone.meta.inContext).toBeUndefined();
  });

  it("recognises a switch of topic: 那失业金呢 after a pension answer is about unemployment", async () => {
    const ask = await conversation();
    expect((await ask("退休年龄是多少")).meta.intent).toBe("pension.retirement.age");
    const switched = await ask("那失业金呢");
    // Answered about unemployment, or asked "did you mean…" with unemployment topics only.
    const offered = [switched.meta.intent, ...(switched.meta.quickReplies ?? []).map((q) => ("intent" in q.payload ? q.payload.intent : undefined))].filter(Boolean);
    expect(offered.length).toBeGreaterThan(0);
    for (const intent of offered) expect(intent).toMatch(/^unemployment\./);
    expect(switched.meta.inContext).toBeUndefined();
  });

  it("follows an English conversation too", async () => {
    const ask = await conversation();
    expect((await ask("How do I apply for unemployment benefit?")).meta.intent).toBe("unemployment.apply");
    expect((await ask("what documents do I need")).meta).toMatchObject({ intent: "unemployment.apply", inContext: true });
  });
});
