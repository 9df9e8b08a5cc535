import { describe, expect, it } from "vitest";
import { defaultPolicy as policy } from "../../../src/routing/policy.js";
import { FifoRoundRobinStrategy } from "../../../src/routing/strategies/fifo-round-robin.js";
import { agent, chat, NOW } from "../fixtures.js";

const rr = new FifoRoundRobinStrategy(policy);

describe("fifo-round-robin (Chatwoot)", () => {
  it("oldest chat first, agents in rotation (least recently assigned first), load ignored below the cap", () => {
    const agents = [
      agent("a", { lastAssignedAt: 300 }),
      agent("b", { lastAssignedAt: 100, active: 2 }),
      agent("c", { lastAssignedAt: 200 }),
    ];
    const out = rr.pick([chat("new", 1), chat("old", 30), chat("mid", 10)], agents, NOW);
    expect(out).toEqual([
      { chatId: "old", agentId: "b" },
      { chatId: "mid", agentId: "c" },
      { chatId: "new", agentId: "a" },
    ]);
  });

  it("rotates: with more chats than agents it comes round again in the same order", () => {
    const agents = [agent("a"), agent("b")];
    const out = rr.pick([chat("1", 40), chat("2", 30), chat("3", 20), chat("4", 10)], agents, NOW);
    expect(out.map((a) => a.agentId)).toEqual(["a", "b", "a", "b"]);
  });

  it("skips an agent at their cap or who declined the chat", () => {
    const agents = [
      agent("a", { active: 3 }),
      agent("b", { lastAssignedAt: 5 }),
      agent("c", { lastAssignedAt: 9 }),
    ];
    expect(rr.pick([chat("x", 1, { declinedBy: ["b"] })], agents, NOW)).toEqual([
      { chatId: "x", agentId: "c" },
    ]);
  });
});
