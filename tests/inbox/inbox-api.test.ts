import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageView } from "../../src/protocol/events.js";
import { AgentClient, createAgent, signIn } from "../testing/agent-client.js";
import { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";
import { StaffSignIns } from "../testing/staff-sign-in.js";

/**
 * The editors' inbox end to end: citizens chat through the real socket, the bot misses, a citizen
 * rates an answer down, an agent flags what a citizen asked them; editors read the groups, mark
 * them handled, and read how each FAQ's answers were received.
 */
let server: TestServer;
const tokens: Record<"editor" | "supervisor" | "agent" | "otherAgent", string> = { editor: "", supervisor: "", agent: "", otherAgent: "" };
const open: { close(): void }[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_STAFF: "false", KNOWLEDGE_POLL_MS: "0" } });
  const signIns = new StaffSignIns(server.url);
  for (const role of ["editor", "supervisor"] as const) {
    const account = await createAgent(server.app, `inbox.${role}`, { roles: [role] });
    tokens[role] = (await signIns.signIn(account.username, account.password)).body.token as string;
  }
  for (const who of ["agent", "otherAgent"] as const) {
    const account = await createAgent(server.app, `inbox.${who === "agent" ? "agent" : "other-agent"}`, { roles: ["agent"] });
    tokens[who] = (await signIn(server.url, account.username, account.password)).body.token as string;
  }
});
afterAll(async () => {
  for (const c of open.splice(0)) c.close();
  await server.stop();
  server.cleanup();
});

async function call(who: keyof typeof tokens, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers, their shape checked by the assertions
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const citizen = async () => {
  const c = await ChatClient.connect(server.url);
  open.push(c);
  return c;
};
const rate = (c: ChatClient, messageId: string, rating: "up" | "down") =>
  new Promise<unknown>((resolve) => c.socket.emit("chat:feedback", { messageId, rating }, resolve));
const decisionOf = async (reply: MessageView) => (await server.app.storage.messages.get(reply.id))?.meta.decision;

interface Group {
  key: string;
  count: number;
  examples: string[];
  reasons: { reason: string; count: number }[];
  intents: { intent: string; count: number; faqId: string | null }[];
  notes: string[];
  messageIds: string[];
}
const inbox = async (query = "") => (await call("editor", "GET", `/api/v1/knowledge/inbox${query}`)).body.groups as Group[];
const groupWith = (groups: Group[], words: string) => groups.find((g) => g.examples.some((e) => e.includes(words)));

const cats = ["我家猫这两天不吃东西怎么办", "我家的猫不吃东西了怎么办啊，我电话13812345678", "猫咪好几天不吃东西怎么办"];

describe("the editors' inbox", () => {
  let lostCard: { questionId: string };

  it("groups what the bot could not answer and what was rated down, masked as stored", async () => {
    const one = await citizen();
    const two = await citizen();
    for (const [c, text] of [[one, cats[0]], [one, cats[1]], [two, cats[2]]] as const) {
      const reply = await c.ask(text as string);
      expect(await decisionOf(reply), text).toBe("fallback");
    }
    const answer = await two.ask("社保卡丢了怎么办");
    expect(answer.faqId).toBe("faq-card-lost");
    await rate(two, answer.id, "down");
    lostCard = { questionId: answer.replyTo as string };

    const groups = await inbox();
    const catGroup = groupWith(groups, "猫");
    expect(catGroup).toMatchObject({ count: 3, reasons: [{ reason: "fallback", count: 3 }] });
    expect(catGroup?.examples).toContain("我家的猫不吃东西了怎么办啊，我电话138****5678");
    expect(JSON.stringify(groups)).not.toContain("13812345678");
    const rated = groupWith(groups, "社保卡丢了怎么办");
    expect(rated).toMatchObject({ count: 1, reasons: [{ reason: "thumbs_down", count: 1 }], intents: [{ intent: "card.lost", count: 1, faqId: "faq-card-lost" }] });
    expect(rated?.messageIds).toEqual([lostCard.questionId]);

    // One reason at a time; supervisors read it too; agents do not.
    expect((await inbox("?reason=thumbs_down")).map((g) => g.key)).toEqual([rated?.key]);
    expect((await call("supervisor", "GET", "/api/v1/knowledge/inbox")).status).toBe(200);
    expect(await call("agent", "GET", "/api/v1/knowledge/inbox")).toMatchObject({ status: 403, body: { error: "ACCESS_FORBIDDEN" } });

    // Bounded, and refused plainly when asked for what it cannot give.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    for (const query of [`?since=${encodeURIComponent(tomorrow)}`, "?since=2020-01-01", "?since=yesterday", "?reason=bored", "?limit=0", "?limit=5000", "?q=x"]) {
      expect(await call("editor", "GET", `/api/v1/knowledge/inbox${query}`), query).toMatchObject({ status: 400, body: { error: "INBOX_BAD_INPUT" } });
    }
    const today = new Date().toISOString().slice(0, 10);
    const fromToday = await call("editor", "GET", `/api/v1/knowledge/inbox?since=${today}&limit=2`);
    expect(fromToday.body).toMatchObject({ limit: 2, truncated: true, questions: 2 });
  });

  it("takes a group out once an editor handled it, audited; a bad request changes nothing", async () => {
    const catGroup = groupWith(await inbox(), "猫") as Group;
    // A citizen message that is not there, an FAQ that is not there, a missing FAQ: refused, nothing marked.
    const refusals = [
      { messageIds: [...catGroup.messageIds, "no-such-message"], how: "dismissed" },
      { messageIds: catGroup.messageIds, how: "added_to_faq" },
      { messageIds: catGroup.messageIds, how: "added_to_faq", faqId: "faq-nothing" },
      { messageIds: catGroup.messageIds, how: "dismissed", faqId: "faq-card-lost" },
      { messageIds: [], how: "dismissed" },
      { messageIds: catGroup.messageIds, how: "forgotten" },
    ];
    for (const body of refusals) {
      expect(await call("editor", "POST", "/api/v1/knowledge/inbox/handled", body), JSON.stringify(body)).toMatchObject({ status: 400, body: { error: "INBOX_BAD_INPUT" } });
    }
    expect(groupWith(await inbox(), "猫")?.count).toBe(3);
    expect((await call("supervisor", "POST", "/api/v1/knowledge/inbox/handled", { messageIds: catGroup.messageIds, how: "dismissed" })).status).toBe(403);

    const dismissed = await call("editor", "POST", "/api/v1/knowledge/inbox/handled", { messageIds: catGroup.messageIds, how: "dismissed", key: catGroup.key });
    expect(dismissed).toMatchObject({ status: 200, body: { marked: 3, alreadyHandled: 0 } });
    expect(groupWith(await inbox(), "猫")).toBeUndefined();
    expect((await call("editor", "POST", "/api/v1/knowledge/inbox/handled", { messageIds: catGroup.messageIds, how: "dismissed" })).body).toEqual({ marked: 0, alreadyHandled: 3 });

    const added = await call("editor", "POST", "/api/v1/knowledge/inbox/handled", { messageIds: [lostCard.questionId], how: "added_to_faq", faqId: "faq-card-lost" });
    expect(added.body.marked).toBe(1);
    expect(groupWith(await inbox(), "社保卡丢了怎么办")).toBeUndefined();
    const audited = await server.app.storage.audit.list({ action: "knowledge.edit", limit: 10 });
    expect(audited.map((r) => ({ target: r.target, detail: r.detail }))).toEqual(
      expect.arrayContaining([
        { target: null, detail: { inbox: "dismissed", questions: "3", group: catGroup.key } },
        { target: "faq-card-lost", detail: { inbox: "added_to_faq", questions: "1" } },
      ]),
    );
  });

  it("lets an agent flag what a citizen asked them, only in a chat they had; the flag reaches the inbox", async () => {
    const agent = await AgentClient.connect(server.url, tokens.agent);
    open.push(agent);
    const c = await citizen();
    const answer = await c.ask("养老金每个月几号发");
    expect(await decisionOf(answer)).toBe("faq");
    await c.ask("转人工");
    await agent.until(() => agent.received["agent:offer"].length > 0, 8000);
    const chatId = agent.received["agent:offer"][0]!.chatId;
    const accepted = await agent.call("agent:accept", { chatId });
    expect(accepted.ok).toBe(true);
    await c.send("电子社保卡在微信里怎么解绑，我手机13912345678");
    await agent.until(() => agent.received["agent:chat-message"].length > 0);
    const asked = agent.received["agent:chat-message"][0]!.message;
    expect(asked.text).not.toContain("13912345678");

    // Not theirs, not a citizen's, not there, not an agent, not a valid body.
    const otherAgent = await call("otherAgent", "POST", "/api/v1/knowledge/flags", { messageId: asked.id });
    expect(otherAgent).toMatchObject({ status: 403, body: { error: "INBOX_NOT_YOUR_CHAT" } });
    const botWords = await call("agent", "POST", "/api/v1/knowledge/flags", { messageId: answer.id });
    expect(botWords).toMatchObject({ status: 404, body: { error: "INBOX_NOT_FOUND" } });
    expect(await call("agent", "POST", "/api/v1/knowledge/flags", { messageId: "nothing" })).toMatchObject({ status: 404 });
    expect(await call("editor", "POST", "/api/v1/knowledge/flags", { messageId: asked.id })).toMatchObject({ status: 403, body: { error: "ACCESS_FORBIDDEN" } });
    expect(await call("agent", "POST", "/api/v1/knowledge/flags", { messageId: asked.id, note: "x".repeat(501) })).toMatchObject({ status: 400, body: { error: "INBOX_BAD_INPUT" } });
    expect(await call("agent", "POST", "/api/v1/knowledge/flags", {})).toMatchObject({ status: 400 });

    const flagged = await call("agent", "POST", "/api/v1/knowledge/flags", { messageId: asked.id, note: "常有人问，回电13912345678" });
    expect(flagged).toMatchObject({ status: 201, body: { first: true, flag: { messageId: asked.id, note: "常有人问，回电139****5678" } } });
    expect((await call("agent", "POST", "/api/v1/knowledge/flags", { messageId: asked.id, note: "常有人问" })).status).toBe(200);

    const groups = await inbox();
    const fromAgent = groupWith(groups, "解绑");
    expect(fromAgent).toMatchObject({ count: 1, reasons: [{ reason: "flagged", count: 1 }], notes: ["常有人问"], messageIds: [asked.id] });
    expect(fromAgent?.examples).toEqual(["电子社保卡在微信里怎么解绑，我手机139****5678"]);
    // The answer right before "转人工" did not settle it: the question is in the inbox for that.
    const before = groupWith(groups, "养老金每个月几号发");
    expect(before?.reasons).toEqual([{ reason: "handoff", count: 1 }]);
    expect(before?.intents[0]?.faqId).toBe((await server.app.storage.messages.get(answer.id))?.meta.faqId);

    const audited = await server.app.storage.audit.list({ action: "knowledge.flag", limit: 5 });
    expect(audited.map((r) => r.target)).toEqual([asked.id, asked.id]);
    expect(JSON.stringify(audited)).not.toContain("13912345678");
  });

  it("says how each FAQ's answers were received: rated down, and followed by a request for a person", async () => {
    const feedback = await call("supervisor", "GET", "/api/v1/knowledge/answer-feedback");
    expect(feedback.status).toBe(200);
    const faqs = feedback.body.faqs as { faqId: string; answers: number; thumbsDown: number; handoffs: number; thumbsDownRate: number; handoffRate: number }[];
    expect(faqs.find((f) => f.faqId === "faq-card-lost")).toEqual({ faqId: "faq-card-lost", answers: 1, thumbsDown: 1, handoffs: 0, thumbsDownRate: 1, handoffRate: 0 });
    const pension = faqs.find((f) => f.handoffs > 0);
    expect(pension).toMatchObject({ answers: 1, thumbsDown: 0, handoffs: 1, handoffRate: 1 });
    expect(await call("agent", "GET", "/api/v1/knowledge/answer-feedback")).toMatchObject({ status: 403 });
    expect(await call("editor", "GET", "/api/v1/knowledge/answer-feedback?since=soon")).toMatchObject({ status: 400, body: { error: "INBOX_BAD_INPUT" } });
  });
});
