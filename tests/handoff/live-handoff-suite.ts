import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OfferView } from "../../src/protocol/agent-events.js";
import { AgentClient, createAgent, signIn } from "../testing/agent-client.js";
import { ChatClient } from "../testing/chat-client.js";
import { startTestServer, type TestServer, type TestStore } from "../testing/server.js";

/**
 * The live handoff end to end with real sockets: a citizen, two agents, one server. Run in local
 * mode (in-process queue, timers) and in Redis mode (Lua state, BullMQ timers) with the same cases,
 * and on a desk whose records are in MongoDB (`store`).
 */
export function liveHandoffSuite(
  mode: string,
  env: () => Record<string, string>,
  store: TestStore = "embedded",
) {
  describe(`live handoff (${mode})`, () => {
    let server: TestServer;
    let accounts: { username: string; password: string; id: string }[];
    const open: { close(): void }[] = [];

    beforeAll(async () => {
      server = await startTestServer({
        env: {
          OFFER_TIMEOUT_MS: "1200",
          AGENT_GRACE_MS: "800",
          CITIZEN_GRACE_MS: "800",
          DEMO_STAFF: "false",
          ...env(),
        },
        store,
      });
      accounts = [
        await createAgent(server.app, `ann.${mode}`, { displayName: "Ann" }),
        await createAgent(server.app, `bo.${mode}`, { displayName: "Bo" }),
      ];
    });
    afterEach(() => {
      for (const c of open.splice(0)) c.close();
    });
    afterAll(async () => {
      await server.stop();
      await server.cleanup();
    });

    const citizen = async () => {
      const c = await ChatClient.connect(server.url);
      open.push(c);
      return c;
    };
    const agent = async (i: number) => {
      const a = await AgentClient.signInAndConnect(server.url, accounts[i]!);
      open.push(a);
      return a;
    };
    /** The agent (of those given) who received an offer for the chat, and the offer. */
    const offered = async (agents: AgentClient[], chatId?: string, skip = new Set<AgentClient>()) => {
      let found: { agent: AgentClient; offer: OfferView } | undefined;
      await agents[0]!.until(() => {
        for (const a of agents) {
          if (skip.has(a)) continue;
          const offer = a.received["agent:offer"].find((o) => chatId === undefined || o.chatId === chatId);
          if (offer) found = { agent: a, offer };
        }
        return found !== undefined;
      }, 8000);
      return found!;
    };
    const settle = async () => {
      await server.app.desk.settled();
    };

    it("hands a chat over: queue, offer, accept with context, relay both ways, typing, close, survey", async () => {
      const [ann, bo] = [await agent(0), await agent(1)];
      const c = await citizen();
      await c.ask("社保卡丢了怎么办");
      const reply = await c.ask("我要转人工，太慢了");
      expect(reply.text).toContain("转接人工客服");
      expect(reply.quickReplies?.some((q) => "action" in q.payload && q.payload.action === "handoff")).toBe(
        true,
      );
      await c.until(() => c.handoff.some((h) => h.state === "offered" || h.state === "queued"));
      const status = c.handoff.at(-1)!;
      expect(status.position).toBe(1);
      expect(status.etaSec).toBeGreaterThan(0);

      const { agent: taker, offer } = await offered([ann, bo]);
      const other = taker === ann ? bo : ann;
      expect(offer.language).toBe("zh");
      expect(offer.skill).toBe("card");
      expect(offer.reason).toBe("explicit");
      const accepted = await taker.call("agent:accept", { chatId: offer.chatId });
      if (!accepted.ok) throw new Error(accepted.error.code);
      const context = accepted.context;
      expect(context.channel).toBe("web");
      expect(context.language).toBe("zh");
      expect(context.intent).toMatch(/^card\./);
      expect(context.transcript.map((m) => m.text)).toContain("我要转人工，太慢了");
      // The other agent cannot act on it.
      const stolen = await other.call("agent:message", {
        chatId: offer.chatId,
        clientId: "steal-0001",
        text: "hi",
      });
      expect(stolen.ok === false && stolen.error.code).toBe("HANDOFF_NOT_ASSIGNED");

      await c.until(() => c.handoff.at(-1)?.state === "connected");
      expect(c.handoff.at(-1)?.agentName).toBe(taker.hello.agent.displayName);

      // Agent → citizen.
      const sent = await taker.call("agent:message", {
        chatId: offer.chatId,
        clientId: "agent-msg-0001",
        text: "您好，我来帮您办理补卡",
      });
      expect(sent.ok).toBe(true);
      await c.until(() => c.replies.some((m) => m.role === "agent"));
      const fromAgent = c.replies.find((m) => m.role === "agent")!;
      expect(fromAgent.text).toBe("您好，我来帮您办理补卡");
      expect(fromAgent.agentName).toBe(taker.hello.agent.displayName);
      // A resend with the same clientId is stored once.
      await taker.call("agent:message", {
        chatId: offer.chatId,
        clientId: "agent-msg-0001",
        text: "您好，我来帮您办理补卡",
      });

      // Citizen → agent, and the bot stays quiet.
      const botRepliesBefore = c.replies.filter((m) => m.role === "bot").length;
      const ack = await c.send("好的，谢谢，我的电话是13812345678");
      expect(ack.ok).toBe(true);
      await taker.until(() => taker.received["agent:chat-message"].length > 0);
      const relayed = taker.received["agent:chat-message"][0]!;
      expect(relayed.chatId).toBe(offer.chatId);
      expect(relayed.message.text).not.toContain("13812345678");
      await new Promise((r) => setTimeout(r, 300));
      expect(c.replies.filter((m) => m.role === "bot").length).toBe(botRepliesBefore);

      // Typing both ways.
      await taker.call("agent:typing", { chatId: offer.chatId, typing: true });
      await c.until(() => c.typingFrom.some((t) => t.from === "agent" && t.typing));
      c.socket.emit("chat:typing", { typing: true });
      await taker.until(() => taker.received["agent:citizen-typing"].some((t) => t.typing));

      // Close with a wrap-up code: the citizen gets the survey.
      const closed = await taker.call("agent:close", {
        chatId: offer.chatId,
        wrapUp: "resolved",
        note: "补卡流程已说明",
      });
      expect(closed.ok).toBe(true);
      await c.until(() => c.replies.some((m) => m.survey));
      const survey = c.replies.find((m) => m.survey)!;
      expect(survey.survey?.handoffId).toBe(offer.chatId);
      await c.until(() => c.handoff.at(-1)?.state === "ended");
      const rated = await new Promise<{ ok: boolean }>((resolve) =>
        c.socket.emit("chat:survey", { handoffId: offer.chatId, rating: 5, comment: "很耐心" }, resolve),
      );
      expect(rated.ok).toBe(true);
      const again = await new Promise<{ ok: boolean }>((resolve) =>
        c.socket.emit("chat:survey", { handoffId: offer.chatId, rating: 1 }, resolve),
      );
      expect(again.ok).toBe(false);
      const record = await server.app.storage.handoffs.get(offer.chatId);
      expect(record).toMatchObject({
        status: "closed",
        wrapUp: "resolved",
        surveyRating: 5,
        surveyComment: "很耐心",
        agentId: taker.hello.agent.id,
      });
      const stored = await server.app.storage.messages.listRecent(c.session.conversationId, 100);
      expect(stored.filter((m) => m.role === "agent").length).toBe(1);
      expect(stored.find((m) => m.role === "citizen" && m.text.includes("谢谢"))?.textSealed).not.toBeNull();

      // After the close the bot answers again.
      const back = await c.ask("社保卡密码忘了怎么办");
      expect(back.role).toBe("bot");
    });

    it("re-offers to the other agent when an offer times out, and when it is declined", async () => {
      const [ann, bo] = [await agent(0), await agent(1)];
      const c = await citizen();
      await c.ask("转人工");
      const first = await offered([ann, bo]);
      const second = first.agent === ann ? bo : ann;
      // Nobody answers: it lapses and goes to the other agent.
      await first.agent.until(
        () => first.agent.received["agent:offer-withdrawn"].some((w) => w.chatId === first.offer.chatId),
        8000,
      );
      expect(first.agent.received["agent:offer-withdrawn"][0]?.reason).toBe("timeout");
      const again = await offered([second], first.offer.chatId);
      // The second agent declines: nobody is left who has not declined, so it waits.
      const declined = await again.agent.call("agent:decline", { chatId: first.offer.chatId });
      expect(declined.ok).toBe(true);
      await settle();
      const placement = await server.app.desk.requests.openHandoff(c.session.conversationId);
      expect(placement?.status).toBe("queued");
      // The citizen leaves the queue.
      const cancelled = await c.send("取消", { quickReply: { action: "handoff", command: "cancel" } });
      expect(cancelled.ok).toBe(true);
      await c.until(() => c.handoff.at(-1)?.state === "cancelled");
      expect(await server.app.desk.requests.openHandoff(c.session.conversationId)).toBeUndefined();
    });

    it("transfers a chat to a named colleague with a note, and back to the queue for a skill group", async () => {
      const [ann, bo] = [await agent(0), await agent(1)];
      const c = await citizen();
      await c.ask("养老金怎么算");
      await c.ask("转人工");
      const first = await offered([ann, bo]);
      const from = first.agent;
      const to = from === ann ? bo : ann;
      await from.call("agent:accept", { chatId: first.offer.chatId });
      // Not to yourself, not to someone unknown; a note is required.
      const self = await from.call("agent:transfer", {
        chatId: first.offer.chatId,
        toAgentId: from.hello.agent.id,
        note: "x",
      });
      expect(self.ok === false && self.error.code).toBe("HANDOFF_AGENT_UNAVAILABLE");
      const noNote = await from.call("agent:transfer", {
        chatId: first.offer.chatId,
        toAgentId: to.hello.agent.id,
        note: " ",
      });
      expect(noNote.ok === false && noNote.error.code).toBe("HANDOFF_BAD_PAYLOAD");
      const moved = await from.call("agent:transfer", {
        chatId: first.offer.chatId,
        toAgentId: to.hello.agent.id,
        note: "咨询养老金计算，已说明基本公式",
      });
      expect(moved.ok).toBe(true);
      await from.until(() =>
        from.received["agent:chat-ended"].some(
          (e) => e.chatId === first.offer.chatId && e.reason === "transferred",
        ),
      );
      const second = await offered([to], first.offer.chatId);
      expect(second.offer.transferNote).toBe("咨询养老金计算，已说明基本公式");
      expect(second.offer.arrivedAt).toBe(first.offer.arrivedAt);
      const accepted = await to.call("agent:accept", { chatId: first.offer.chatId });
      expect(accepted.ok && accepted.context.transferNote).toBe("咨询养老金计算，已说明基本公式");
      // The first agent no longer has it.
      const gone = await from.call("agent:message", {
        chatId: first.offer.chatId,
        clientId: "after-transfer",
        text: "hi",
      });
      expect(gone.ok === false && gone.error.code).toBe("HANDOFF_NOT_ASSIGNED");
      // Back to the queue for the medical group: the only other agent declined it by handing it on, so it waits.
      const toGroup = await to.call("agent:transfer", {
        chatId: first.offer.chatId,
        skill: "medical",
        note: "转医保组",
      });
      expect(toGroup.ok).toBe(true);
      await settle();
      const record = await server.app.storage.handoffs.get(first.offer.chatId);
      expect(record).toMatchObject({
        status: "queued",
        skill: "medical",
        transferNote: "转医保组",
        agentId: null,
      });
      await c.send("取消", { quickReply: { action: "handoff", command: "cancel" } });
      await c.until(() => c.handoff.at(-1)?.state === "cancelled");
    });

    it("puts an agent's chats back in the queue (arrival kept) when their socket stays away past the grace period", async () => {
      const ann = await agent(0);
      const c = await citizen();
      await c.ask("我要投诉，你们太差了");
      const { offer } = await offered([ann]);
      const accepted = await ann.call("agent:accept", { chatId: offer.chatId });
      expect(accepted.ok).toBe(true);
      ann.close();
      await c.until(() => c.replies.some((m) => m.role === "system" && m.text.includes("重新排队")), 8000);
      const record = await server.app.storage.handoffs.get(offer.chatId);
      expect(record?.status).toBe("queued");
      expect(record?.arrivedAt).toBe(offer.arrivedAt);
      // Another agent signs in and gets it.
      const bo = await agent(1);
      const next = await offered([bo], offer.chatId);
      expect(next.offer.arrivedAt).toBe(offer.arrivedAt);
      expect(next.offer.urgency).toBe("urgent");
      await bo.call("agent:accept", { chatId: offer.chatId });
      await bo.call("agent:close", { chatId: offer.chatId, wrapUp: "no_response" });
    });

    it("puts an agent's chats back at once when they sign out", async () => {
      const ann = await agent(0);
      const c = await citizen();
      await c.ask("转人工");
      const { offer } = await offered([ann]);
      await ann.call("agent:accept", { chatId: offer.chatId });
      const out = await ann.call("agent:sign-out", {});
      expect(out.ok).toBe(true);
      // No grace period: queued before the ack came back.
      expect((await server.app.storage.handoffs.get(offer.chatId))?.status).toBe("queued");
      await ann.until(() => ann.socket.disconnected);
      await c.until(() => c.replies.some((m) => m.role === "system" && m.text.includes("重新排队")));
      await c.send("取消", { quickReply: { action: "handoff", command: "cancel" } });
      await c.until(() => c.handoff.at(-1)?.state === "cancelled");
    });

    it("keeps an agent's chats when they reconnect within the grace period", async () => {
      const ann = await agent(0);
      const c = await citizen();
      await c.ask("转人工");
      const { offer } = await offered([ann]);
      const accepted = await ann.call("agent:accept", { chatId: offer.chatId });
      expect(accepted.ok ? "ok" : accepted.error.code).toBe("ok");
      ann.close();
      const back = await agent(0);
      expect(back.hello.chats.map((x) => x.chatId)).toContain(offer.chatId);
      await new Promise((r) => setTimeout(r, 1200));
      expect((await server.app.storage.handoffs.get(offer.chatId))?.status).toBe("active");
      await back.call("agent:close", { chatId: offer.chatId, wrapUp: "resolved" });
    });

    it("refuses outsiders and bad input: citizen tokens, wrong passwords, malformed events", async () => {
      const c = await citizen();
      await expect(AgentClient.connect(server.url, c.session.token)).rejects.toMatchObject({
        data: { code: "STAFF_BAD_TOKEN" },
      });
      const wrong = await signIn(server.url, accounts[0]!.username, "not-the-password");
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toBe("STAFF_BAD_CREDENTIALS");
      const unknown = await signIn(server.url, "nobody.here", "whatever-password");
      expect(unknown.status).toBe(401);
      const malformed = await fetch(`${server.url}/api/v1/staff/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "x" }),
      });
      expect(malformed.status).toBe(400);

      const ann = await agent(0);
      const bad = await ann.call("agent:close", { chatId: "x", wrapUp: "bogus" as never });
      expect(bad.ok === false && bad.error.code).toBe("HANDOFF_BAD_PAYLOAD");
      const notMine = await ann.call("agent:close", { chatId: "no-such-chat", wrapUp: "resolved" });
      expect(notMine.ok === false && notMine.error.code).toBe("HANDOFF_UNKNOWN_CHAT");
      const search = await ann.call("agent:kb-search", { query: "失业金怎么领" });
      expect(search.ok && search.results[0]?.faqId).toMatch(/unemployment/);
    });

    it("with nobody online, keeps the citizen in line and offers the chat to the first agent who comes online", async () => {
      const c = await citizen();
      const reply = await c.ask("转人工");
      expect(reply.text).toContain("您已在排队");
      expect(reply.quickReplies?.map((q) => q.payload)).toEqual([
        { action: "handoff", command: "leave_message" },
        { action: "handoff", command: "cancel" },
      ]);
      await c.until(() => c.handoff.at(-1)?.state === "queued");
      const waiting = c.handoff.at(-1)!;
      expect(waiting.waitingForAgents).toBe(true);
      expect(waiting.etaSec).toBeUndefined();
      // A minute later (here: a moment) an agent signs in: the chat is theirs to take.
      const ann = await agent(0);
      const { offer } = await offered([ann]);
      await c.until(() => c.handoff.some((h) => h.state === "offered"));
      const accepted = await ann.call("agent:accept", { chatId: offer.chatId });
      expect(accepted.ok).toBe(true);
      await c.until(() => c.handoff.at(-1)?.state === "connected");
    });

    it("takes a citizen out of the line when they leave the page while waiting, and says so when they return", async () => {
      const c = await ChatClient.connect(server.url);
      await c.ask("转人工");
      await c.until(() => c.handoff.at(-1)?.state === "queued");
      const token = c.session.token;
      const chatId = c.handoff.at(-1)!.handoffId;
      c.close();
      await new Promise((r) => setTimeout(r, 1600)); // past CITIZEN_GRACE_MS
      const ann = await agent(0);
      await new Promise((r) => setTimeout(r, 300));
      await settle();
      expect(ann.received["agent:offer"].filter((o) => o.chatId === chatId)).toEqual([]);
      expect((await server.app.storage.handoffs.get(chatId))?.status).toBe("cancelled");
      const back = await ChatClient.connect(server.url, { token });
      open.push(back);
      expect(back.session.messages.at(-1)?.text).toContain("您离开了页面");
    });

    it("keeps a citizen's place when they reload within the grace period", async () => {
      const c = await ChatClient.connect(server.url);
      await c.ask("转人工");
      await c.until(() => c.handoff.at(-1)?.state === "queued");
      const token = c.session.token;
      c.close();
      const back = await ChatClient.connect(server.url, { token });
      open.push(back);
      await back.until(() => back.handoff.at(-1)?.state === "queued");
      await new Promise((r) => setTimeout(r, 1600));
      const chatId = back.handoff.at(-1)!.handoffId;
      expect((await server.app.storage.handoffs.get(chatId))?.status).toBe("queued");
      const ann = await agent(0);
      const { offer } = await offered([ann], chatId);
      expect(offer.chatId).toBe(chatId);
    });

    it("does not pass a queue button pressed after an agent joined on to the agent", async () => {
      const c = await citizen();
      const ann = await agent(0);
      const queued = await c.ask("转人工");
      const cancel = queued.quickReplies?.find(
        (q) => "command" in q.payload && q.payload.command === "cancel",
      );
      const { offer } = await offered([ann]);
      await ann.call("agent:accept", { chatId: offer.chatId });
      await c.until(() => c.handoff.at(-1)?.state === "connected");
      const stale = await c.ask(cancel!.label, { quickReply: cancel!.payload });
      expect(stale.text).toContain("按钮已失效");
      await new Promise((r) => setTimeout(r, 200));
      expect(ann.received["agent:chat-message"].filter((m) => m.chatId === offer.chatId)).toEqual([]);
      // Still connected: the chat goes on.
      expect(c.handoff.at(-1)?.state).toBe("connected");
    });

    it("lets a waiting citizen leave a message instead; an agent answers it later", async () => {
      const c = await citizen();
      const reply = await c.ask("转人工");
      const leave = reply.quickReplies?.find(
        (q) => "command" in q.payload && q.payload.command === "leave_message",
      );
      const prompt = await c.ask(leave!.label, { quickReply: leave!.payload });
      expect(prompt.text).toContain("请输入您的留言");
      await c.until(() => c.handoff.at(-1)?.state === "cancelled");
      const receipt = await c.ask("我的养老金这个月没到账，请回电13812345678，身份证110105199104120132");
      expect(receipt.text).toContain("留言已收到");
      const ann = await agent(0);
      await new Promise((r) => setTimeout(r, 300));
      // A message left is not also a chat in line.
      expect(await server.app.storage.handoffs.open(c.session.conversationId)).toBeUndefined();
      const tickets = await ann.call("agent:tickets", {});
      if (!tickets.ok) throw new Error(tickets.error.code);
      const ticket = tickets.tickets.find((t) => t.conversationId === c.session.conversationId)!;
      expect(ticket.text).toContain("养老金");
      expect(ticket.text).not.toContain("110105199104120132");
      expect(ticket.text).not.toContain("13812345678");
      // The number left to be called back on: shown in full to the agent handling it, on request.
      expect(ticket.hasCallback).toBe(true);
      const callback = await ann.call("agent:ticket-callback", { ticketId: ticket.id });
      expect(callback.ok && callback.number).toBe("13812345678");
      const answered = await ann.call("agent:ticket-reply", {
        ticketId: ticket.id,
        text: "已为您查询，款项将于三日内到账。",
      });
      expect(answered.ok).toBe(true);
      await c.until(() => c.replies.some((m) => m.role === "agent" && m.text.includes("三日内")));
      const twice = await ann.call("agent:ticket-reply", { ticketId: ticket.id, text: "again" });
      expect(twice.ok === false && twice.error.code).toBe("HANDOFF_UNKNOWN_TICKET");
    });
  });
}
