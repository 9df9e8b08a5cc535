import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationRecord, NewMessage, Storage } from "../../src/storage/ports.js";

/** The behaviour every storage adapter must show; run against each adapter. */
export function storageContract(name: string, open: () => Promise<{ storage: Storage; reopen(): Promise<Storage>; dispose(): void }>) {
  describe(`storage contract: ${name}`, () => {
    let ctx: Awaited<ReturnType<typeof open>>;
    let s: Storage;
    const at = "2026-11-28T12:00:00.000Z";
    const conversation = (): ConversationRecord => ({ id: randomUUID(), channel: "web", locale: "zh", createdAt: at, updatedAt: at });
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

    it("finds a message by its client id, refuses a duplicate one, and finds the next message", async () => {
      const c = conversation();
      await s.conversations.create(c);
      const first = await s.messages.append(message(c.id, { clientId: "client-1", meta: { intent: "card.lost" } }));
      await expect(s.messages.append(message(c.id, { clientId: "client-1" }))).rejects.toThrow();
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
