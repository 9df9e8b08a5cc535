import { describe, expect, it } from "vitest";
import { routeNextChatsOn } from "../../src/routing/assigner.js";
import { defaultPolicy as policy } from "../../src/routing/policy.js";
import { InProcessRoutingState } from "../../src/routing/state/in-process.js";
import { DynamicStrategy } from "../../src/routing/strategies/dynamic.js";

// The state's own steps are covered by the port contract (state-contract.ts); these are about the
// round: strategy on a snapshot, then claims.
const dynamic = new DynamicStrategy(policy);
const profile = (id: string, capacity = 2) => ({ id, capacity, languages: ["zh"], skills: ["*"] });
const newChat = (id: string, arrivedAt: number) => ({
  id,
  arrivedAt,
  urgency: "normal" as const,
  language: "zh",
  skill: "pension",
});

describe("routeNextChatsOn", () => {
  it("asks the strategy and claims its offers", async () => {
    const s = new InProcessRoutingState();
    await s.agentOnline(profile("a", 1), 0);
    await s.agentOnline(profile("b", 1), 0);
    for (const id of ["c1", "c2", "c3"]) await s.enqueue(newChat(id, 0));
    const made = await routeNextChatsOn(s, dynamic, 1_000);
    expect(made).toHaveLength(2);
    expect(new Set(made.map((m) => m.agentId))).toEqual(new Set(["a", "b"]));
    expect(await routeNextChatsOn(s, dynamic, 2_000)).toEqual([]);
    expect((await s.waiting()).map((c) => c.id)).toEqual(["c3"]);
  });

  it("an away agent gets nothing new from the strategy", async () => {
    const s = new InProcessRoutingState();
    await s.agentOnline(profile("a", 2), 0);
    await s.agentOnline(profile("b", 2), 0);
    await s.agentAway("a");
    for (const id of ["c1", "c2", "c3"]) await s.enqueue(newChat(id, 0));
    const made = await routeNextChatsOn(s, dynamic, 1_000);
    expect(made.map((m) => m.agentId)).toEqual(["b", "b"]);
  });

  it("rethrows an error that is not a refusal (the store failed)", async () => {
    const s = new InProcessRoutingState();
    await s.agentOnline(profile("a", 1), 0);
    await s.enqueue(newChat("c1", 0));
    // The same state, but its claims fail the way a lost Redis connection would.
    const broken = Object.assign(Object.create(s) as InProcessRoutingState, {
      offer: async () => {
        throw new Error("connection lost");
      },
    });
    await expect(routeNextChatsOn(broken, dynamic, 1_000)).rejects.toThrow("connection lost");
  });

  it("the full cycle never exceeds a cap, and a declined chat goes to someone else", async () => {
    const s = new InProcessRoutingState();
    await s.agentOnline(profile("a", 2), 0);
    await s.agentOnline(profile("b", 2), 0);
    for (let i = 0; i < 6; i++) await s.enqueue(newChat(`c${i}`, i));
    let now = 100_000;
    const first = await routeNextChatsOn(s, dynamic, now);
    expect(first).toHaveLength(4);
    const declined = first[0]!;
    await s.decline(declined.chatId, declined.agentId);
    now += 1_000;
    // The freed slot goes to another waiting chat, never back to the decliner's own.
    const second = await routeNextChatsOn(s, dynamic, now);
    expect(second).toEqual([{ chatId: "c4", agentId: declined.agentId }]);
    const other = first.find((x) => x.agentId !== declined.agentId)!;
    await s.accept(other.chatId, other.agentId);
    await s.finish(other.chatId, other.agentId);
    const third = await routeNextChatsOn(s, dynamic, now + 1_000);
    expect(third).toEqual([{ chatId: declined.chatId, agentId: other.agentId }]);
    for (const a of await s.agentStates()) expect(a.active + a.pendingOffers).toBeLessThanOrEqual(a.capacity);
  });
});
