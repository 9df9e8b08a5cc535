import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient } from "../testing/chat-client.js";
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

describe("answers computed for the person, in a real chat", () => {
  it("computes the retirement age at once when the question carries the facts", async () => {
    const ask = await conversation();
    const reply = await ask("我是1975年3月出生的女工人，什么时候能退休");
    expect(reply.meta).toMatchObject({ decision: "flow_done", intent: "pension.retirement.age" });
    expect(reply.text).toContain("50岁2个月");
    expect(reply.text).toContain("2025年5月");
    expect(reply.text).toContain("估算");
  });

  it("follows 那我老婆呢，她1978年的 with the same calculation for her, asking only what is missing", async () => {
    const ask = await conversation();
    expect((await ask("我1970年6月出生的男的，啥时候退休")).text).toContain("61岁5个月");
    const her = await ask("那我老婆呢，她1978年的");
    expect(her.meta).toMatchObject({ decision: "flow", inContext: true });
    expect(her.text).toContain("原来的退休年龄");
    expect((await ask("工人")).text).toContain("几月出生");
    const result = await ask("5月");
    // Women workers born in May 1978: 40 months after January 1975, 21 months of delay.
    expect(result.text).toContain("51岁9个月");
    expect(result.text).toContain("2030年2月");
  });

  it("offers the calculation under a general answer, and asks for the facts when it is pressed", async () => {
    const c = await ChatClient.connect(server.url, { locale: "en" });
    clients.push(c);
    const general = await c.ask("How is the retirement age changing?");
    const offer = general.quickReplies?.find((q) => "action" in q.payload && q.payload.action === "flow");
    expect(offer?.label).toBe("Work out the retirement age");
    const asked = await c.ask(offer!.label, { quickReply: offer!.payload });
    expect(asked.text).toContain("man or a woman");
  });

  it("works out unemployment months from the years in the question", async () => {
    const ask = await conversation();
    const reply = await ask("我失业保险交了6年，失业金能领几个月");
    expect(reply.text).toContain("18个月");
  });
});

describe("corrections to a computed answer", () => {
  it("不对，我是1976年的 computes again with the other facts kept", async () => {
    const ask = await conversation();
    expect((await ask("我是1975年3月出生的女工人，什么时候能退休")).text).toContain("50岁2个月");
    const again = await ask("不对，我是1976年的");
    expect(again.meta).toMatchObject({ decision: "flow_done", inContext: true });
    // March 1976: 14 months after January 1975, 8 months of delay.
    expect(again.text).toContain("1976年3月出生的女职工");
    expect(again.text).toContain("50岁8个月");
  });

  it("a correction in the middle of the questions replaces the value given", async () => {
    const ask = await conversation();
    expect((await ask("我老公1968年出生，他啥时候退休")).text).toContain("几月出生");
    const fixed = await ask("不对，他是1969年出生的");
    expect(fixed.text).toContain("1969");
    expect((await ask("8月")).text).toContain("1969年8月出生的男职工");
  });
});
