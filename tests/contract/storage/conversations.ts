import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FieldCipher } from "../../../src/security/field-cipher.js";
import type { ConversationRecord, Storage } from "../../../src/storage/ports.js";
import { later, RECORDS_AT, records } from "../../testing/storage-records.js";

/** The stores this contract covers. */
export type ConversationStores = Pick<Storage, "conversations" | "messages" | "feedback" | "applicationLinks">;

/** One adapter's conversation stores on a database the test may fill, and ways to look under them. */
export interface OpenedConversationStores {
  stores: ConversationStores;
  /** Closes the connection (or file) and opens the stores again on the same data. */
  reopen(): Promise<ConversationStores>;
  /** Everything the database holds for these stores, as it keeps it (to look for plaintext). */
  rawBytes(): Promise<Buffer>;
  /** Closes whatever is open now (after a reopen, the new one). */
  close(): Promise<void>;
}

/**
 * The behaviour of the conversation ports (conversations, messages, feedback, application links)
 * every adapter must show. Tests may share one database, so every key and id is made fresh.
 */
export function conversationStoresContract(name: string, open: () => Promise<OpenedConversationStores>) {
  describe(`conversation stores contract: ${name}`, () => {
    let ctx: OpenedConversationStores;
    let s: ConversationStores;
    const at = RECORDS_AT;
    const { conversation, message } = records;
    const newConversation = async (extra: Partial<ConversationRecord> = {}) => {
      const c = conversation(extra);
      await s.conversations.create(c);
      return c;
    };
    const follower = () => `oFollower-${randomUUID()}`;

    beforeEach(async () => {
      ctx = await open();
      s = ctx.stores;
    });
    afterEach(async () => {
      await ctx.close();
    });

    describe("conversations", () => {
      it("stores conversations and changes their locale", async () => {
        const c = await newConversation();
        expect(await s.conversations.get(c.id)).toEqual(c);
        await s.conversations.setLocale(c.id, "en", later(3600));
        expect(await s.conversations.get(c.id)).toEqual({ ...c, locale: "en", updatedAt: later(3600) });
        expect(await s.conversations.get("missing")).toBeUndefined();
        // Changing a conversation that is not there changes nothing and is not an error.
        await s.conversations.setLocale("missing", "en", at);
        expect(await s.conversations.get("missing")).toBeUndefined();
      });

      it("refuses a second conversation with a taken id, or a taken key on the same channel", async () => {
        const c = await newConversation();
        await expect(s.conversations.create({ ...conversation(), id: c.id })).rejects.toThrow();
        const key = follower();
        await newConversation({ channel: "wechat", key });
        await expect(s.conversations.create(conversation({ channel: "wechat", key }))).rejects.toThrow();
        // The same key on another channel is another conversation.
        await newConversation({ channel: "web", key });
        expect(await s.conversations.get(c.id)).toEqual(c);
      });

      it("finds a conversation by its channel's key, or opens one; two first messages at once open one", async () => {
        const key = follower();
        const mine = (): ConversationRecord => conversation({ channel: "wechat", key });
        const [first, second] = await Promise.all([s.conversations.findOrCreateByKey(mine()), s.conversations.findOrCreateByKey(mine())]);
        expect([first.created, second.created].sort()).toEqual([false, true]);
        expect(first.conversation).toEqual(second.conversation);
        expect(first.conversation).toMatchObject({ channel: "wechat", key });
        expect(await s.conversations.get(first.conversation.id)).toEqual(first.conversation);
        expect(await s.conversations.findOrCreateByKey(mine())).toEqual({ conversation: first.conversation, created: false });
        // The same key on another channel is another conversation; a web conversation's key is its id.
        const web = await newConversation();
        const other = await s.conversations.findOrCreateByKey(conversation({ key }));
        expect(other.created).toBe(true);
        expect(other.conversation.id).not.toBe(first.conversation.id);
        expect(await s.conversations.findOrCreateByKey(conversation({ key: web.id }))).toEqual({ conversation: web, created: false });
      });

      it("opens exactly one conversation when 50 first messages of one follower arrive at once", async () => {
        const key = follower();
        const results = await Promise.all(
          Array.from({ length: 50 }, () => s.conversations.findOrCreateByKey(conversation({ channel: "wechat", key }))),
        );
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
        const winner = results.find((r) => r.created)?.conversation;
        expect(results.every((r) => JSON.stringify(r.conversation) === JSON.stringify(winner))).toBe(true);
      });

      it("keeps how a channel reaches the citizen later, sealed as given, apart from the record and across a reopen", async () => {
        const c = await newConversation({ channel: "wechat", key: follower() });
        const other = await newConversation({ channel: "wechat", key: follower() });
        expect(await s.conversations.getContact(c.id)).toBeNull();
        await s.conversations.setContact(c.id, "v1.sealed-openid");
        await s.conversations.setContact(c.id, "v1.sealed-openid-2");
        expect(await s.conversations.getContact(c.id)).toBe("v1.sealed-openid-2");
        expect(await s.conversations.getContact(other.id)).toBeNull();
        expect(await s.conversations.get(c.id)).toEqual(c);
        expect(await s.conversations.getContact("missing")).toBeNull();
        s = await ctx.reopen();
        expect(await s.conversations.getContact(c.id)).toBe("v1.sealed-openid-2");
      });

      it("keeps a conversation's sealed flow state apart from the record, and null when cleared", async () => {
        const c = await newConversation();
        expect(await s.conversations.getFlowState(c.id)).toBeNull();
        await s.conversations.setFlowState(c.id, "v1.sealed-state", later(60));
        expect(await s.conversations.getFlowState(c.id)).toBe("v1.sealed-state");
        // The record does not carry the state; the change moves updatedAt.
        expect(await s.conversations.get(c.id)).toEqual({ ...c, updatedAt: later(60) });
        await s.conversations.setFlowState(c.id, null, later(120));
        expect(await s.conversations.getFlowState(c.id)).toBeNull();
        expect(await s.conversations.getFlowState("missing")).toBeNull();
      });
    });

    describe("messages", () => {
      it("numbers 50 messages appended at once 1 to 50, with no gap and no duplicate", async () => {
        const c = await newConversation();
        const stored = await Promise.all(Array.from({ length: 50 }, () => s.messages.append(message(c.id))));
        expect(stored.map((m) => m.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        const all = await s.messages.listRecent(c.id, 100);
        expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
        // What each append returned is what is stored under its seq.
        const bySeq = new Map(all.map((m) => [m.seq, m]));
        for (const m of stored) expect(bySeq.get(m.seq)).toEqual(m);
        expect(await s.messages.append(message(c.id))).toMatchObject({ seq: 51 });
      });

      it("numbers each conversation on its own, even when appended concurrently", async () => {
        const a = await newConversation();
        const b = await newConversation();
        const stored = await Promise.all(Array.from({ length: 20 }, (_, i) => s.messages.append(message(i % 2 ? a.id : b.id))));
        const seqs = (id: string) =>
          stored
            .filter((m) => m.conversationId === id)
            .map((m) => m.seq)
            .sort((x, y) => x - y);
        expect(seqs(a.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(seqs(b.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect((await s.messages.listRecent(a.id, 3)).map((m) => m.seq)).toEqual([8, 9, 10]);
      });

      it("finds a message by its client id, stores a resent one once, and finds the next message", async () => {
        const c = await newConversation();
        const first = await s.messages.append(message(c.id, { clientId: "client-1", meta: { intent: "card.lost" } }));
        expect(first).toMatchObject({ seq: 1, clientId: "client-1", meta: { intent: "card.lost" } });
        // The same clientId again: the earlier message comes back, nothing new is stored.
        expect(await s.messages.append(message(c.id, { clientId: "client-1", text: "again" }))).toEqual(first);
        expect(await s.messages.listRecent(c.id, 10)).toEqual([first]);
        const reply = await s.messages.append(
          message(c.id, { clientId: null, role: "bot", meta: { faqId: "faq-card-lost", replyTo: first.id } }),
        );
        expect(reply.seq).toBe(2);
        expect(await s.messages.findByClientId(c.id, "client-1")).toEqual(first);
        expect(await s.messages.findByClientId(c.id, "client-2")).toBeUndefined();
        expect(await s.messages.next(c.id, first.seq)).toEqual(reply);
        expect(await s.messages.get(reply.id)).toEqual(reply);
        expect(await s.messages.get("missing")).toBeUndefined();
        // A client id is the sender's within one conversation: another conversation may use it.
        const d = await newConversation();
        const elsewhere = await s.messages.append(message(d.id, { clientId: "client-1" }));
        expect(elsewhere.id).not.toBe(first.id);
        expect(await s.messages.findByClientId(d.id, "client-1")).toEqual(elsewhere);
      });

      it("stores a message resent 50 times at once exactly once", async () => {
        const c = await newConversation();
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => s.messages.append(message(c.id, { clientId: "resent", text: `copy ${i}` }))),
        );
        expect(new Set(results.map((m) => m.id)).size).toBe(1);
        expect(results.every((m) => m.seq === 1)).toBe(true);
        const stored = await s.messages.listRecent(c.id, 100);
        expect(stored).toHaveLength(1);
        expect(results[0]).toEqual(stored[0]);
        expect(await s.messages.findByClientId(c.id, "resent")).toEqual(stored[0]);
      });

      it("never mistakes messages without a client id for resends (FerretDB: no partial index, so the key falls back to the message id)", async () => {
        const c = await newConversation();
        const stored = await Promise.all(Array.from({ length: 5 }, () => s.messages.append(message(c.id, { clientId: null, role: "bot" }))));
        expect(new Set(stored.map((m) => m.id)).size).toBe(5);
        expect((await s.messages.listRecent(c.id, 10)).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
        expect((await s.messages.listRecent(c.id, 10)).every((m) => m.clientId === null)).toBe(true);
      });

      it("refuses a reused message id instead of retrying it (FerretDB's duplicate-key error names no index)", async () => {
        const c = await newConversation();
        const first = await s.messages.append(message(c.id, { clientId: null }));
        await expect(s.messages.append(message(c.id, { id: first.id, clientId: null, text: "other" }))).rejects.toThrow();
        await expect(s.messages.append(message(c.id, { id: first.id, clientId: "fresh" }))).rejects.toThrow();
        expect(await s.messages.listRecent(c.id, 10)).toEqual([first]);
        expect(await s.messages.findByClientId(c.id, "fresh")).toBeUndefined();
      });

      it("refuses a message, a rating or a link that names nothing stored", async () => {
        await expect(s.messages.append(message("no-such-conversation"))).rejects.toThrow();
        const c = await newConversation();
        await expect(s.feedback.set({ messageId: "no-such-message", conversationId: c.id, rating: "up", createdAt: at })).rejects.toThrow();
        await expect(s.applicationLinks.link("SQ20261128000009", "no-such-conversation", at)).rejects.toThrow();
        expect(await s.messages.listRecent("no-such-conversation", 10)).toEqual([]);
        expect(await s.feedback.forConversation(c.id)).toEqual([]);
        expect(await s.applicationLinks.conversationsFor("SQ20261128000009")).toEqual([]);
      });

      it("pages through a conversation: the latest n oldest first, and next after a seq", async () => {
        const c = await newConversation();
        const stored = [];
        for (let i = 1; i <= 7; i++) {
          stored.push(
            await s.messages.append(
              message(c.id, {
                role: i % 2 ? "citizen" : "bot",
                clientId: i % 2 ? `client-${i}` : null,
                text: `message ${i}`,
                createdAt: later(i),
                meta: i % 2 ? {} : { faqId: `faq-${i}`, quickReplies: [{ label: "人工", payload: { action: "agent" } }], confidence: 0.5 },
              }),
            ),
          );
        }
        // Another conversation's messages are not in this one's pages.
        await s.messages.append(message((await newConversation()).id));
        expect(await s.messages.listRecent(c.id, 3)).toEqual(stored.slice(4));
        expect(await s.messages.listRecent(c.id, 7)).toEqual(stored);
        expect(await s.messages.listRecent(c.id, 100)).toEqual(stored);
        expect(await s.messages.listRecent(c.id, 1)).toEqual([stored[6]]);
        const walked = [];
        for (let m = await s.messages.next(c.id, 0); m; m = await s.messages.next(c.id, m.seq)) walked.push(m);
        expect(walked).toEqual(stored);
        expect(await s.messages.next(c.id, 7)).toBeUndefined();
        expect(await s.messages.next(c.id, 2.5)).toEqual(stored[2]);
        expect(await s.messages.next("no-such-conversation", 0)).toBeUndefined();
      });

      it("reads back a message's meta as given, undefined fields left out", async () => {
        const c = await newConversation();
        const m = await s.messages.append(
          message(c.id, {
            role: "bot",
            clientId: null,
            meta: { faqId: "faq-1", replyTo: undefined, decision: "faq", confidence: 0.82, inContext: false },
          }),
        );
        expect(await s.messages.get(m.id)).toEqual({ ...m, meta: { faqId: "faq-1", decision: "faq", confidence: 0.82, inContext: false } });
        expect(Object.keys((await s.messages.get(m.id))?.meta ?? {})).not.toContain("replyTo");
      });
    });

    describe("feedback", () => {
      it("keeps one rating per message, the latest winning, oldest first per conversation", async () => {
        const c = await newConversation();
        const m = await s.messages.append(message(c.id, { role: "bot", clientId: null }));
        const n = await s.messages.append(message(c.id, { role: "bot", clientId: null }));
        await s.feedback.set({ messageId: n.id, conversationId: c.id, rating: "up", createdAt: later(5) });
        await s.feedback.set({ messageId: m.id, conversationId: c.id, rating: "up", createdAt: at });
        await s.feedback.set({ messageId: m.id, conversationId: c.id, rating: "down", createdAt: later(1) });
        expect(await s.feedback.forConversation(c.id)).toEqual([
          { messageId: m.id, conversationId: c.id, rating: "down", createdAt: later(1) },
          { messageId: n.id, conversationId: c.id, rating: "up", createdAt: later(5) },
        ]);
        // Rated again later than the other: the order follows the latest rating's time.
        await s.feedback.set({ messageId: m.id, conversationId: c.id, rating: "up", createdAt: later(9) });
        expect((await s.feedback.forConversation(c.id)).map((f) => [f.messageId, f.rating])).toEqual([
          [n.id, "up"],
          [m.id, "up"],
        ]);
        expect(await s.feedback.forConversation((await newConversation()).id)).toEqual([]);
      });

      it("keeps one rating when 50 ratings of one message arrive at once", async () => {
        const c = await newConversation();
        const m = await s.messages.append(message(c.id, { role: "bot", clientId: null }));
        await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            s.feedback.set({ messageId: m.id, conversationId: c.id, rating: i % 2 ? "up" : "down", createdAt: later(i) }),
          ),
        );
        const ratings = await s.feedback.forConversation(c.id);
        expect(ratings).toHaveLength(1);
        expect(ratings[0]).toMatchObject({ messageId: m.id, conversationId: c.id });
      });
    });

    describe("application links", () => {
      it("links applications to conversations once each, in the order they were linked", async () => {
        const a = await newConversation();
        const b = await newConversation();
        const number = `SQ2026112800${randomBytes(2).toString("hex")}`;
        await s.applicationLinks.link(number, b.id, later(10));
        await s.applicationLinks.link(number, a.id, later(5));
        // Linked again (a retried filing): still once, under its first time.
        await s.applicationLinks.link(number, b.id, later(20));
        await Promise.all(Array.from({ length: 10 }, () => s.applicationLinks.link(number, a.id, later(30))));
        expect(await s.applicationLinks.conversationsFor(number)).toEqual([a.id, b.id]);
        expect(await s.applicationLinks.conversationsFor(`${number}-other`)).toEqual([]);
      });
    });

    it("stores sealed fields as the caller sealed them, and no plaintext", async () => {
      const cipher = new FieldCipher(randomBytes(32));
      const idNumber = "110101199003070021";
      const flowPlain = JSON.stringify({ flow: "card-lost", answers: { idNumber: "110101199003070039" } });
      const c = await newConversation();
      const sealedText = cipher.encrypt(`我的身份证是${idNumber}`);
      const sealedFlow = cipher.encrypt(flowPlain);
      const m = await s.messages.append(message(c.id, { text: "我的身份证是1101**********0021", textSealed: sealedText }));
      await s.conversations.setFlowState(c.id, sealedFlow, at);
      expect((await s.messages.get(m.id))?.textSealed).toBe(sealedText);
      expect(await s.conversations.getFlowState(c.id)).toBe(sealedFlow);
      const raw = await ctx.rawBytes();
      expect(raw.includes(Buffer.from(sealedText))).toBe(true);
      expect(raw.includes(Buffer.from(sealedFlow))).toBe(true);
      expect(raw.includes(Buffer.from(idNumber))).toBe(false);
      expect(raw.includes(Buffer.from("110101199003070039"))).toBe(false);
    });

    it("keeps everything across a close and a reopen, and its rules too", async () => {
      const key = follower();
      const { conversation: c } = await s.conversations.findOrCreateByKey(conversation({ channel: "wechat", key }));
      await s.conversations.setFlowState(c.id, "v1.sealed-state", at);
      const m = await s.messages.append(message(c.id, { clientId: "client-1", text: "1101**********002X", textSealed: "v1.sealed" }));
      const reply = await s.messages.append(message(c.id, { role: "bot", clientId: null }));
      await s.feedback.set({ messageId: reply.id, conversationId: c.id, rating: "up", createdAt: at });
      await s.applicationLinks.link("SQ20261128000001", c.id, at);
      s = await ctx.reopen();
      expect(await s.conversations.get(c.id)).toEqual(c);
      expect(await s.conversations.getFlowState(c.id)).toBe("v1.sealed-state");
      expect(await s.messages.listRecent(c.id, 10)).toEqual([m, reply]);
      expect(await s.feedback.forConversation(c.id)).toEqual([{ messageId: reply.id, conversationId: c.id, rating: "up", createdAt: at }]);
      expect(await s.applicationLinks.conversationsFor("SQ20261128000001")).toContain(c.id);
      // The unique keys hold after a reopen: one conversation per key, a resend once, the next seq.
      expect(await s.conversations.findOrCreateByKey(conversation({ channel: "wechat", key }))).toEqual({ conversation: c, created: false });
      expect(await s.messages.append(message(c.id, { clientId: "client-1", text: "again" }))).toEqual(m);
      expect(await s.messages.append(message(c.id))).toMatchObject({ seq: 3 });
    });
  });
}
