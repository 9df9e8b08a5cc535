import { describe, expect, it } from "vitest";
import { defaultPolicy as policy } from "../../../src/routing/policy.js";
import { LeastLoadedStrategy } from "../../../src/routing/strategies/least-loaded.js";
import { agent, chat, NOW } from "../fixtures.js";

const ll = new LeastLoadedStrategy(policy);

describe("least-loaded (Rocket.Chat auto selection)", () => {
  it("the agent with the fewest chats (pending offers count), whatever their capacity", () => {
    const agents = [
      agent("a", { active: 1, capacity: 10 }),
      agent("b", { active: 0, pendingOffers: 1 }),
      agent("c", { capacity: 2 }),
    ];
    expect(ll.pick([chat("x", 1)], agents, NOW)).toEqual([{ chatId: "x", agentId: "c" }]);
  });

  it("ties by the fixed agent order, not by who waited longest", () => {
    const agents = [agent("b", { lastAssignedAt: 0 }), agent("a", { lastAssignedAt: NOW })];
    expect(ll.pick([chat("x", 1)], agents, NOW)).toEqual([{ chatId: "x", agentId: "a" }]);
  });

  it("oldest chat first, and the chats of one decision count as load", () => {
    const agents = [agent("a"), agent("b", { active: 1 })];
    const out = ll.pick([chat("new", 1), chat("old", 50), chat("mid", 20)], agents, NOW);
    // old -> a (0 vs 1); then 1 vs 1, the fixed order again says a; then b has fewer.
    expect(out).toEqual([
      { chatId: "old", agentId: "a" },
      { chatId: "mid", agentId: "a" },
      { chatId: "new", agentId: "b" },
    ]);
  });
});
