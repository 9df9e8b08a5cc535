import { randomBytes, } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FieldCipher } from "../../../src/security/field-cipher.js";
import type { HandoffRecord, Storage, } from "../../../src/storage/ports.js";
import { later, RECORDS_AT, records } from "../../testing/storage-records.js";

export type HandoffStores = Pick<Storage, "handoffs" | "tickets">;

/** One adapter's handoff and ticket stores, on data of their own, as the contract needs them. */
export interface OpenedHandoffStores {
  stores: HandoffStores;
  /** A conversation the stores may refer to (SQLite checks the reference; MongoDB has none to check). */
  newConversation(): Promise<string>;
  /** Closes the stores' connection and opens the same data again. */
  reopen(): Promise<HandoffStores>;
  /** The ticket exactly as stored (the document or the row), serialised, to look for plaintext. */
  rawTicket(id: string): Promise<string | undefined>;
  /** Closes the connection and throws the data away. */
  dispose(): Promise<void>;
}

/** The behaviour every adapter of HandoffStore and TicketStore must show. */
export function handoffStoresContract(name: string, open: () => Promise<OpenedHandoffStores>): void {
  describe(`handoff and ticket stores: ${name}`, () => {
    let ctx: OpenedHandoffStores;
    let s: HandoffStores;
    const at = RECORDS_AT;
    const { handoff, closedHandoff, ticket } = records;
    /** Fifty at once: how many were stored and how many refused. */
    const settle = async (work: Promise<unknown>[]) => {
      const results = await Promise.allSettled(work);
      return {
        fulfilled: results.filter((r) => r.status === "fulfilled").length,
        rejected: results.filter((r) => r.status === "rejected").length,
      };
    };

    beforeEach(async () => {
      ctx = await open();
      s = ctx.stores;
    });
    afterEach(async () => {
      await ctx.dispose();
    });

    describe("handoffs", () => {
      it("stores handoffs and finds a conversation's open one (queued or active only)", async () => {
        const [c1, c2, c3] = [await ctx.newConversation(), await ctx.newConversation(), await ctx.newConversation()];
        const queued = handoff(c1, { arrivedAt: later(30), intent: null });
        const active = handoff(c2, { status: "active", arrivedAt: later(10), agentId: "agent-1", acceptedAt: later(20) });
        const closed = closedHandoff(c3, 0, 60, { surveyRating: 4, surveyComment: "很好" });
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
        const c = await ctx.newConversation();
        const h = handoff(c, { surveyComment: "kept" });
        const other = handoff(await ctx.newConversation());
        await s.handoffs.create(h);
        await s.handoffs.create(other);
        await s.handoffs.update(h.id, { status: "active", agentId: "agent-7", acceptedAt: later(40) });
        const accepted = { ...h, status: "active" as const, agentId: "agent-7", acceptedAt: later(40) };
        expect(await s.handoffs.get(h.id)).toEqual(accepted);
        await s.handoffs.update(h.id, { intent: null, surveyRating: 5, offeredAt: later(35) });
        expect(await s.handoffs.get(h.id)).toEqual({ ...accepted, intent: null, surveyRating: 5, offeredAt: later(35) });
        await s.handoffs.update(h.id, {});
        expect(await s.handoffs.get(h.id)).toEqual({ ...accepted, intent: null, surveyRating: 5, offeredAt: later(35) });
        // Another handoff is untouched, and an unknown one is no error.
        expect(await s.handoffs.get(other.id)).toEqual(other);
        await s.handoffs.update("missing", { status: "closed" });
        expect(await s.handoffs.get("missing")).toBeUndefined();
        // Closing it takes it out of the open ones.
        await s.handoffs.update(h.id, { status: "closed", closedAt: later(100) });
        expect(await s.handoffs.open(c)).toBeUndefined();
        expect((await s.handoffs.listOpen()).map((x) => x.id)).toEqual([other.id]);
      });

      it("refuses a second open handoff for one conversation, and allows a new one once it is closed", async () => {
        const c = await ctx.newConversation();
        const first = handoff(c);
        await s.handoffs.create(first);
        await expect(s.handoffs.create(handoff(c))).rejects.toThrow();
        await expect(s.handoffs.create(handoff(c, { status: "active", agentId: "agent-1", acceptedAt: at }))).rejects.toThrow();
        // Finished handoffs do not count.
        await s.handoffs.create(handoff(c, { status: "cancelled" }));
        await s.handoffs.create(closedHandoff(c, 0, 30));
        expect(await s.handoffs.open(c)).toEqual(first);
        // A re-queue (active back to queued) of the open one is no second one.
        await s.handoffs.update(first.id, { status: "active", agentId: "agent-1" });
        await s.handoffs.update(first.id, { status: "queued", agentId: null });
        expect(await s.handoffs.open(c)).toEqual(first);
        await s.handoffs.update(first.id, { status: "cancelled" });
        const second = handoff(c, { arrivedAt: later(60) });
        await s.handoffs.create(second);
        expect(await s.handoffs.open(c)).toEqual(second);
      });

      it("refuses to reopen a second handoff of one conversation by an update", async () => {
        const c = await ctx.newConversation();
        const done = closedHandoff(c, 0, 30);
        await s.handoffs.create(done);
        const current = handoff(c);
        await s.handoffs.create(current);
        await expect(s.handoffs.update(done.id, { status: "queued" })).rejects.toThrow();
        expect((await s.handoffs.get(done.id))!.status).toBe("closed");
        expect(await s.handoffs.open(c)).toEqual(current);
      });

      it("leaves exactly one open handoff when 50 are created at once for one conversation", async () => {
        const c = await ctx.newConversation();
        const racers = Array.from({ length: 50 }, (_, i) => handoff(c, { arrivedAt: later(i) }));
        expect(await settle(racers.map((h) => s.handoffs.create(h)))).toEqual({ fulfilled: 1, rejected: 49 });
        const open = await s.handoffs.open(c);
        expect(racers.map((h) => h.id)).toContain(open?.id);
        expect((await s.handoffs.listOpen()).map((h) => h.id)).toEqual([open?.id]);
        // The losers were not stored at all.
        const stored = await Promise.all(racers.map((h) => s.handoffs.get(h.id)));
        expect(stored.filter((h) => h !== undefined)).toEqual([open]);
      });

      it("lets one of 50 closed handoffs of a conversation be reopened at once", async () => {
        const c = await ctx.newConversation();
        const closed = Array.from({ length: 50 }, (_, i) => closedHandoff(c, i, 30));
        for (const h of closed) await s.handoffs.create(h);
        expect(await settle(closed.map((h) => s.handoffs.update(h.id, { status: "queued", closedAt: null })))).toEqual({
          fulfilled: 1,
          rejected: 49,
        });
        const open = await s.handoffs.open(c);
        expect(open).toMatchObject({ status: "queued", closedAt: null });
        expect(await s.handoffs.listOpen()).toEqual([open]);
      });

      it("keeps every field of concurrent updates of one handoff", async () => {
        const h = handoff(await ctx.newConversation());
        await s.handoffs.create(h);
        const changes: Partial<HandoffRecord>[] = [
          { offeredAt: later(1) },
          { status: "active", agentId: "agent-1", acceptedAt: later(2) },
          { wrapUp: "resolved" },
          { closeNote: "note" },
          { transferNote: "to card" },
          { surveyRating: 5 },
          { surveyComment: "好" },
          { intent: "card.replace" },
          { reason: "complaint" },
        ];
        await Promise.all(changes.map((c) => s.handoffs.update(h.id, c)));
        expect(await s.handoffs.get(h.id)).toEqual(Object.assign({ ...h }, ...changes));
      });

      it("stores a resent handoff once", async () => {
        const c = await ctx.newConversation();
        const done = closedHandoff(c, 0, 60);
        await s.handoffs.create(done);
        // The same record again (a retried write): refused by its id, and the first one stands.
        await expect(s.handoffs.create({ ...done, wrapUp: "changed" })).rejects.toThrow();
        expect(await s.handoffs.get(done.id)).toEqual(done);
        expect(await s.handoffs.meanHandleSeconds(10)).toBeCloseTo(60, 3);
      });

      it("gives the mean handle time of the last closed handoffs, null before any", async () => {
        expect(await s.handoffs.meanHandleSeconds(10)).toBeNull();
        const c = await ctx.newConversation();
        // Open and cancelled handoffs, and a closed one never accepted, do not count.
        await s.handoffs.create(handoff(c, { status: "active", agentId: "agent-1", acceptedAt: later(0) }));
        await s.handoffs.create(handoff(c, { status: "cancelled", acceptedAt: later(0), closedAt: later(999) }));
        await s.handoffs.create(handoff(c, { status: "closed", closedAt: later(5000) }));
        expect(await s.handoffs.meanHandleSeconds(10)).toBeNull();
        // Closed in this order: 60 s, 120 s, 300 s, then 30 s (created out of order).
        await s.handoffs.create(closedHandoff(c, 1000, 300));
        await s.handoffs.create(closedHandoff(c, 0, 60));
        await s.handoffs.create(closedHandoff(c, 2000, 30));
        await s.handoffs.create(closedHandoff(c, 100, 120));
        expect(await s.handoffs.meanHandleSeconds(10)).toBeCloseTo((60 + 120 + 300 + 30) / 4, 3);
        expect(await s.handoffs.meanHandleSeconds(2)).toBeCloseTo((300 + 30) / 2, 3);
        expect(await s.handoffs.meanHandleSeconds(1)).toBeCloseTo(30, 3);
        // Handle times to the millisecond, as SQLite's julianday gives them.
        await s.handoffs.create(closedHandoff(c, 3000, 0.25));
        expect(await s.handoffs.meanHandleSeconds(1)).toBeCloseTo(0.25, 3);
      });

      it("lists the chats an agent closed since a time, newest first, at most a limit", async () => {
        const c = await ctx.newConversation();
        const mine = [closedHandoff(c, 200, 60), closedHandoff(c, 0, 60), closedHandoff(c, 100, 60)].map((h) => ({ ...h, agentId: "agent-7" }));
        for (const h of mine) await s.handoffs.create(h);
        await s.handoffs.create(closedHandoff(c, 300, 60, { agentId: "agent-8" }));
        await s.handoffs.create(handoff(c, { status: "cancelled", agentId: "agent-7", acceptedAt: later(350), closedAt: later(360) }));
        await s.handoffs.create(handoff(c, { status: "active", agentId: "agent-7", acceptedAt: later(400) }));
        const [m200, m0, m100] = mine.map((h) => h.id);
        expect((await s.handoffs.closedBy("agent-7", later(0), 10)).map((h) => h.id)).toEqual([m200, m100, m0]);
        expect(await s.handoffs.closedBy("agent-7", later(0), 10)).toEqual([mine[0], mine[2], mine[1]]);
        // `since` is inclusive: the one closed at 160 s counts from 160 s.
        expect((await s.handoffs.closedBy("agent-7", later(160), 10)).map((h) => h.id)).toEqual([m200, m100]);
        expect((await s.handoffs.closedBy("agent-7", later(200), 10)).map((h) => h.id)).toEqual([m200]);
        expect((await s.handoffs.closedBy("agent-7", later(0), 2)).map((h) => h.id)).toEqual([m200, m100]);
        expect((await s.handoffs.closedBy("agent-7", later(0), 1)).map((h) => h.id)).toEqual([m200]);
        expect(await s.handoffs.closedBy("nobody", later(0), 10)).toEqual([]);
      });
    });

    describe("tickets", () => {
      it("stores tickets, lists them by status in created order, at most a limit", async () => {
        const c = await ctx.newConversation();
        const t2 = ticket(c, { createdAt: later(20), hasCallback: false });
        const t1 = ticket(c, { createdAt: later(10), textSealed: null, language: "en", hasCallback: null });
        const t3 = ticket(c, { createdAt: later(30) });
        for (const t of [t2, t1, t3]) await s.tickets.create(t);
        expect(await s.tickets.get(t1.id)).toEqual(t1);
        expect(await s.tickets.get(t2.id)).toEqual(t2);
        expect(await s.tickets.get("missing")).toBeUndefined();
        expect(await s.tickets.list("open", 10)).toEqual([t1, t2, t3]);
        expect(await s.tickets.list("open", 2)).toEqual([t1, t2]);
        expect(await s.tickets.list("open", 1)).toEqual([t1]);
        expect(await s.tickets.list("answered", 10)).toEqual([]);
      });

      it("answers each ticket once", async () => {
        const c = await ctx.newConversation();
        const [t1, t2, t3] = [ticket(c, { createdAt: later(10) }), ticket(c, { createdAt: later(20) }), ticket(c, { createdAt: later(30) })];
        for (const t of [t1, t2, t3]) await s.tickets.create(t!);
        expect(await s.tickets.markAnswered(t2!.id, "agent-1", later(60))).toBe(true);
        expect(await s.tickets.markAnswered(t2!.id, "agent-2", later(61))).toBe(false);
        expect(await s.tickets.markAnswered("missing", "agent-2", later(61))).toBe(false);
        const answered = { ...t2!, status: "answered" as const, answeredBy: "agent-1", answeredAt: later(60) };
        expect(await s.tickets.get(t2!.id)).toEqual(answered);
        expect(await s.tickets.list("open", 10)).toEqual([t1, t3]);
        expect(await s.tickets.list("answered", 10)).toEqual([answered]);
      });

      it("gives one of 50 agents answering a ticket at once the answer", async () => {
        const t = ticket(await ctx.newConversation());
        await s.tickets.create(t);
        const results = await Promise.all(Array.from({ length: 50 }, (_, i) => s.tickets.markAnswered(t.id, `agent-${i}`, later(i))));
        const winners = results.flatMap((won, i) => (won ? [i] : []));
        expect(winners).toHaveLength(1);
        expect(await s.tickets.get(t.id)).toEqual({ ...t, status: "answered", answeredBy: `agent-${winners[0]}`, answeredAt: later(winners[0]!) });
      });

      it("stores a resent ticket once", async () => {
        const t = ticket(await ctx.newConversation());
        await s.tickets.create(t);
        await expect(s.tickets.create({ ...t, text: "changed" })).rejects.toThrow();
        expect(await s.tickets.list("open", 10)).toEqual([t]);
      });

      it("stores the sealed original as given, with no plaintext beside it", async () => {
        const cipher = new FieldCipher(randomBytes(32));
        const plain = "请回电 13812345678";
        const sealed = cipher.encrypt(plain);
        const t = ticket(await ctx.newConversation(), { textSealed: sealed });
        await s.tickets.create(t);
        const raw = await ctx.rawTicket(t.id);
        expect(raw).toContain(sealed);
        expect(raw).not.toContain("13812345678");
        expect((await s.tickets.get(t.id))?.textSealed).toBe(sealed);
        expect(cipher.decrypt((await s.tickets.get(t.id))!.textSealed!)).toBe(plain);
      });
    });

    it("keeps handoffs and tickets across a close and a reopen", async () => {
      const c = await ctx.newConversation();
      const open = handoff(c, { status: "active", agentId: "agent-3", acceptedAt: later(5) });
      const done = closedHandoff(c, 0, 90);
      const t = ticket(c);
      await s.handoffs.create(done);
      await s.handoffs.create(open);
      await s.tickets.create(t);
      await s.tickets.markAnswered(t.id, "agent-3", later(10));
      s = await ctx.reopen();
      expect(await s.handoffs.open(c)).toEqual(open);
      expect(await s.handoffs.listOpen()).toEqual([open]);
      expect(await s.handoffs.get(done.id)).toEqual(done);
      expect(await s.handoffs.meanHandleSeconds(10)).toBeCloseTo(90, 3);
      expect(await s.tickets.get(t.id)).toMatchObject({ status: "answered", answeredBy: "agent-3", answeredAt: later(10) });
      // The one-open-handoff rule holds after a reopen too.
      await expect(s.handoffs.create(handoff(c))).rejects.toThrow();
    });
  });
}
