import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentClient, createAgent } from "../../testing/agent-client.js";
import { startTestServer, type TestServer } from "../../testing/server.js";
import { type StandIn, startStandIn } from "../../testing/stand-in.js";

/** What a Bot Framework connector (the Emulator, Teams, Direct Line) received from the bot. */
interface Received {
  path: string;
  activity: { type: string; text?: string; textFormat?: string; conversation?: { id: string } };
}

let desk: TestServer;
let connector: StandIn;
let connectorUrl = "";
const received: Received[] = [];
const open: { close(): void }[] = [];

beforeAll(async () => {
  // A stand-in for the channel's connector service: the bot posts its later messages here.
  connector = await startStandIn(({ url, body }) => {
    received.push({ path: url.pathname, activity: JSON.parse(body || "{}") });
    return { id: `sent-${received.length}` };
  });
  connectorUrl = connector.url;
  desk = await startTestServer({ env: { BOTFRAMEWORK_WITHOUT_AUTH: "true", DEMO_STAFF: "false" } });
});
afterAll(async () => {
  for (const c of open.splice(0)) c.close();
  await desk.stop();
  await desk.cleanup();
  await connector.close();
});

let next = 1;
/** An activity as a channel sends it to the bot. */
function activity(user: string, fields: Record<string, unknown>) {
  return {
    type: "message",
    id: `act-${next++}`,
    timestamp: new Date().toISOString(),
    serviceUrl: connectorUrl,
    channelId: "emulator",
    from: { id: user, name: "市民" },
    recipient: { id: "desk-bot", name: "社保服务台" },
    conversation: { id: `conv-${user}` },
    locale: "zh-CN",
    deliveryMode: "expectReplies",
    ...fields,
  };
}
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${desk.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

interface Reply {
  type: string;
  name?: string;
  text?: string;
  textFormat?: string;
  suggestedActions?: { actions: { type: string; title: string; value: string }[] };
  value?: Record<string, unknown>;
}
async function replies(res: Response): Promise<Reply[]> {
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Reply[] }).activities;
}
const storedCount = (text: string) => {
  const db = new Database(join(desk.dataDir, "desk.sqlite"), { readonly: true });
  try {
    return db.prepare("SELECT COUNT(*) FROM messages WHERE text = ?").pluck().get(text) as number;
  } finally {
    db.close();
  }
};
const until = async (what: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("the Bot Framework channel at /api/messages", () => {
  it("answers a message in the response (expectReplies): Markdown, quick replies as suggested actions; a resent activity is stored once", async () => {
    const first = activity("u-answer", { text: "社保卡丢了怎么办" });
    const answer = await replies(await post(first));
    const message = answer.find((a) => a.type === "message");
    expect(message?.text).toContain("挂失");
    expect(message?.textFormat).toBe("markdown");
    // The connector got nothing: the answer went back in the response.
    expect(received.filter((r) => r.activity.conversation?.id === "conv-u-answer")).toEqual([]);
    // Resent (the channel retried): the same answer again, the question stored once.
    const again = await replies(await post(first));
    expect(again.find((a) => a.type === "message")?.text).toBe(message?.text);
    expect(storedCount("社保卡丢了怎么办")).toBe(1);
  });

  it("greets a new conversation with the most asked questions as buttons, and a pressed button picks its question", async () => {
    const opened = await replies(
      await post(activity("u-greet", { type: "conversationUpdate", membersAdded: [{ id: "u-greet" }, { id: "desk-bot" }], text: undefined })),
    );
    const greeting = opened.find((a) => a.type === "message");
    expect(greeting?.text).toContain("社保服务台");
    const actions = greeting?.suggestedActions?.actions ?? [];
    expect(actions.length).toBeGreaterThan(2);
    expect(actions.every((a) => a.type === "imBack" && a.value === a.title)).toBe(true);
    // Opened again (Direct Line reconnecting): not greeted twice.
    const reopened = await replies(await post(activity("u-greet", { type: "conversationUpdate", membersAdded: [{ id: "u-greet" }], text: undefined })));
    expect(reopened).toEqual([]);
    // The button's label comes back as words; it asks the question it names.
    const card = actions.find((a) => a.title.includes("社保卡")) ?? actions[0]!;
    const answer = await replies(await post(activity("u-greet", { text: card.value })));
    expect(answer.find((a) => a.type === "message")?.text?.length ?? 0).toBeGreaterThan(20);
  });

  it("hands off: the handoff.initiate event in the turn, the agent's words sent to the connector, the citizen's to the agent", async () => {
    const account = await createAgent(desk.app, "bf.agent", { displayName: "李娜" });
    const agent = await AgentClient.signInAndConnect(desk.url, account);
    open.push(agent);
    const turn = await replies(await post(activity("u-handoff", { text: "我要转人工" })));
    const initiate = turn.find((a) => a.type === "event" && a.name === "handoff.initiate");
    expect(initiate).toBeDefined();
    expect(initiate?.value?.handoffId).toEqual(expect.any(String));
    expect(turn.some((a) => a.type === "message" && a.text?.includes("转接"))).toBe(true);
    await agent.until(() => agent.received["agent:offer"].length > 0);
    const offer = agent.received["agent:offer"][0]!;
    expect(offer.chatId).toBe(initiate?.value?.handoffId);
    const accepted = await agent.call("agent:accept", { chatId: offer.chatId });
    if (!accepted.ok) throw new Error(accepted.error.code);
    expect(accepted.context.channel).toBe("botframework");
    for (const [i, text] of ["您好，我是客服李娜", "请问您的问题是什么？"].entries()) {
      const ok = await agent.call("agent:message", { chatId: offer.chatId, clientId: `bf-agent-${i}`, text });
      expect(ok.ok).toBe(true);
    }
    const toCitizen = () => received.filter((r) => r.activity.conversation?.id === "conv-u-handoff" && r.activity.type === "message").map((r) => r.activity.text ?? "");
    await until(() => toCitizen().some((t) => t.includes("请问您的问题")));
    const texts = toCitizen();
    expect(texts.findIndex((t) => t.includes("我是客服李娜"))).toBeLessThan(texts.findIndex((t) => t.includes("请问您的问题")));
    expect(received.every((r) => r.path.startsWith("/v3/conversations/conv-u-handoff/activities") || r.activity.conversation?.id !== "conv-u-handoff")).toBe(true);
    // The citizen's next words reach the agent, and the bot stays quiet.
    const quiet = await replies(await post(activity("u-handoff", { text: "我的养老金没到账" })));
    expect(quiet.filter((a) => a.type === "message")).toEqual([]);
    await agent.until(() => agent.received["agent:chat-message"].some((m) => m.message.text === "我的养老金没到账"));
  });

  it("refuses what is not an activity, with nothing stored; words too long are answered, not stored", async () => {
    for (const body of [[], "text", { type: "message", text: "没有发送者的消息" }, activity("u-bad", { from: { id: "" }, text: "没有发送者的消息" })]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe("BOTFRAMEWORK_BAD_ACTIVITY");
    }
    expect(storedCount("没有发送者的消息")).toBe(0);
    const long = "很长".repeat(2000);
    const answer = await replies(await post(activity("u-long", { text: long })));
    expect(answer[0]?.text).toMatch(/太长|字/);
    expect(storedCount(long)).toBe(0);
    // Nothing from the user ever lands in the stored files: only the hash of the user id names the conversation.
    const stored = readFileSync(join(desk.dataDir, "desk.sqlite"));
    expect(stored.includes("u-handoff")).toBe(false);
  });
});

describe("the Bot Framework channel with the bot's credentials", () => {
  let secured: TestServer;
  beforeAll(async () => {
    secured = await startTestServer({
      env: { BOTFRAMEWORK_APP_ID: "00000000-1111-4222-8333-444444444444", BOTFRAMEWORK_APP_PASSWORD: "not-a-real-password", DEMO_STAFF: "false" },
    });
  });
  afterAll(async () => {
    await secured.stop();
    await secured.cleanup();
  });

  it("refuses an activity without a valid token (401) and stores nothing", async () => {
    const body = activity("u-forged", { text: "伪造的消息" });
    for (const headers of [{}, { authorization: "Bearer not.a.token" }] as Record<string, string>[]) {
      const res = await fetch(`${secured.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
      expect(res.status).toBe(401);
    }
    const db = new Database(join(secured.dataDir, "desk.sqlite"), { readonly: true });
    try {
      expect(db.prepare("SELECT COUNT(*) FROM messages").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
