import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FieldCipher } from "../../src/security/field-cipher.js";
import { loadConfig } from "../../src/config.js";
import { ChatClient } from "../testing/chat-client.js";
import { projectRoot } from "../testing/nlu.js";
import { startTestServer, type TestServer } from "../testing/server.js";

let server: TestServer;
const clients: ChatClient[] = [];
async function connect(auth: Parameters<typeof ChatClient.connect>[1] = {}) {
  const c = await ChatClient.connect(server.url, auth);
  clients.push(c);
  return c;
}
const stored = (conversationId: string) => server.app.storage.messages.listRecent(conversationId, 1000);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
  server.cleanup();
});

describe("citizen chat over socket.io", () => {
  it("answers a question from the knowledge base, storing both sides; an answer this quick shows no typing", async () => {
    const c = await connect({ locale: "zh" });
    expect(c.session).toMatchObject({ resumed: false, locale: "zh", messages: [] });
    const reply = await c.ask("社保卡丢了怎么挂失");
    expect(reply.role).toBe("bot");
    expect(reply.faqId).toBe("faq-card-lost");
    expect(reply.text).toContain("挂失");
    const rows = await stored(c.session.conversationId);
    expect(rows.map((r) => [r.seq, r.role])).toEqual([
      [1, "citizen"],
      [2, "bot"],
    ]);
    // Frames arrive in order: any typing notice for the first answer came before the second answer.
    await c.ask("社保卡补办要多久");
    expect(c.typing).toEqual([]);
  });

  it("shows the bot typing, then not, when the answer takes longer than CHAT_TYPING_AFTER_MS", async () => {
    const slow = await startTestServer({ env: { CHAT_TYPING_AFTER_MS: "0" } });
    const c = await ChatClient.connect(slow.url, { locale: "zh" });
    await c.ask("社保卡丢了怎么挂失");
    await c.until(() => c.typing.length >= 2);
    expect(c.typingFrom).toEqual([
      { typing: true, from: "bot" },
      { typing: false, from: "bot" },
    ]);
    c.close();
    await slow.stop();
    slow.cleanup();
  });

  it("answers in English when the citizen writes English", async () => {
    const c = await connect({ locale: "zh" });
    const reply = await c.ask("How do I report my lost social security card?");
    expect(reply.faqId).toBe("faq-card-lost");
    expect(reply.text).toMatch(/[A-Za-z]{4,}/);
    expect(reply.text).not.toMatch(/\p{Script=Han}{4,}/u);
    // Buttons are worded in English, not assembled from Chinese punctuation and catalogue text.
    const labels = reply.quickReplies?.map((q) => q.label) ?? [];
    expect(labels).toContain("Apply online: Report a lost card");
    for (const label of labels) {
      expect(label).toMatch(/^[A-Z]/);
      expect(label).not.toMatch(/[\p{Script=Han}：，]/u);
    }
  });

  it("keeps the conversation's language for messages without a clear script (keyboard noise, numbers, 'ok')", async () => {
    const c = await connect({ locale: "zh" });
    await c.ask("社保卡丢了怎么挂失");
    for (const text of ["asdfgh", "ok", "12345"]) {
      const reply = await c.ask(text);
      expect(reply.text, text).toMatch(/\p{Script=Han}{4,}/u);
      expect(reply.text, text).not.toMatch(/\b(?:Sorry|please|the)\b/);
      for (const q of reply.quickReplies ?? []) expect(q.label, text).toMatch(/\p{Script=Han}/u);
    }
    const en = await connect({ locale: "en" });
    const reply = await en.ask("asdfgh");
    expect(reply.text).toMatch(/[A-Za-z]{4,}/);
    expect(reply.text).not.toMatch(/\p{Script=Han}{4,}/u);
  });

  it("never says it could not help in the same breath as a question back; 'no' to 'did you mean…?' asks to rephrase", async () => {
    const c = await connect({ locale: "zh" });
    const first = await c.ask("退休了养老金什么时候能到账？");
    expect(first.text).not.toContain("没能很好地帮到您");
    const options = first.quickReplies?.filter((q) => "intent" in q.payload) ?? [];
    if (options.length === 1) {
      expect(first.text).toMatch(/^您是想问“.+”吗？$/);
      const no = first.quickReplies?.find((q) => "action" in q.payload && q.payload.action === "rephrase");
      expect(no?.label).toBe("不是");
      const again = await c.ask(no!.label, { quickReply: no!.payload });
      expect(again.text).toContain("换个说法");
      expect(again.text).not.toContain("没能很好地帮到您");
    } else {
      expect(options.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("offers the candidates as buttons when a message only names a topic, and a button answers its intent", async () => {
    const c = await connect();
    const menu = await c.ask("社保卡");
    const intents = menu.quickReplies?.flatMap((q) => ("intent" in q.payload ? [q.payload.intent] : [])) ?? [];
    expect(intents).toEqual(expect.arrayContaining(["card.lost", "card.replace", "card.apply"]));
    expect(menu.quickReplies?.some((q) => "action" in q.payload && q.payload.action === "agent")).toBe(true);
    const lost = menu.quickReplies?.find((q) => "intent" in q.payload && q.payload.intent === "card.lost");
    const answer = await c.ask(lost!.label, { quickReply: lost!.payload });
    expect(answer.faqId).toBe("faq-card-lost");
  });

  it("falls back on an out-of-scope question, offering an agent", async () => {
    const c = await connect();
    const reply = await c.ask("明天上海会下雨吗");
    expect(reply.faqId).toBeUndefined();
    expect(reply.quickReplies?.map((q) => q.payload)).toContainEqual({ action: "agent" });
  });

  it("resumes the conversation with its history when reconnecting with the token, feedback included", async () => {
    const first = await connect();
    const reply = await first.ask("失业金怎么申请");
    const rated = await new Promise<unknown>((resolve) =>
      first.socket.emit("chat:feedback", { messageId: reply.id, rating: "up" }, resolve),
    );
    expect(rated).toEqual({ ok: true });
    first.close();
    const again = await connect({ token: first.session.token });
    expect(again.session.resumed).toBe(true);
    expect(again.session.conversationId).toBe(first.session.conversationId);
    expect(again.session.messages.map((m) => m.role)).toEqual(["citizen", "bot"]);
    expect(again.session.messages[1]).toMatchObject({ id: reply.id, feedback: "up" });
  });

  it("stores a retried message once (same clientId) and returns the same reply", async () => {
    const c = await connect();
    const clientId = randomUUID();
    const reply = await c.ask("医保电子凭证在哪里激活", { clientId });
    const ack = await c.send("医保电子凭证在哪里激活", { clientId });
    expect(ack.ok && ack.message.clientId).toBe(clientId);
    await c.until(() => c.replies.length === 2);
    expect(c.replies[1]?.id).toBe(reply.id);
    expect((await stored(c.session.conversationId)).length).toBe(2);
  });

  it("answers a message once when its resend arrives while the first copy is still being answered", async () => {
    const c = await connect();
    const clientId = randomUUID();
    // Both copies leave before either is acknowledged, as a widget resending after a blip would.
    const acks = await Promise.all([c.send("医保电子凭证在哪里激活", { clientId }), c.send("医保电子凭证在哪里激活", { clientId })]);
    expect(acks.every((a) => a.ok)).toBe(true);
    await c.until(() => c.replies.length >= 1);
    await new Promise((r) => setTimeout(r, 500));
    const rows = await stored(c.session.conversationId);
    expect(rows.map((r) => r.role)).toEqual(["citizen", "bot"]);
  });

  it("stores personal data masked, with the original encrypted", async () => {
    const c = await connect();
    const ack = await c.send("我的身份证11010519491231002X，手机13812345678，查一下养老保险缴了多少个月");
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.message.text).toContain("1101**********002X");
    expect(ack.message.text).toContain("138****5678");
    const [row] = await stored(c.session.conversationId);
    expect(row?.text).not.toContain("11010519491231002X");
    const cipher = new FieldCipher(loadConfig({ DATA_DIR: server.dataDir }, projectRoot).secrets.fieldKey);
    expect(cipher.decrypt(row?.textSealed as string)).toContain("11010519491231002X");
  });
});

describe("bad input: a clear error event, nothing stored, everyone else still served", () => {
  it("refuses a forged token, an edited token and garbage", async () => {
    const real = await connect();
    const [payload, signature] = real.session.token.split(".");
    const other = Buffer.from(JSON.stringify({ cid: randomUUID(), exp: 4102444800 })).toString("base64url");
    for (const token of [`${other}.${signature}`, `${payload}.${"A".repeat(43)}`, "not-a-token", `${payload}`]) {
      const refused = await ChatClient.connect(server.url, { token }).then(
        () => undefined,
        (e: Error & { data?: { code: string } }) => e.data?.code,
      );
      expect(refused).toBe("CHAT_BAD_TOKEN");
    }
    await expect(ChatClient.connect(server.url, { token: 5 as unknown as string })).rejects.toMatchObject({
      data: { code: "CHAT_BAD_PAYLOAD" },
    });
  });

  it("rejects missing or wrong-typed fields, empty and over-long text", async () => {
    const c = await connect();
    const emit = (payload: unknown) =>
      new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
        (c.socket.emit as (e: string, p: unknown, a: unknown) => void)("chat:message", payload, resolve),
      );
    expect((await emit({ text: "hi" })).error?.code).toBe("CHAT_BAD_PAYLOAD");
    expect((await emit({ clientId: randomUUID(), text: 42 })).error?.code).toBe("CHAT_BAD_PAYLOAD");
    expect((await emit({ clientId: randomUUID(), text: "hi", extra: 1 })).error?.code).toBe("CHAT_BAD_PAYLOAD");
    expect((await emit({ clientId: randomUUID(), text: "hi", quickReply: { intent: "<script>" } })).error?.code).toBe(
      "CHAT_BAD_PAYLOAD",
    );
    expect((await emit({ clientId: randomUUID(), text: "   " })).error?.code).toBe("CHAT_TEXT_EMPTY");
    expect((await emit({ clientId: randomUUID(), text: "长".repeat(2001) })).error?.code).toBe("CHAT_TEXT_TOO_LONG");
    expect((await emit("just a string")).error?.code).toBe("CHAT_BAD_PAYLOAD");
    // Without an ack callback the error still arrives as an event.
    (c.socket.emit as (e: string, p: unknown) => void)("chat:message", { clientId: randomUUID(), text: "no ack" });
    (c.socket.emit as (e: string, p: unknown) => void)("chat:teleport", {});
    await c.until(() => c.errors.length >= 9);
    expect(c.errors.map((e) => e.code)).toContain("CHAT_UNKNOWN_EVENT");
    expect(c.errors.every((e) => e.message.length > 0)).toBe(true);
    expect(await stored(c.session.conversationId)).toEqual([]);
  });

  it("refuses feedback on a message of another conversation", async () => {
    const a = await connect();
    const reply = await a.ask("生育津贴怎么领");
    const b = await connect();
    const result = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
      b.socket.emit("chat:feedback", { messageId: reply.id, rating: "down" }, resolve),
    );
    expect(result.error?.code).toBe("CHAT_UNKNOWN_MESSAGE");
    expect(await server.app.storage.feedback.forConversation(a.session.conversationId)).toEqual([]);
  });

  it("limits a flood to 10 messages in 5 seconds per connection, while others are served", async () => {
    const flooder = await connect();
    const acks = await Promise.all(Array.from({ length: 15 }, (_, i) => flooder.send(`你好${i}`)));
    const refused = acks.filter((a) => !a.ok);
    expect(acks.filter((a) => a.ok).length).toBe(10);
    expect(refused.length).toBe(5);
    expect(refused.every((a) => !a.ok && a.error.code === "CHAT_RATE_LIMITED")).toBe(true);
    expect((await stored(flooder.session.conversationId)).filter((m) => m.role === "citizen").length).toBe(10);
    const bystander = await connect();
    expect((await bystander.ask("社保卡密码忘了")).faqId).toBe("faq-card-password");
  });
});

describe("bringing in a person", () => {
  it("offers the hotline and an agent after two fallbacks in a row, not after one", async () => {
    const c = await connect();
    const first = await c.ask("明天上海会下雨吗");
    expect(first.text).not.toContain("12333人工热线");
    const second = await c.ask("附近有什么好吃的火锅");
    expect(second.text).toContain("12333人工热线");
    expect(second.quickReplies?.filter((q) => "action" in q.payload && q.payload.action === "agent").length).toBe(1);
    const rows = await stored(c.session.conversationId);
    expect(rows.at(-1)?.meta.handoff).toBe("repeated_fallback");
  });

  it("says plainly that online agents are not available yet when a citizen asks for one", async () => {
    const c = await connect();
    const reply = await c.ask("转人工");
    expect(reply.text).toContain("12333");
    expect((await stored(c.session.conversationId)).at(-1)?.meta.handoff).toBe("explicit");
  });
});
