import { describe, expect, it } from "vitest";
import { defaultPolicy as policy } from "../../../src/routing/policy.js";
import { FifoLongestIdleStrategy } from "../../../src/routing/strategies/fifo-longest-idle.js";
import { agent, chat, NOW } from "../fixtures.js";

const idle = new FifoLongestIdleStrategy(policy);

describe("fifo-longest-idle (Amazon Connect)", () => {
  it("an idle agent (no chat) before a busy one, even one assigned longer ago", () => {
    const agents = [agent("busy", { active: 1, lastAssignedAt: 10 }), agent("idle", { lastAssignedAt: 500 })];
    expect(idle.pick([chat("x", 1)], agents, NOW)).toEqual([{ chatId: "x", agentId: "idle" }]);
  });

  it("among idle agents, the one idle longest; a fresh login counts from coming online", () => {
    const agents = [
      agent("recent", { lastAssignedAt: NOW - 10_000 }),
      agent("longest", { lastAssignedAt: NOW - 90_000 }),
      agent("login", { lastAssignedAt: 0, onlineSince: NOW - 5_000 }),
    ];
    expect(idle.pick([chat("x", 1)], agents, NOW)).toEqual([{ chatId: "x", agentId: "longest" }]);
  });

  it("with nobody idle, any agent under the cap, longest since the last assignment first", () => {
    const agents = [
      agent("a", { active: 2, lastAssignedAt: 900 }),
      agent("b", { active: 1, lastAssignedAt: 800 }),
    ];
    const out = idle.pick([chat("old", 9), chat("new", 1)], agents, NOW);
    expect(out).toEqual([
      { chatId: "old", agentId: "b" },
      { chatId: "new", agentId: "a" },
    ]);
  });
});
