import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newHandoff } from "../../src/handoff/requests.js";
import type {
  ConversationRecord,
  HandoffRecord,
  NewMessage,
  StaffRecord,
  Storage,
  TicketRecord,
} from "../../src/storage/ports.js";

/** The behaviour every storage adapter must show; run against each adapter. */
export function storageContract(name: string, open: () => Promise<{ storage: Storage; reopen(): Promise<Storage>; dispose(): void }>) {
  describe(`storage contract: ${name}`, () => {
    let ctx: Awaited<ReturnType<typeof open>>;
    let s: Storage;
    const at = "2026-11-28T12:00:00.000Z";
    const conversation = (): ConversationRecord => {
      const id = randomUUID();
      return { id, channel: "web", key: id, locale: "zh", createdAt: at, updatedAt: at };
    };
    const message = (conversationId: string, extra: Partial<NewMessage> = {}): NewMessage => ({
      id: randomUUID(),
      conversationId,
      role: "citizen",
      text: "你好",
      textSealed: null,
      clientId: randomUUID(),
      createdAt: at,
      meta: {},
      ...extra,
    });

    const staffMember = (username: string, extra: Partial<StaffRecord> = {}): StaffRecord => ({
      roles: ["agent"],
      id: randomUUID(),
      totpSecretSealed: null,
      totpLastStep: 0,
      recoveryCodeHashes: [],
      requireSecondFactor: false,
      username,
      displayName: `Agent ${username}`,
      passwordHash: "scrypt$32768$8$1$c2FsdA==$aGFzaA==",
      languages: ["zh", "en"],
      skills: ["pension", "card"],
      capacity: 3,
      disabled: false,
      createdAt: at,
      ...extra,
    });
    const handoff = (conversationId: string, extra: Partial<HandoffRecord> = {}): HandoffRecord => ({
      ...newHandoff({
        id: randomUUID(),
        conversationId,
        reason: "asked_for_agent",
        urgency: "normal",
        language: "zh",
        skill: "pension",
        intent: "pension.transfer",
        arrivedAt: at,
      }),
      ...extra,
    });
    const ticket = (conversationId: string, extra: Partial<TicketRecord> = {}): TicketRecord => ({
      id: randomUUID(),
      conversationId,
      language: "zh",
      text: "请回电 138****5678",
      textSealed: "v1.sealed-ticket",
      hasCallback: true,
      status: "open",
      createdAt: at,
      answeredBy: null,
      answeredAt: null,
      ...extra,
    });
    /** An ISO instant `sec` seconds after `at`. */
    const later = (sec: number) => new Date(Date.parse(at) + sec * 1000).toISOString();
    const newConversation = async () => {
      const c = conversation();
      await s.conversations.create(c);
      return c.id;
    };
    /** A closed handoff accepted at `acceptSec` and closed `handleSec` later (seconds after `at`). */
    const closedHandoff = (conversationId: string, acceptSec: number, handleSec: number) =>
      handoff(conversationId, {
        status: "closed",
        agentId: "agent-1",
        acceptedAt: later(acceptSec),
        closedAt: later(acceptSec + handleSec),
        wrapUp: "resolved",
      });

    beforeEach(async () => {
      ctx = await open();
      s = ctx.storage;
    });
    afterEach(async () => {
      await s.close();
      ctx.dispose();
    });

    it("stores conversations and changes their locale", async () => {
      const c = conversation();
      await s.conversations.create(c);
      expect(await s.conversations.get(c.id)).toEqual(c);
      await s.conversations.setLocale(c.id, "en", "2026-11-28T13:00:00.000Z");
      expect(await s.conversations.get(c.id)).toMatchObject({ locale: "en", updatedAt: "2026-11-28T13:00:00.000Z" });
      expect(await s.conversations.get("missing")).toBeUndefined();
    });

    it("keeps delayed jobs until they are removed: one per kind and key, the latest wins", async () => {
      await s.delayedJobs.save({ kind: "offer-timeout", key: "h1", payload: { agentId: "a1" }, dueAt: 2000 });
      await s.delayedJobs.save({ kind: "flow-expiry", key: "c1", payload: {}, dueAt: 1000 });
      await s.delayedJobs.save({ kind: "offer-timeout", key: "h1", payload: { agentId: "a2" }, dueAt: 3000 });
      expect(await s.delayedJobs.all()).toEqual([
        { kind: "flow-expiry", key: "c1", payload: {}, dueAt: 1000 },
        { kind: "offer-timeout", key: "h1", payload: { agentId: "a2" }, dueAt: 3000 },
      ]);
      await s.delayedJobs.remove("flow-expiry", "c1");
      await s.delayedJobs.remove("flow-expiry", "never-there");
      expect((await s.delayedJobs.all()).map((j) => j.key)).toEqual(["h1"]);
    });

    it("finds a conversation by its channel's key, or opens one; two first messages at once open one", async () => {
      const follower = (): ConversationRecord => ({ ...conversation(), channel: "wechat", key: "oFollower-1" });
      const [first, second] = await Promise.all([s.conversations.findOrCreateByKey(follower()), s.conversations.findOrCreateByKey(follower())]);
      expect([first.created, second.created].sort()).toEqual([false, true]);
      expect(first.conversation).toEqual(second.conversation);
      expect(first.conversation).toMatchObject({ channel: "wechat", key: "oFollower-1" });
      const later = await s.conversations.findOrCreateByKey(follower());
      expect(later).toEqual({ conversation: first.conversation, created: false });
      // The same key on another channel is another conversation; a web conversation's key is its id.
      const web = conversation();
      await s.conversations.create(web);
      const other = await s.conversations.findOrCreateByKey({ ...conversation(), key: "oFollower-1" });
      expect(other.created).toBe(true);
      expect(await s.conversations.findOrCreateByKey({ ...conversation(), key: web.id })).toEqual({ conversation: web, created: false });
    });

    it("numbers messages 1, 2, 3 per conversation, even when appended concurrently", async () => {
      const a = conversation();
      const b = conversation();
      await s.conversations.create(a);
      await s.conversations.create(b);
      const stored = await Promise.all(Array.from({ length: 20 }, (_, i) => s.messages.append(message(i % 2 ? a.id : b.id))));
      const seqs = (id: string) => stored.filter((m) => m.conversationId === id).map((m) => m.seq).sort((x, y) => x - y);
      expect(seqs(a.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(seqs(b.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const recent = await s.messages.listRecent(a.id, 3);
      expect(recent.map((m) => m.seq)).toEqual([8, 9, 10]);
    });

    it("finds a message by its client id, stores a resent one once, and finds the next message", async () => {
      const c = conversation();
      await s.conversations.create(c);
      const first = await s.messages.append(message(c.id, { clientId: "client-1", meta: { intent: "card.lost" } }));
      // The same clientId again: the earlier message comes back, nothing new is stored.
      expect(await s.messages.append(message(c.id, { clientId: "client-1", text: "again" }))).toEqual(first);
      expect((await s.messages.listRecent(c.id, 10)).length).toBe(1);
      const reply = await s.messages.append(message(c.id, { clientId: null, role: "bot", meta: { faqId: "faq-card-lost" } }));
      expect(await s.messages.findByClientId(c.id, "client-1")).toEqual(first);
      expect(await s.messages.next(c.id, first.seq)).toEqual(reply);
      expect(await s.messages.get(reply.id)).toEqual(reply);
    });

    it("keeps a conversation's sealed flow state and links applications to conversations", async () => {
      const c = conversation();
      await s.conversations.create(c);
      expect(await s.conversations.getFlowState(c.id)).toBeNull();
      await s.conversations.setFlowState(c.id, "v1.sealed-state", at);
      expect(await s.conversations.getFlowState(c.id)).toBe("v1.sealed-state");
      await s.conversations.setFlowState(c.id, null, at);
      expect(await s.conversations.getFlowState(c.id)).toBeNull();
      await s.applicationLinks.link("SQ20261128000001", c.id, at);
      await s.applicationLinks.link("SQ20261128000001", c.id, at);
      expect(await s.applicationLinks.conversationsFor("SQ20261128000001")).toEqual([c.id]);
      expect(await s.applicationLinks.conversationsFor("SQ20261128000002")).toEqual([]);
    });

    it("keeps one rating per message, the latest winning", async () => {
      const c = conversation();
      await s.conversations.create(c);
      const m = await s.messages.append(message(c.id, { role: "bot", clientId: null }));
      await s.feedback.set({ messageId: m.id, conversationId: c.id, rating: "up", createdAt: at });
      await s.feedback.set({ messageId: m.id, conversationId: c.id, rating: "down", createdAt: at });
      expect(await s.feedback.forConversation(c.id)).toEqual([{ messageId: m.id, conversationId: c.id, rating: "down", createdAt: at }]);
    });

    it("stores staff accounts, finds them by id and username, and lists them", async () => {
      const a = staffMember("wang.fang");
      const b = staffMember("chen.jie", { languages: ["zh"], skills: ["*"], capacity: 5, disabled: true });
      await s.staff.create(a);
      await s.staff.create(b);
      expect(await s.staff.get(a.id)).toEqual(a);
      expect(await s.staff.get(b.id)).toEqual(b);
      expect(await s.staff.findByUsername("chen.jie")).toEqual(b);
      expect(await s.staff.get("missing")).toBeUndefined();
      expect(await s.staff.findByUsername("nobody")).toBeUndefined();
      const listed = await s.staff.list();
      expect([...listed].sort((x, y) => x.username.localeCompare(y.username))).toEqual([b, a]);
    });

    it("refuses a second staff account with a taken username", async () => {
      const first = staffMember("wang.fang");
      await s.staff.create(first);
      await expect(s.staff.create(staffMember("wang.fang"))).rejects.toThrow();
      expect(await s.staff.list()).toEqual([first]);
      expect(await s.staff.findByUsername("wang.fang")).toEqual(first);
    });

    it("stores handoffs and finds a conversation's open one (queued or active only)", async () => {
      const c1 = await newConversation();
      const c2 = await newConversation();
      const c3 = await newConversation();
      const queued = handoff(c1, { arrivedAt: later(30), intent: null });
      const active = handoff(c2, { status: "active", arrivedAt: later(10), agentId: "agent-1", acceptedAt: later(20) });
      const closed = closedHandoff(c3, 0, 60);
      const cancelled = handoff(c3, { status: "cancelled", arrivedAt: later(5) });
      for (const h of [queued, active, closed, cancelled]) await s.handoffs.create(h);
      expect(await s.handoffs.get(queued.id)).toEqual(queued);
      expect(await s.handoffs.get(closed.id)).toEqual(closed);
      expect(await s.handoffs.get("missing")).toBeUndefined();
      expect(await s.handoffs.open(c1)).toEqual(queued);
      expect(await s.handoffs.open(c2)).toEqual(active);
      expect(await s.handoffs.open(c3)).toBeUndefined();
      expect(await s.handoffs.open("missing")).toBeUndefined();
      // Every open handoff, oldest arrival first.
      expect(await s.handoffs.listOpen()).toEqual([active, queued]);
    });

    it("updates only the handoff fields given", async () => {
      const c = await newConversation();
      const h = handoff(c, { surveyComment: "kept" });
      const other = handoff(await newConversation());
      await s.handoffs.create(h);
      await s.handoffs.create(other);
      await s.handoffs.update(h.id, { status: "active", agentId: "agent-7", acceptedAt: later(40) });
      const accepted = { ...h, status: "active" as const, agentId: "agent-7", acceptedAt: later(40) };
      expect(await s.handoffs.get(h.id)).toEqual(accepted);
      await s.handoffs.update(h.id, { intent: null, surveyRating: 5 });
      expect(await s.handoffs.get(h.id)).toEqual({ ...accepted, intent: null, surveyRating: 5 });
      await s.handoffs.update(h.id, {});
      expect(await s.handoffs.get(h.id)).toEqual({ ...accepted, intent: null, surveyRating: 5 });
      // Another handoff is untouched.
      expect(await s.handoffs.get(other.id)).toEqual(other);
      // Closing takes it out of the open ones.
      await s.handoffs.update(h.id, { status: "closed", closedAt: later(100) });
      expect(await s.handoffs.open(c)).toBeUndefined();
      expect((await s.handoffs.listOpen()).map((x) => x.id)).toEqual([other.id]);
    });

    it("refuses a second open handoff for one conversation, and allows a new one once it is closed", async () => {
      const c = await newConversation();
      const first = handoff(c);
      await s.handoffs.create(first);
      await expect(s.handoffs.create(handoff(c))).rejects.toThrow();
      await expect(s.handoffs.create(handoff(c, { status: "active", agentId: "agent-1", acceptedAt: at }))).rejects.toThrow();
      // Finished handoffs do not count.
      await s.handoffs.create(handoff(c, { status: "cancelled" }));
      await s.handoffs.create(closedHandoff(c, 0, 30));
      expect(await s.handoffs.open(c)).toEqual(first);
      await s.handoffs.update(first.id, { status: "cancelled" });
      const second = handoff(c, { arrivedAt: later(60) });
      await s.handoffs.create(second);
      expect(await s.handoffs.open(c)).toEqual(second);
    });

    it("refuses to reopen a second handoff of one conversation by an update", async () => {
      const c = await newConversation();
      const done = closedHandoff(c, 0, 30);
      await s.handoffs.create(done);
      const current = handoff(c);
      await s.handoffs.create(current);
      await expect(s.handoffs.update(done.id, { status: "queued" })).rejects.toThrow();
      expect((await s.handoffs.get(done.id))!.status).toBe("closed");
    });

    it("gives the mean handle time of the last closed handoffs, null before any", async () => {
      expect(await s.handoffs.meanHandleSeconds(10)).toBeNull();
      const c = await newConversation();
      // Open and cancelled handoffs, and a closed one never accepted, do not count.
      await s.handoffs.create(handoff(c, { status: "active", agentId: "agent-1", acceptedAt: later(0) }));
      await s.handoffs.create(handoff(c, { status: "cancelled", acceptedAt: later(0), closedAt: later(999) }));
      await s.handoffs.create(handoff(c, { status: "closed", closedAt: later(5) }));
      expect(await s.handoffs.meanHandleSeconds(10)).toBeNull();
      // Closed in this order: 60 s, 120 s, 300 s, then 30 s.
      await s.handoffs.create(closedHandoff(c, 0, 60));
      await s.handoffs.create(closedHandoff(c, 100, 120));
      await s.handoffs.create(closedHandoff(c, 1000, 300));
      await s.handoffs.create(closedHandoff(c, 2000, 30));
      expect(await s.handoffs.meanHandleSeconds(10)).toBeCloseTo((60 + 120 + 300 + 30) / 4, 3);
      expect(await s.handoffs.meanHandleSeconds(2)).toBeCloseTo((300 + 30) / 2, 3);
      expect(await s.handoffs.meanHandleSeconds(1)).toBeCloseTo(30, 3);
    });

    it("lists the chats an agent closed since a time, newest first", async () => {
      const c = await newConversation();
      const mine = [closedHandoff(c, 0, 60), closedHandoff(c, 100, 60), closedHandoff(c, 200, 60)].map((h) => ({ ...h, agentId: "agent-7" }));
      for (const h of mine) await s.handoffs.create(h);
      await s.handoffs.create({ ...closedHandoff(c, 300, 60), agentId: "agent-8" });
      await s.handoffs.create(handoff(c, { status: "active", agentId: "agent-7", acceptedAt: later(400) }));
      const all = await s.handoffs.closedBy("agent-7", later(0), 10);
      expect(all.map((h) => h.id)).toEqual([mine[2]!.id, mine[1]!.id, mine[0]!.id]);
      expect((await s.handoffs.closedBy("agent-7", later(200), 10)).map((h) => h.id)).toEqual([mine[2]!.id]);
      expect((await s.handoffs.closedBy("agent-7", later(0), 1)).map((h) => h.id)).toEqual([mine[2]!.id]);
      expect(await s.handoffs.closedBy("nobody", later(0), 10)).toEqual([]);
    });

    it("stores tickets, lists them by status in created order, and answers each once", async () => {
      const c = await newConversation();
      const t2 = ticket(c, { createdAt: later(20) });
      const t1 = ticket(c, { createdAt: later(10), textSealed: null, language: "en" });
      const t3 = ticket(c, { createdAt: later(30) });
      for (const t of [t2, t1, t3]) await s.tickets.create(t);
      expect(await s.tickets.get(t1.id)).toEqual(t1);
      expect(await s.tickets.get("missing")).toBeUndefined();
      expect(await s.tickets.list("open", 10)).toEqual([t1, t2, t3]);
      expect(await s.tickets.list("open", 2)).toEqual([t1, t2]);
      expect(await s.tickets.list("answered", 10)).toEqual([]);

      expect(await s.tickets.markAnswered(t2.id, "agent-1", later(60))).toBe(true);
      expect(await s.tickets.markAnswered(t2.id, "agent-2", later(61))).toBe(false);
      expect(await s.tickets.markAnswered("missing", "agent-2", later(61))).toBe(false);
      const answered = { ...t2, status: "answered" as const, answeredBy: "agent-1", answeredAt: later(60) };
      expect(await s.tickets.get(t2.id)).toEqual(answered);
      expect(await s.tickets.list("open", 10)).toEqual([t1, t3]);
      expect(await s.tickets.list("answered", 10)).toEqual([answered]);
    });

    it("keeps staff, handoffs and tickets across a close and a reopen", async () => {
      const c = await newConversation();
      const agent = staffMember("zhao.lei");
      const open = handoff(c, { status: "active", agentId: agent.id, acceptedAt: later(5) });
      const done = closedHandoff(c, 0, 90);
      const t = ticket(c);
      await s.staff.create(agent);
      await s.handoffs.create(done);
      await s.handoffs.create(open);
      await s.tickets.create(t);
      await s.tickets.markAnswered(t.id, agent.id, later(10));
      await s.close();
      s = await ctx.reopen();
      expect(await s.staff.findByUsername("zhao.lei")).toEqual(agent);
      expect(await s.handoffs.open(c)).toEqual(open);
      expect(await s.handoffs.listOpen()).toEqual([open]);
      expect(await s.handoffs.get(done.id)).toEqual(done);
      expect(await s.handoffs.meanHandleSeconds(10)).toBeCloseTo(90, 3);
      expect(await s.tickets.get(t.id)).toMatchObject({ status: "answered", answeredBy: agent.id, answeredAt: later(10) });
      // The one-open-handoff rule holds after a reopen too.
      await expect(s.handoffs.create(handoff(c))).rejects.toThrow();
      await expect(s.staff.create(staffMember("zhao.lei"))).rejects.toThrow();
    });

    it("keeps everything across a close and a reopen", async () => {
      const c = conversation();
      await s.conversations.create(c);
      const m = await s.messages.append(message(c.id, { text: "1101**********002X", textSealed: "v1.sealed" }));
      await s.close();
      s = await ctx.reopen();
      expect(await s.messages.listRecent(c.id, 10)).toEqual([m]);
      expect(await s.ping()).toBe(true);
    });
  });
}
