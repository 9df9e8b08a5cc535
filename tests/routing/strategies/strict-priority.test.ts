import { describe, expect, it } from "vitest";
import { defaultPolicy as policy } from "../../../src/routing/policy.js";
import { StrictPriorityStrategy } from "../../../src/routing/strategies/strict-priority.js";
import { agent, chat, NOW } from "../fixtures.js";

const sp = new StrictPriorityStrategy(policy);

describe("strict-priority", () => {
  it("urgent before normal before low, oldest first within a class", () => {
    const chats = [
      chat("low-old", 500, { urgency: "low" }),
      chat("normal-new", 1),
      chat("urgent-new", 0, { urgency: "urgent" }),
      chat("normal-old", 100),
      chat("urgent-old", 5, { urgency: "urgent" }),
    ];
    const out = sp.pick(chats, [agent("a", { capacity: 10 })], NOW);
    expect(out.map((a) => a.chatId)).toEqual([
      "urgent-old",
      "urgent-new",
      "normal-old",
      "normal-new",
      "low-old",
    ]);
  });

  it("has no aging: a low chat past maxWaitMs still waits behind an urgent one", () => {
    const chats = [
      chat("low", policy.maxWaitMs / 1000 + 60, { urgency: "low" }),
      chat("urgent", 0, { urgency: "urgent" }),
    ];
    expect(sp.pick(chats, [agent("a", { capacity: 1 })], NOW)).toEqual([{ chatId: "urgent", agentId: "a" }]);
  });

  it("each chat to the least-loaded eligible agent", () => {
    const agents = [agent("a", { active: 2 }), agent("b", { active: 1 })];
    expect(sp.pick([chat("x", 1)], agents, NOW)).toEqual([{ chatId: "x", agentId: "b" }]);
  });
});
