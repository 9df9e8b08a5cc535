import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationRecord, Storage } from "../../src/storage/ports.js";
import { later, RECORDS_AT, records } from "../testing/storage-records.js";

/**
 * The behaviour of a whole store (every port on one adapter) beyond what each group's contract
 * shows (tests/contract/storage/: conversations, staff, handoffs, knowledge, the inbox): run
 * against each adapter.
 */
export function storageContract(name: string, open: () => Promise<{ storage: Storage; reopen(): Promise<Storage>; dispose(): void }>) {
  describe(`storage contract: ${name}`, () => {
    let ctx: Awaited<ReturnType<typeof open>>;
    let s: Storage;
    const at = RECORDS_AT;
    const { message, staffMember, handoff, ticket, closedHandoff } = records;
    const conversation = (): ConversationRecord => records.conversation();
    const newConversation = async () => {
      const c = conversation();
      await s.conversations.create(c);
      return c.id;
    };

    beforeEach(async () => {
      ctx = await open();
      s = ctx.storage;
    });
    afterEach(async () => {
      await s.close();
      ctx.dispose();
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
