import { describe, expect, it } from "vitest";
import { RoutingState, routeNextChats } from "../../src/routing/assigner.js";
import { RoutingError, type RoutingErrorCode } from "../../src/routing/errors.js";
import { defaultPolicy as policy } from "../../src/routing/policy.js";
import { DynamicStrategy } from "../../src/routing/strategies/dynamic.js";
import type { RoutingStrategy } from "../../src/routing/types.js";

const dynamic = new DynamicStrategy(policy);
const profile = (id: string, capacity = 2) => ({ id, capacity, languages: ["zh"], skills: ["*"] });
const newChat = (id: string, arrivedAt: number) => ({
  id,
  arrivedAt,
  urgency: "normal" as const,
  language: "zh",
  skill: "pension",
});

function codeOf(step: () => void): RoutingErrorCode | undefined {
  try {
    step();
  } catch (error) {
    if (error instanceof RoutingError) return error.code;
    throw error;
  }
  return undefined;
}

describe("RoutingState", () => {
  it("offer is an atomic claim: refused past the capacity (pending offers count) and for a chat already offered", () => {
    const s = new RoutingState();
    s.agentOnline(profile("a", 1), 0);
    s.agentOnline(profile("b", 1), 0);
    s.enqueue(newChat("c1", 0));
    s.enqueue(newChat("c2", 0));
    s.offer("c1", "a", 10);
    expect(codeOf(() => s.offer("c2", "a", 10))).toBe("ROUTING_OVER_CAPACITY");
    expect(codeOf(() => s.offer("c1", "b", 10))).toBe("ROUTING_CHAT_NOT_WAITING");
    expect(s.agentStates().find((x) => x.id === "a")).toMatchObject({
      pendingOffers: 1,
      active: 0,
      lastAssignedAt: 10,
    });
  });

  it("decline and timeout: back to the queue with the original arrival, the agent excluded for that chat", () => {
    const s = new RoutingState();
    s.agentOnline(profile("a"), 0);
    s.agentOnline(profile("b"), 0);
    s.enqueue(newChat("c", 100));
    s.offer("c", "a", 200);
    s.decline("c", "a");
    expect(s.waiting()).toEqual([expect.objectContaining({ id: "c", arrivedAt: 100, declinedBy: ["a"] })]);
    expect(codeOf(() => s.offer("c", "a", 300))).toBe("ROUTING_DECLINED_BEFORE");
    s.offer("c", "b", 300);
    s.timeout("c", "b");
    expect(s.waiting()[0]).toMatchObject({ arrivedAt: 100, declinedBy: ["a", "b"] });
    expect(s.agentStates().every((x) => x.pendingOffers === 0)).toBe(true);
  });

  it("accept makes the chat active, finish frees the slot; answers to an offer that is not there are refused", () => {
    const s = new RoutingState();
    s.agentOnline(profile("a", 1), 0);
    s.enqueue(newChat("c", 0));
    expect(codeOf(() => s.accept("c", "a"))).toBe("ROUTING_NOT_OFFERED");
    s.offer("c", "a", 1);
    s.accept("c", "a");
    expect(s.statusOf("c")).toEqual({ status: "active", agentId: "a" });
    expect(s.agentStates()[0]).toMatchObject({ active: 1, pendingOffers: 0 });
    expect(codeOf(() => s.decline("c", "a"))).toBe("ROUTING_NOT_OFFERED");
    s.finish("c", "a");
    expect(s.agentStates()[0]).toMatchObject({ active: 0 });
    expect(codeOf(() => s.statusOf("c"))).toBe("ROUTING_UNKNOWN_CHAT");
  });

  it("agentOffline re-queues offers and active chats with their original arrival; nothing is lost", () => {
    const s = new RoutingState();
    s.agentOnline(profile("a", 3), 0);
    s.enqueue(newChat("active", 5));
    s.enqueue(newChat("offered", 7));
    s.offer("active", "a", 10);
    s.accept("active", "a");
    s.offer("offered", "a", 11);
    expect(s.agentOffline("a").sort()).toEqual(["active", "offered"]);
    expect(s.waiting().map((c) => [c.id, c.arrivedAt])).toEqual([
      ["active", 5],
      ["offered", 7],
    ]);
    expect(s.agentStates()[0]).toMatchObject({ online: false, active: 0, pendingOffers: 0 });
    expect(codeOf(() => s.offer("active", "a", 20))).toBe("ROUTING_AGENT_OFFLINE");
    s.agentOnline(profile("a", 3), 30);
    expect(s.agentStates()[0]).toMatchObject({ online: true, onlineSince: 30, lastAssignedAt: 11 });
  });

  it("unknown ids, duplicates and bad profiles have stable codes", () => {
    const s = new RoutingState();
    expect(codeOf(() => s.offer("x", "y", 0))).toBe("ROUTING_UNKNOWN_CHAT");
    s.enqueue(newChat("x", 0));
    expect(codeOf(() => s.offer("x", "y", 0))).toBe("ROUTING_UNKNOWN_AGENT");
    expect(codeOf(() => s.enqueue(newChat("x", 0)))).toBe("ROUTING_DUPLICATE_CHAT");
    expect(codeOf(() => s.agentOffline("y"))).toBe("ROUTING_UNKNOWN_AGENT");
    expect(codeOf(() => s.agentOnline({ ...profile("y"), capacity: -1 }, 0))).toBe("ROUTING_BAD_AGENT");
    expect(new RoutingError("ROUTING_OVER_CAPACITY", "a").status).toBe(409);
  });

  it("abandon removes a waiting or offered chat and frees the offer's slot", () => {
    const s = new RoutingState();
    s.agentOnline(profile("a", 1), 0);
    s.enqueue(newChat("c", 0));
    s.offer("c", "a", 1);
    s.abandon("c");
    expect(s.agentStates()[0]).toMatchObject({ pendingOffers: 0 });
    expect(s.waiting()).toEqual([]);
  });
});

describe("routeNextChats", () => {
  it("asks the strategy and claims its offers", () => {
    const s = new RoutingState();
    s.agentOnline(profile("a", 1), 0);
    s.agentOnline(profile("b", 1), 0);
    for (const id of ["c1", "c2", "c3"]) s.enqueue(newChat(id, 0));
    const made = routeNextChats(s, dynamic, 1_000);
    expect(made).toHaveLength(2);
    expect(new Set(made.map((m) => m.agentId))).toEqual(new Set(["a", "b"]));
    expect(routeNextChats(s, dynamic, 2_000)).toEqual([]);
    expect(s.waiting().map((c) => c.id)).toEqual(["c3"]);
  });

  it("skips an offer whose claim fails and keeps the rest", () => {
    const s = new RoutingState();
    s.agentOnline(profile("a", 1), 0);
    s.agentOnline(profile("b", 1), 0);
    s.enqueue(newChat("c1", 0));
    s.enqueue(newChat("c2", 0));
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
    expect(routeNextChats(s, faulty, 0)).toEqual([
      { chatId: "c1", agentId: "a" },
      { chatId: "c2", agentId: "b" },
    ]);
  });

  it("the full cycle never exceeds a cap, and a declined chat goes to someone else", () => {
    const s = new RoutingState();
    s.agentOnline(profile("a", 2), 0);
    s.agentOnline(profile("b", 2), 0);
    for (let i = 0; i < 6; i++) s.enqueue(newChat(`c${i}`, i));
    let now = 100_000;
    const first = routeNextChats(s, dynamic, now);
    expect(first).toHaveLength(4);
    const declined = first[0]!;
    s.decline(declined.chatId, declined.agentId);
    now += 1_000;
    // The freed slot goes to another waiting chat, never back to the decliner's own.
    const second = routeNextChats(s, dynamic, now);
    expect(second).toEqual([{ chatId: "c4", agentId: declined.agentId }]);
    const other = first.find((x) => x.agentId !== declined.agentId)!;
    s.accept(other.chatId, other.agentId);
    s.finish(other.chatId, other.agentId);
    const third = routeNextChats(s, dynamic, now + 1_000);
    expect(third).toEqual([{ chatId: declined.chatId, agentId: other.agentId }]);
    for (const a of s.agentStates()) expect(a.active + a.pendingOffers).toBeLessThanOrEqual(a.capacity);
  });
});
