import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { routeNextChatsOn } from "../../src/routing/assigner.js";
import { RoutingError, type RoutingErrorCode } from "../../src/routing/errors.js";
import type { NewChat, RoutingStatePort } from "../../src/routing/state/port.js";
import type { RoutingStrategy } from "../../src/routing/types.js";

/**
 * What every RoutingStatePort adapter must do, run against each (state-in-process.test.ts,
 * state-redis.test.ts): the same steps, the same refusals with the same codes, and a refused step
 * leaves the whole state as it was.
 */

const profile = (id: string, capacity = 2) => ({ id, capacity, languages: ["zh"], skills: ["*"] });
const newChat = (id: string, arrivedAt: number, extra: Partial<NewChat> = {}): NewChat => ({
  id,
  arrivedAt,
  urgency: "normal",
  language: "zh",
  skill: "pension",
  ...extra,
});

async function codeOf(step: Promise<unknown>): Promise<RoutingErrorCode | undefined> {
  try {
    await step;
  } catch (error) {
    if (error instanceof RoutingError) return error.code;
    throw error;
  }
  return undefined;
}

/** Everything the port can read, to show a refusal changed nothing. */
async function snapshot(s: RoutingStatePort) {
  const agents = await s.agentStates();
  return {
    waiting: await s.waiting(),
    agents,
    chats: await s.chats(),
    agentChats: await Promise.all(agents.map((a) => s.agentChats(a.id))),
  };
}

/** Refused with `code`, and the state is exactly as before. */
async function expectRefused(s: RoutingStatePort, step: () => Promise<unknown>, code: RoutingErrorCode) {
  const before = await snapshot(s);
  expect(await codeOf(step())).toBe(code);
  expect(await snapshot(s)).toEqual(before);
}

export function routingStateContract(
  name: string,
  make: () => Promise<RoutingStatePort>,
  cleanup: () => Promise<void>,
): void {
  describe(`${name}: RoutingStatePort contract`, () => {
    let s: RoutingStatePort;
    beforeEach(async () => {
      s = await make();
    });
    afterEach(async () => {
      await s.close();
      await cleanup();
    });

    const agent = async (id: string) => (await s.agentStates()).find((a) => a.id === id);

    describe("enqueue and reads", () => {
      it("waiting() is in arrival order (ties by id) with declinedBy; a duplicate is refused", async () => {
        await s.enqueue(newChat("late", 300));
        await s.enqueue(newChat("b", 100, { declinedBy: ["y", "x"], urgency: "urgent", language: "en" }));
        await s.enqueue(newChat("a", 100));
        expect(await s.waiting()).toEqual([
          { id: "a", arrivedAt: 100, urgency: "normal", language: "zh", skill: "pension", declinedBy: [] },
          {
            id: "b",
            arrivedAt: 100,
            urgency: "urgent",
            language: "en",
            skill: "pension",
            declinedBy: ["x", "y"],
          },
          { id: "late", arrivedAt: 300, urgency: "normal", language: "zh", skill: "pension", declinedBy: [] },
        ]);
        await expectRefused(s, () => s.enqueue(newChat("a", 999)), "ROUTING_DUPLICATE_CHAT");
      });

      it("a chat offered or active is still a duplicate", async () => {
        await s.agentOnline(profile("a"), 0);
        await s.enqueue(newChat("c1", 1));
        await s.enqueue(newChat("c2", 2));
        await s.offer("c1", "a", 5);
        await s.offer("c2", "a", 5);
        await s.accept("c2", "a");
        await expectRefused(s, () => s.enqueue(newChat("c1", 1)), "ROUTING_DUPLICATE_CHAT");
        await expectRefused(s, () => s.enqueue(newChat("c2", 2)), "ROUTING_DUPLICATE_CHAT");
      });

      it("placement, chats and agentChats say where every chat is", async () => {
        await s.agentOnline(profile("a", 3), 0);
        await s.enqueue(newChat("w", 30, { urgency: "low", skill: "medical" }));
        await s.enqueue(newChat("o", 20));
        await s.enqueue(newChat("x", 10));
        await s.offer("o", "a", 40);
        await s.offer("x", "a", 41);
        await s.accept("x", "a");
        expect(await s.placement("w")).toEqual({
          status: "waiting",
          agentId: null,
          arrivedAt: 30,
          urgency: "low",
          language: "zh",
          skill: "medical",
        });
        expect(await s.placement("o")).toMatchObject({ status: "offered", agentId: "a", arrivedAt: 20 });
        expect(await s.placement("nope")).toBeUndefined();
        expect((await s.chats()).map((c) => [c.id, c.status, c.agentId])).toEqual([
          ["x", "active", "a"],
          ["o", "offered", "a"],
          ["w", "waiting", null],
        ]);
        expect(await s.agentChats("a")).toEqual({ active: ["x"], offered: ["o"] });
        expect(await s.agentChats("nobody")).toEqual({ active: [], offered: [] });
      });
    });

    describe("agents", () => {
      it("agentOnline registers the profile; agentStates lists agents by id", async () => {
        await s.agentOnline({ id: "b", capacity: 3, languages: ["zh", "en"], skills: ["pension"] }, 50);
        await s.agentOnline(profile("a"), 60);
        expect(await s.agentStates()).toEqual([
          {
            id: "a",
            online: true,
            presence: "online",
            capacity: 2,
            active: 0,
            pendingOffers: 0,
            languages: ["zh"],
            skills: ["*"],
            lastAssignedAt: 0,
            onlineSince: 60,
          },
          {
            id: "b",
            online: true,
            presence: "online",
            capacity: 3,
            active: 0,
            pendingOffers: 0,
            languages: ["zh", "en"],
            skills: ["pension"],
            lastAssignedAt: 0,
            onlineSince: 50,
          },
        ]);
      });

      it("a bad profile is refused", async () => {
        await s.agentOnline(profile("a"), 0);
        await expectRefused(
          s,
          () => s.agentOnline({ ...profile("a"), capacity: -1 }, 1),
          "ROUTING_BAD_AGENT",
        );
        await expectRefused(
          s,
          () => s.agentOnline({ ...profile("b"), capacity: 1.5 }, 1),
          "ROUTING_BAD_AGENT",
        );
        await expectRefused(
          s,
          () => s.agentOnline({ ...profile("b"), languages: [] }, 1),
          "ROUTING_BAD_AGENT",
        );
      });

      it("a profile change while online keeps chats, onlineSince and lastAssignedAt", async () => {
        await s.agentOnline(profile("a", 2), 10);
        await s.enqueue(newChat("c", 0));
        await s.offer("c", "a", 20);
        await s.agentOnline({ id: "a", capacity: 4, languages: ["en"], skills: ["medical"] }, 30);
        expect(await agent("a")).toMatchObject({
          online: true,
          capacity: 4,
          languages: ["en"],
          skills: ["medical"],
          pendingOffers: 1,
          onlineSince: 10,
          lastAssignedAt: 20,
        });
      });

      it("away: no new offers, chats and offers kept, an offer can still be answered; back online resets onlineSince", async () => {
        await s.agentOnline(profile("a", 3), 0);
        for (const [id, at] of [
          ["x", 1],
          ["y", 2],
          ["z", 3],
        ] as const)
          await s.enqueue(newChat(id, at));
        await s.offer("x", "a", 10);
        await s.accept("x", "a");
        await s.offer("y", "a", 11);
        await s.agentAway("a");
        await s.agentAway("a");
        expect(await agent("a")).toMatchObject({
          online: false,
          presence: "away",
          active: 1,
          pendingOffers: 1,
          onlineSince: 0,
        });
        await expectRefused(s, () => s.offer("z", "a", 12), "ROUTING_AGENT_AWAY");
        await s.accept("y", "a");
        expect(await s.agentChats("a")).toEqual({ active: ["x", "y"], offered: [] });
        await s.agentOnline(profile("a", 3), 50);
        expect(await agent("a")).toMatchObject({
          online: true,
          active: 2,
          onlineSince: 50,
          lastAssignedAt: 11,
        });
        await s.offer("z", "a", 60);
      });

      it("agentAway is refused for an unknown or offline agent", async () => {
        await expectRefused(s, () => s.agentAway("ghost"), "ROUTING_UNKNOWN_AGENT");
        await s.agentOnline(profile("a"), 0);
        await s.agentOffline("a");
        await expectRefused(s, () => s.agentAway("a"), "ROUTING_AGENT_OFFLINE");
      });

      it("agentOffline re-queues offers and active chats with their arrival, in arrival order", async () => {
        await s.agentOnline(profile("a", 3), 0);
        await s.agentOnline(profile("b", 3), 0);
        await s.enqueue(newChat("active", 5));
        await s.enqueue(newChat("offered", 7, { declinedBy: ["b"] }));
        await s.enqueue(newChat("early", 3));
        await s.enqueue(newChat("others", 1));
        await s.offer("offered", "a", 10);
        await s.offer("active", "a", 11);
        await s.accept("active", "a");
        await s.offer("early", "a", 12);
        await s.offer("others", "b", 12);
        expect(await s.agentOffline("a")).toEqual(["early", "active", "offered"]);
        expect((await s.waiting()).map((c) => [c.id, c.arrivedAt, c.declinedBy])).toEqual([
          ["early", 3, []],
          ["active", 5, []],
          ["offered", 7, ["b"]],
        ]);
        expect(await agent("a")).toMatchObject({
          online: false,
          presence: "offline",
          active: 0,
          pendingOffers: 0,
          lastAssignedAt: 12,
        });
        expect(await s.agentChats("a")).toEqual({ active: [], offered: [] });
        expect(await s.placement("others")).toMatchObject({ status: "offered", agentId: "b" });
        await expectRefused(s, () => s.offer("active", "a", 20), "ROUTING_AGENT_OFFLINE");
        expect(await s.agentOffline("a")).toEqual([]);
        expect(await s.agentOffline("ghost")).toEqual([]);
        await s.agentOnline(profile("a", 3), 30);
        expect(await agent("a")).toMatchObject({ online: true, onlineSince: 30, lastAssignedAt: 12 });
      });

      it("an away agent who goes offline gives their chats back too", async () => {
        await s.agentOnline(profile("a"), 0);
        await s.enqueue(newChat("c", 1));
        await s.offer("c", "a", 2);
        await s.accept("c", "a");
        await s.agentAway("a");
        expect(await s.agentOffline("a")).toEqual(["c"]);
        expect(await s.placement("c")).toMatchObject({ status: "waiting", agentId: null, arrivedAt: 1 });
      });
    });

    describe("offer: the claim", () => {
      beforeEach(async () => {
        await s.agentOnline(profile("a", 2), 0);
        await s.agentOnline(profile("b", 2), 0);
        await s.enqueue(newChat("c1", 1));
        await s.enqueue(newChat("c2", 2));
        await s.enqueue(newChat("c3", 3, { declinedBy: ["b"] }));
      });

      it("makes an offer: the chat leaves the queue and counts as the agent's load", async () => {
        await s.offer("c1", "a", 100);
        expect(await s.placement("c1")).toMatchObject({ status: "offered", agentId: "a" });
        expect((await s.waiting()).map((c) => c.id)).toEqual(["c2", "c3"]);
        expect(await agent("a")).toMatchObject({ pendingOffers: 1, active: 0, lastAssignedAt: 100 });
        expect(await s.agentChats("a")).toEqual({ active: [], offered: ["c1"] });
      });

      it("is refused for unknown chats and agents", async () => {
        await expectRefused(s, () => s.offer("nope", "a", 1), "ROUTING_UNKNOWN_CHAT");
        await expectRefused(s, () => s.offer("c1", "ghost", 1), "ROUTING_UNKNOWN_AGENT");
      });

      it("is refused when the chat is not waiting (offered or active)", async () => {
        await s.offer("c1", "a", 1);
        await expectRefused(s, () => s.offer("c1", "b", 2), "ROUTING_CHAT_NOT_WAITING");
        await expectRefused(s, () => s.offer("c1", "a", 2), "ROUTING_CHAT_NOT_WAITING");
        await s.accept("c1", "a");
        await expectRefused(s, () => s.offer("c1", "b", 3), "ROUTING_CHAT_NOT_WAITING");
      });

      it("is refused when the agent is offline or away", async () => {
        await s.agentOffline("a");
        await expectRefused(s, () => s.offer("c1", "a", 1), "ROUTING_AGENT_OFFLINE");
        await s.agentAway("b");
        await expectRefused(s, () => s.offer("c1", "b", 1), "ROUTING_AGENT_AWAY");
      });

      it("is refused to an agent who declined the chat before (at enqueue or by declining)", async () => {
        await expectRefused(s, () => s.offer("c3", "b", 1), "ROUTING_DECLINED_BEFORE");
        await s.offer("c1", "a", 1);
        await s.decline("c1", "a");
        await expectRefused(s, () => s.offer("c1", "a", 2), "ROUTING_DECLINED_BEFORE");
      });

      it("is refused past the capacity, counting pending offers and active chats", async () => {
        await s.offer("c1", "a", 1);
        await s.accept("c1", "a");
        await s.offer("c2", "a", 2);
        await expectRefused(s, () => s.offer("c3", "a", 3), "ROUTING_OVER_CAPACITY");
        await s.agentOnline(profile("z", 0), 0);
        await expectRefused(s, () => s.offer("c3", "z", 3), "ROUTING_OVER_CAPACITY");
      });

      it("is refused when capacity shrank below the load, and allowed again once a slot frees", async () => {
        await s.offer("c1", "a", 1);
        await s.offer("c2", "a", 1);
        await s.agentOnline(profile("a", 1), 5);
        await s.decline("c1", "a");
        await expectRefused(s, () => s.offer("c3", "a", 6), "ROUTING_OVER_CAPACITY");
        await s.decline("c2", "a");
        await s.offer("c3", "a", 7);
      });
    });

    describe("answers to an offer", () => {
      beforeEach(async () => {
        await s.agentOnline(profile("a", 2), 0);
        await s.agentOnline(profile("b", 2), 0);
        await s.enqueue(newChat("c", 100, { declinedBy: ["z"] }));
        await s.offer("c", "a", 200);
      });

      it("accept makes the chat active for that agent", async () => {
        await s.accept("c", "a");
        expect(await s.placement("c")).toMatchObject({ status: "active", agentId: "a" });
        expect(await agent("a")).toMatchObject({ active: 1, pendingOffers: 0 });
        expect(await s.agentChats("a")).toEqual({ active: ["c"], offered: [] });
      });

      it("accept, decline and timeout are refused unless the offer is out to that agent", async () => {
        for (const step of ["accept", "decline", "timeout"] as const) {
          await expectRefused(s, () => s[step]("c", "b"), "ROUTING_NOT_OFFERED");
          await expectRefused(s, () => s[step]("nope", "a"), "ROUTING_UNKNOWN_CHAT");
          await expectRefused(s, () => s[step]("c", "ghost"), "ROUTING_UNKNOWN_AGENT");
        }
        await s.accept("c", "a");
        for (const step of ["accept", "decline", "timeout"] as const) {
          await expectRefused(s, () => s[step]("c", "a"), "ROUTING_NOT_OFFERED");
        }
      });

      it("decline: back to the queue with its arrival, the agent excluded", async () => {
        await s.decline("c", "a");
        expect(await s.waiting()).toEqual([
          expect.objectContaining({ id: "c", arrivedAt: 100, declinedBy: ["a", "z"] }),
        ]);
        expect(await s.placement("c")).toMatchObject({ status: "waiting", agentId: null });
        expect(await agent("a")).toMatchObject({ pendingOffers: 0 });
        await expectRefused(s, () => s.decline("c", "a"), "ROUTING_NOT_OFFERED");
      });

      it("timeout: like a decline", async () => {
        await s.timeout("c", "a");
        await s.offer("c", "b", 300);
        await s.timeout("c", "b");
        expect((await s.waiting())[0]).toMatchObject({ arrivedAt: 100, declinedBy: ["a", "b", "z"] });
        expect((await s.agentStates()).every((x) => x.pendingOffers === 0)).toBe(true);
        await expectRefused(s, () => s.offer("c", "b", 400), "ROUTING_DECLINED_BEFORE");
      });
    });

    describe("active chats", () => {
      beforeEach(async () => {
        await s.agentOnline(profile("a", 1), 0);
        await s.agentOnline(profile("b", 1), 0);
        await s.enqueue(newChat("c", 100));
        await s.enqueue(newChat("o", 150));
        await s.offer("c", "a", 200);
        await s.accept("c", "a");
        await s.offer("o", "b", 210);
      });

      it("transfer: waits again with its arrival and a new skill; the sender is not offered it again", async () => {
        await s.transfer("c", "a", "medical");
        expect(await s.placement("c")).toEqual({
          status: "waiting",
          agentId: null,
          arrivedAt: 100,
          urgency: "normal",
          language: "zh",
          skill: "medical",
        });
        expect((await s.waiting())[0]).toMatchObject({ id: "c", declinedBy: ["a"] });
        expect(await agent("a")).toMatchObject({ active: 0, pendingOffers: 0 });
        await expectRefused(s, () => s.offer("c", "a", 300), "ROUTING_DECLINED_BEFORE");
      });

      it("transfer without a skill keeps the chat's skill", async () => {
        await s.transfer("c", "a");
        expect(await s.placement("c")).toMatchObject({ status: "waiting", skill: "pension" });
      });

      it("transfer and finish are refused unless the agent handles the chat", async () => {
        for (const step of ["transfer", "finish"] as const) {
          await expectRefused(s, () => s[step]("c", "b"), "ROUTING_NOT_ASSIGNED");
          await expectRefused(s, () => s[step]("o", "b"), "ROUTING_NOT_ASSIGNED");
          await expectRefused(s, () => s[step]("nope", "a"), "ROUTING_UNKNOWN_CHAT");
          await expectRefused(s, () => s[step]("c", "ghost"), "ROUTING_UNKNOWN_AGENT");
        }
      });

      it("finish: the chat leaves the desk and frees the slot; its id can come back", async () => {
        await s.finish("c", "a");
        expect(await s.placement("c")).toBeUndefined();
        expect((await s.chats()).map((c) => c.id)).toEqual(["o"]);
        expect(await agent("a")).toMatchObject({ active: 0, pendingOffers: 0 });
        await expectRefused(s, () => s.finish("c", "a"), "ROUTING_UNKNOWN_CHAT");
        await s.enqueue(newChat("c", 500));
        expect((await s.waiting())[0]).toMatchObject({ id: "c", arrivedAt: 500, declinedBy: [] });
      });
    });

    describe("abandon", () => {
      beforeEach(async () => {
        await s.agentOnline(profile("a", 2), 0);
        await s.enqueue(newChat("w", 1));
        await s.enqueue(newChat("o", 2));
        await s.enqueue(newChat("x", 3));
        await s.offer("o", "a", 5);
        await s.offer("x", "a", 5);
        await s.accept("x", "a");
      });

      it("a waiting chat leaves; nobody held it", async () => {
        expect(await s.abandon("w")).toBeNull();
        expect(await s.placement("w")).toBeUndefined();
        expect((await s.waiting()).map((c) => c.id)).toEqual([]);
      });

      it("an offered chat leaves and frees the offer's slot; returns who held the offer", async () => {
        expect(await s.abandon("o")).toBe("a");
        expect(await agent("a")).toMatchObject({ pendingOffers: 0, active: 1 });
        expect(await s.agentChats("a")).toEqual({ active: ["x"], offered: [] });
        await s.offer("w", "a", 6);
      });

      it("is refused for an active chat and an unknown one", async () => {
        await expectRefused(s, () => s.abandon("x"), "ROUTING_CHAT_NOT_WAITING");
        await expectRefused(s, () => s.abandon("nope"), "ROUTING_UNKNOWN_CHAT");
      });
    });

    describe("routeNextChatsOn", () => {
      it("claims the strategy's offers on this state and skips the refused ones", async () => {
        await s.agentOnline(profile("a", 1), 0);
        await s.agentOnline(profile("b", 1), 0);
        await s.enqueue(newChat("c1", 0));
        await s.enqueue(newChat("c2", 1));
        // A stale or faulty decision: two chats for a one-slot agent, and a chat twice.
        const faulty: RoutingStrategy = {
          name: "faulty",
          pick: () => [
            { chatId: "c1", agentId: "a" },
            { chatId: "c2", agentId: "a" },
            { chatId: "c1", agentId: "b" },
            { chatId: "c2", agentId: "b" },
          ],
        };
        expect(await routeNextChatsOn(s, faulty, 7)).toEqual([
          { chatId: "c1", agentId: "a" },
          { chatId: "c2", agentId: "b" },
        ]);
        expect(await agent("b")).toMatchObject({ pendingOffers: 1, lastAssignedAt: 7 });
      });
    });
  });
}
