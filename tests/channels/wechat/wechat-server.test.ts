import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openPush, sealReply } from "../../../src/channels/wechat/sealed-push.js";
import { bodySignature, pushSignature } from "../../../src/channels/wechat/signature.js";
import { readPushXml, replyXml } from "../../../src/channels/wechat/xml.js";
import { AgentClient, createAgent } from "../../testing/agent-client.js";
import { startTestServer, type TestServer } from "../../testing/server.js";
import { type StandIn, startStandIn } from "../../testing/stand-in.js";

const TOKEN = "deskToken2026";
const APP_ID = "wx0123456789abcdef";
const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const ACCOUNT = "gh_0123456789ab";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { WECHAT_TOKEN: TOKEN, WECHAT_APP_ID: APP_ID, WECHAT_ENCODING_AES_KEY: AES_KEY, DEMO_STAFF: "false" } });
});
afterAll(async () => {
  await server.stop();
  await server.cleanup();
});

let clock = 1_765_000_000;
/** The query WeChat signs a push with. */
function signed(extra: Record<string, string> = {}, token = TOKEN) {
  const timestamp = String(clock++);
  const nonce = `n${clock}`;
  return { timestamp, nonce, signature: pushSignature(token, timestamp, nonce), ...extra };
}
const url = (query: Record<string, string>) => `${server.url}/wechat?${new URLSearchParams(query)}`;
let msgId = 24_081_000_000_000;

/** A citizen's push as WeChat sends it (plaintext mode), and the desk's answer. */
async function push(openId: string, fields: Record<string, string>, query = signed()) {
  const xml = replyXml({ ToUserName: ACCOUNT, FromUserName: openId, CreateTime: clock, ...fields });
  return fetch(url(query), { method: "POST", headers: { "content-type": "text/xml" }, body: xml });
}
async function say(openId: string, text: string, id = String(msgId++)) {
  const res = await push(openId, { MsgType: "text", Content: text, MsgId: id });
  expect(res.status).toBe(200);
  return readPushXml(await res.text());
}
/** The store's bytes as they are on disk (the file and its write-ahead log). */
const storedBytes = () =>
  ["desk.sqlite", "desk.sqlite-wal"].map((f) => readFileSync(join(server.dataDir, f)).toString("utf8")).join("");
/** How many stored messages have exactly this text, read through SQLite. */
const storedCount = (text: string) => {
  const db = new Database(join(server.dataDir, "desk.sqlite"), { readonly: true });
  try {
    return db.prepare("SELECT COUNT(*) FROM messages WHERE text = ?").pluck().get(text) as number;
  } finally {
    db.close();
  }
};

describe("the WeChat official account's server", () => {
  it("answers WeChat's URL check with the echo string, and refuses one not signed with the token", async () => {
    const ok = await fetch(url(signed({ echostr: "8394756103" })));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("8394756103");
    expect((await fetch(url(signed({ echostr: "1" }, "wrongToken")))).status).toBe(401);
    expect((await fetch(`${server.url}/wechat?echostr=1`)).status).toBe(401);
  });

  it("answers a typed question as the passive reply, plain text to the sender, from the account", async () => {
    const reply = await say("oCitizenA", "社保卡丢了怎么办");
    expect(reply.MsgType).toBe("text");
    expect(reply.ToUserName).toBe("oCitizenA");
    expect(reply.FromUserName).toBe(ACCOUNT);
    expect(reply.Content).toContain("挂失");
    expect(reply.Content).not.toMatch(/\*\*|<\/?[a-z]+>/);
  });

  it("stores a message WeChat sends again (same MsgId) once and answers it the same; never stores the OpenID", async () => {
    const id = String(msgId++);
    const first = await say("oCitizenB-secret-openid", "养老金怎么领取", id);
    const again = await say("oCitizenB-secret-openid", "养老金怎么领取", id);
    expect(again.Content).toBe(first.Content);
    expect(storedCount("养老金怎么领取")).toBe(1);
    expect(storedBytes().includes("oCitizenB-secret-openid")).toBe(false);
  });

  it("greets a new follower with numbered questions, and a number sent back picks one", async () => {
    const res = await push("oCitizenC", { MsgType: "event", Event: "subscribe" });
    const welcome = readPushXml(await res.text());
    expect(welcome.Content).toContain("欢迎关注");
    const second = /\n2\. (.+)/.exec(welcome.Content ?? "")?.[1];
    expect(second).toBeDefined();
    const picked = await say("oCitizenC", "2");
    expect(picked.Content).toContain("失业");
    expect(picked.Content).not.toContain("您想问的是");
  });

  it("answers recognised voice and a menu click, says what it cannot read, and stays silent on an unfollow", async () => {
    const voice = await push("oCitizenD", { MsgType: "voice", Recognition: "医保报销需要什么材料", MediaId: "m1", Format: "amr", MsgId: String(msgId++) });
    expect(readPushXml(await voice.text()).Content).toContain("报销");
    const image = await push("oCitizenD", { MsgType: "image", PicUrl: "http://example/p.jpg", MediaId: "m2", MsgId: String(msgId++) });
    expect(readPushXml(await image.text()).Content).toContain("文字和语音");
    const menu = await push("oCitizenD", { MsgType: "event", Event: "CLICK", EventKey: "社保卡挂失" });
    expect(readPushXml(await menu.text()).Content).toContain("挂失");
    const unfollow = await push("oCitizenD", { MsgType: "event", Event: "unsubscribe" });
    expect(await unfollow.text()).toBe("success");
  });

  it("takes a safe-mode push and seals its reply, signed, for this account only", async () => {
    const inner = replyXml({ ToUserName: ACCOUNT, FromUserName: "oCitizenE", CreateTime: clock, MsgType: "text", Content: "失业金怎么申请", MsgId: String(msgId++) });
    const encrypted = sealReply(AES_KEY, APP_ID, inner);
    const query = signed({ encrypt_type: "aes" });
    const msgSignature = bodySignature(TOKEN, query.timestamp, query.nonce, encrypted);
    const res = await fetch(url({ ...query, msg_signature: msgSignature }), {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: replyXml({ ToUserName: ACCOUNT, Encrypt: encrypted }),
    });
    expect(res.status).toBe(200);
    const outer = readPushXml(await res.text());
    expect(outer.MsgSignature).toBe(bodySignature(TOKEN, outer.TimeStamp as string, outer.Nonce as string, outer.Encrypt as string));
    const reply = readPushXml(openPush(AES_KEY, APP_ID, outer.Encrypt as string));
    expect(reply.Content).toContain("失业");
    // The body's own signature must match too.
    const forged = await fetch(url({ ...signed({ encrypt_type: "aes" }), msg_signature: "0".repeat(40) }), {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: replyXml({ ToUserName: ACCOUNT, Encrypt: encrypted }),
    });
    expect(forged.status).toBe(401);
  });

  it("refuses a push not signed with the token (401), bad XML (400) and an oversized body (413), storing nothing", async () => {
    const before = storedCount("不该被保存的消息") + storedCount("没有MsgId");
    const unsigned = await push("oCitizenF", { MsgType: "text", Content: "不该被保存的消息", MsgId: String(msgId++) }, signed({}, "wrongToken"));
    expect(unsigned.status).toBe(401);
    const doctype = await fetch(url(signed()), { method: "POST", headers: { "content-type": "text/xml" }, body: '<!DOCTYPE x [<!ENTITY a "b">]><xml><Content>&a;</Content></xml>' });
    expect(doctype.status).toBe(400);
    expect(((await doctype.json()) as { error: string }).error).toBe("WECHAT_BAD_PUSH");
    const missing = await push("oCitizenF", { MsgType: "text", Content: "没有MsgId" });
    expect(missing.status).toBe(400);
    const huge = await fetch(url(signed()), { method: "POST", headers: { "content-type": "text/xml" }, body: `<xml><Content>${"x".repeat(70_000)}</Content></xml>` });
    expect(huge.status).toBe(413);
    expect(before).toBe(0);
    expect(storedCount("不该被保存的消息") + storedCount("没有MsgId")).toBe(0);
  });
});

describe("WeChat's customer-service messages: late answers, agents' words, retries", () => {
  let desk: TestServer;
  let api: StandIn;
  let apiUrl = "";
  const sent: { touser: string; content: string }[] = [];
  let tokens = 0;
  /** The next sends WeChat answers with these errcodes (then 0). */
  const failNext: number[] = [];
  const open: { close(): void }[] = [];

  beforeAll(async () => {
    // A stand-in for api.weixin.qq.com: the token, and customer-service text messages.
    api = await startStandIn(({ url, body }) => {
      if (url.pathname === "/cgi-bin/token") {
        tokens++;
        return { access_token: `T${tokens}`, expires_in: 7200 };
      }
      if (url.pathname === "/cgi-bin/message/custom/send" && url.searchParams.get("access_token") === `T${tokens}`) {
        const errcode = failNext.shift() ?? 0;
        if (errcode === 0) {
          const m = JSON.parse(body) as { touser: string; text: { content: string } };
          sent.push({ touser: m.touser, content: m.text.content });
        }
        return { errcode, errmsg: errcode ? "system busy" : "ok" };
      }
      return { errcode: 40001, errmsg: "invalid credential" };
    });
    apiUrl = api.url;
    desk = await startTestServer({
      env: {
        WECHAT_TOKEN: TOKEN,
        WECHAT_APP_ID: APP_ID,
        WECHAT_APP_SECRET: "0123456789abcdef0123456789abcdef",
        WECHAT_API_BASE: apiUrl,
        // Every answer counts as late: each goes out through the API, as a slow one would.
        WECHAT_PASSIVE_WAIT_MS: "0",
        DEMO_STAFF: "false",
      },
    });
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  afterAll(async () => {
    await desk.stop();
    await desk.cleanup();
    await api.close();
  });
  /** A push to this desk. */
  const pushTo = (openId: string, fields: Record<string, string>) => {
    const query = signed();
    const xml = replyXml({ ToUserName: ACCOUNT, FromUserName: openId, CreateTime: clock, ...fields });
    return fetch(`${desk.url}/wechat?${new URLSearchParams(query)}`, { method: "POST", headers: { "content-type": "text/xml" }, body: xml });
  };
  const until = async (what: () => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (!what()) {
      if (Date.now() > end) throw new Error("timed out");
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it("tells followers waiting in line their place as messages (WeChat has no live strip), and that they are next", async () => {
    const account = await createAgent(desk.app, "wx.queue", { capacity: 1 });
    const agent = await AgentClient.signInAndConnect(desk.url, account);
    open.push(agent);
    const said = (openId: string) => sent.filter((m) => m.touser === openId).map((m) => m.content);
    const takeNextOffer = async (n: number) => {
      await agent.until(() => agent.received["agent:offer"].length >= n, 8000);
      const { chatId } = agent.received["agent:offer"][n - 1]!;
      const accepted = await agent.call("agent:accept", { chatId });
      if (!accepted.ok) throw new Error(accepted.error.code);
      return chatId;
    };
    await pushTo("oQueue-A", { MsgType: "text", Content: "我要转人工", MsgId: String(msgId++) });
    const a = await takeNextOffer(1);
    // The agent is full: B is next in line, C behind B.
    await pushTo("oQueue-B", { MsgType: "text", Content: "我要转人工", MsgId: String(msgId++) });
    await until(() => said("oQueue-B").some((t) => t.includes("您是下一位")));
    await pushTo("oQueue-C", { MsgType: "text", Content: "我要转人工", MsgId: String(msgId++) });
    await until(() => said("oQueue-C").some((t) => t.includes("您前面还有1位")));
    expect(said("oQueue-C").some((t) => t.includes("您是下一位"))).toBe(false);
    // A's chat closes: B gets the agent, C moves up and hears it at once.
    await agent.call("agent:close", { chatId: a, wrapUp: "resolved" });
    const b = await takeNextOffer(2);
    await until(() => said("oQueue-C").some((t) => t.includes("您是下一位")));
    // Each word once: publishing the queue again does not repeat them.
    expect(said("oQueue-B").filter((t) => t.includes("您是下一位"))).toHaveLength(1);
    expect(said("oQueue-C").filter((t) => t.includes("您前面还有"))).toHaveLength(1);
    await agent.call("agent:close", { chatId: b, wrapUp: "resolved" });
    const c = await takeNextOffer(3);
    await agent.call("agent:close", { chatId: c, wrapUp: "resolved" });
  });

  it("answers 'success' at once when the answer is late, then sends it through the API, retrying when WeChat is busy", async () => {
    failNext.push(-1, -1);
    const res = await pushTo("oLate-1", { MsgType: "text", Content: "社保卡丢了怎么办", MsgId: String(msgId++) });
    expect(await res.text()).toBe("success");
    await until(() => sent.some((m) => m.touser === "oLate-1"), 15_000);
    const got = sent.filter((m) => m.touser === "oLate-1");
    expect(got).toHaveLength(1);
    expect(got[0]?.content).toContain("挂失");
    expect(failNext).toEqual([]);
    expect(tokens).toBe(1);
  });

  it("relays a handoff both ways: the citizen's words to the agent, the agent's to WeChat, in order", async () => {
    const account = await createAgent(desk.app, "wx.agent", { displayName: "王芳" });
    const agent = await AgentClient.signInAndConnect(desk.url, account);
    open.push(agent);
    await pushTo("oHandoff-1", { MsgType: "text", Content: "我要转人工", MsgId: String(msgId++) });
    await agent.until(() => agent.received["agent:offer"].length > 0, 8000);
    const offer = agent.received["agent:offer"][0]!;
    const accepted = await agent.call("agent:accept", { chatId: offer.chatId });
    if (!accepted.ok) throw new Error(accepted.error.code);
    expect(accepted.context.channel).toBe("wechat");
    for (const [i, text] of ["您好，我是客服王芳", "请问您的社保卡是哪天丢的？"].entries()) {
      const ok = await agent.call("agent:message", { chatId: offer.chatId, clientId: `wx-agent-${i}`, text });
      expect(ok.ok).toBe(true);
    }
    await until(() => sent.filter((m) => m.touser === "oHandoff-1" && !m.content.includes("转接")).length >= 3);
    const toCitizen = sent.filter((m) => m.touser === "oHandoff-1").map((m) => m.content);
    const first = toCitizen.findIndex((t) => t.includes("您好，我是客服王芳"));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(toCitizen.findIndex((t) => t.includes("哪天丢的"))).toBeGreaterThan(first);
    // The citizen's next words reach the agent, and the bot stays quiet.
    const before = sent.length;
    const res = await pushTo("oHandoff-1", { MsgType: "text", Content: "昨天丢的", MsgId: String(msgId++) });
    expect(await res.text()).toBe("success");
    await agent.until(() => agent.received["agent:chat-message"].some((m) => m.message.text === "昨天丢的"));
    await new Promise((r) => setTimeout(r, 300));
    expect(sent.slice(before).filter((m) => m.touser === "oHandoff-1")).toEqual([]);

    // The agent closes: the closing words carry the survey as numbered ratings, and "5" rates the chat 5.
    await agent.call("agent:close", { chatId: offer.chatId, wrapUp: "resolved" });
    await until(() => sent.some((m) => m.touser === "oHandoff-1" && m.content.includes("5. 5分 非常满意")));
    const rated = await pushTo("oHandoff-1", { MsgType: "text", Content: "5", MsgId: String(msgId++) });
    expect(await rated.text()).toBe("success");
    await until(() => sent.some((m) => m.touser === "oHandoff-1" && m.content.includes("感谢您的评价")));
    expect((await desk.app.storage.handoffs.get(offer.chatId))?.surveyRating).toBe(5);
  });
});
