import { describe, expect, it } from "vitest";
import { defaultPolicy as policy, withPolicy } from "../../../src/routing/policy.js";
import { DynamicStrategy } from "../../../src/routing/strategies/dynamic.js";
import { agent, asMap, chat, countBy, NOW } from "../fixtures.js";

const dynamic = new DynamicStrategy(policy);

describe("dynamic: which chat", () => {
  it("urgent before a normal chat that waited longer", () => {
    const out = dynamic.pick(
      [chat("normal", 100), chat("urgent", 0, { urgency: "urgent" })],
      [agent("a", { capacity: 1 })],
      NOW,
    );
    expect(out).toEqual([{ chatId: "urgent", agentId: "a" }]);
  });

  it("aging prevents starvation: a low chat past maxWaitMs beats a newer urgent one", () => {
    const old = chat("old-low", policy.maxWaitMs / 1000 + 1, { urgency: "low" });
    const out = dynamic.pick(
      [chat("urgent", 10, { urgency: "urgent" }), old],
      [agent("a", { capacity: 1 })],
      NOW,
    );
    expect(out).toEqual([{ chatId: "old-low", agentId: "a" }]);
  });

  it("classes are strict until the aging guard: normal before a low chat that waited much longer", () => {
    const justBelow = policy.maxWaitMs / 1000 - 1;
    const out = dynamic.pick(
      [chat("old-low", justBelow, { urgency: "low" }), chat("new-normal", 0)],
      [agent("a", { capacity: 1 })],
      NOW,
    );
    expect(out).toEqual([{ chatId: "new-normal", agentId: "a" }]);
    const urgentFirst = dynamic.pick(
      [chat("old-normal", justBelow), chat("new-urgent", 0, { urgency: "urgent" })],
      [agent("a", { capacity: 1 })],
      NOW,
    );
    expect(urgentFirst).toEqual([{ chatId: "new-urgent", agentId: "a" }]);
  });

  it("a low chat is never starved by a stream of urgent ones: it ages to the front", () => {
    const low = chat("low", 0, { urgency: "low" });
    const agents = [agent("a", { capacity: 1 })];
    let servedAt = -1;
    // One slot frees every 10 s and a new urgent chat arrives every 10 s.
    for (let t = 0; t <= policy.maxWaitMs + 10_000 && servedAt < 0; t += 10_000) {
      const now = low.arrivedAt + t;
      const out = dynamic.pick(
        [low, { ...chat(`u${t}`, 0, { urgency: "urgent" }), arrivedAt: now }],
        agents,
        now,
      );
      if (out[0]?.chatId === "low") servedAt = t;
    }
    expect(servedAt).toBe(policy.maxWaitMs);
  });
});

describe("dynamic: which agent", () => {
  it("the lowest (active + pending) / capacity", () => {
    const agents = [
      agent("a", { capacity: 4, active: 2 }),
      agent("b", { capacity: 2, active: 0, pendingOffers: 1 }),
      agent("c", { capacity: 3, active: 1 }),
    ];
    expect(dynamic.pick([chat("x", 70)], agents, NOW)).toEqual([{ chatId: "x", agentId: "c" }]);
  });

  it("ties do not pile chats on one agent: equal agents get one each, then two each", () => {
    const agents = ["a", "b", "c", "d"].map((id) => agent(id, { capacity: 3 }));
    const four = ["1", "2", "3", "4"].map((id) => chat(id, 70));
    expect(Object.values(countBy(dynamic.pick(four, agents, NOW)))).toEqual([1, 1, 1, 1]);
    const eight = ["1", "2", "3", "4", "5", "6", "7", "8"].map((id) => chat(id, 70));
    expect(Object.values(countBy(dynamic.pick(eight, agents, NOW)))).toEqual([2, 2, 2, 2]);
  });

  it("equal load: the one who waited longest since their last assignment", () => {
    const agents = [
      agent("a", { lastAssignedAt: NOW - 5_000 }),
      agent("b", { lastAssignedAt: NOW - 50_000 }),
    ];
    expect(dynamic.pick([chat("x", 1)], agents, NOW)).toEqual([{ chatId: "x", agentId: "b" }]);
  });

  it("a declined agent is not offered the same chat again, even when they are the least loaded", () => {
    const agents = [agent("a"), agent("b", { active: 2 })];
    expect(dynamic.pick([chat("x", 70, { declinedBy: ["a"] })], agents, NOW)).toEqual([
      { chatId: "x", agentId: "b" },
    ]);
    expect(dynamic.pick([chat("x", 70, { declinedBy: ["a", "b"] })], agents, NOW)).toEqual([]);
  });

  it("specialists before generalists, one-language agents before bilingual ones, at equal load", () => {
    const agents = [agent("star", { skills: ["*"] }), agent("pension", { skills: ["pension"] })];
    expect(dynamic.pick([chat("x", 1)], agents, NOW)).toEqual([{ chatId: "x", agentId: "pension" }]);
    const speakers = [agent("both", { languages: ["zh", "en"] }), agent("zh", { languages: ["zh"] })];
    expect(dynamic.pick([chat("x", 1)], speakers, NOW)).toEqual([{ chatId: "x", agentId: "zh" }]);
  });

  it("so the generalist is left for the chat only they can take", () => {
    const agents = [agent("star", { capacity: 1 }), agent("pension", { capacity: 1, skills: ["pension"] })];
    const out = dynamic.pick([chat("p", 20), chat("m", 10, { skill: "medical" })], agents, NOW);
    expect(asMap(out)).toEqual({ p: "pension", m: "star" });
  });

  it("skill relaxation: a pension chat with only a medical agent waits until relaxSkillAfterMs", () => {
    const agents = [agent("med", { skills: ["medical"] })];
    expect(dynamic.pick([chat("x", policy.relaxSkillAfterMs / 1000 - 1)], agents, NOW)).toEqual([]);
    expect(dynamic.pick([chat("x", policy.relaxSkillAfterMs / 1000)], agents, NOW)).toEqual([
      { chatId: "x", agentId: "med" },
    ]);
  });

  it("even relaxed, a matching agent is preferred to a stand-in", () => {
    const agents = [agent("med", { skills: ["medical"] }), agent("pen", { skills: ["pension"], active: 2 })];
    expect(dynamic.pick([chat("x", 100)], agents, NOW)).toEqual([{ chatId: "x", agentId: "pen" }]);
  });

  it("language relaxation: an English chat with only Chinese speakers waits until relaxLanguageAfterMs", () => {
    const agents = [agent("zh", { languages: ["zh"] })];
    const en = (wait: number) => chat("x", wait, { language: "en" });
    expect(dynamic.pick([en(policy.relaxLanguageAfterMs / 1000 - 1)], agents, NOW)).toEqual([]);
    expect(dynamic.pick([en(policy.relaxLanguageAfterMs / 1000)], agents, NOW)).toEqual([
      { chatId: "x", agentId: "zh" },
    ]);
  });

  it("a language nobody online speaks, and an unknown skill, are still relaxed in time", () => {
    const agents = [agent("a", { skills: ["pension"] })];
    const c = chat("x", policy.relaxLanguageAfterMs / 1000, { language: "fr", skill: "housing" });
    expect(dynamic.pick([c], agents, NOW)).toEqual([{ chatId: "x", agentId: "a" }]);
    expect(dynamic.pick([{ ...c, arrivedAt: NOW }], agents, NOW)).toEqual([]);
  });
});

describe("dynamic: alpha keeps the last slots for urgent or late chats", () => {
  // capacity 4, alpha 0.5: soft cap ceil(4 * 0.75) = 3.
  const busy = [agent("a", { capacity: 4, active: 3 })];

  it("a fresh normal chat does not take an agent's last slot", () => {
    expect(dynamic.pick([chat("x", 10)], busy, NOW)).toEqual([]);
  });

  it("an urgent chat, or a chat past its target, does", () => {
    expect(dynamic.pick([chat("x", 0, { urgency: "urgent" })], busy, NOW)).toHaveLength(1);
    expect(dynamic.pick([chat("x", policy.targetMs.normal / 1000)], busy, NOW)).toHaveLength(1);
  });

  it("alpha = 1 uses every slot for anyone; alpha = 0 keeps half of them", () => {
    expect(new DynamicStrategy(withPolicy({ alpha: 1 })).pick([chat("x", 10)], busy, NOW)).toHaveLength(1);
    const half = [agent("a", { capacity: 4, active: 2 })];
    expect(new DynamicStrategy(withPolicy({ alpha: 0 })).pick([chat("x", 10)], half, NOW)).toEqual([]);
    expect(dynamic.pick([chat("x", 10)], half, NOW)).toHaveLength(1);
  });

  it("a fresh chat goes to an agent below the soft cap rather than into someone's last slot", () => {
    const agents = [
      agent("a", { capacity: 4, active: 3 }),
      agent("b", { capacity: 2, active: 1, skills: ["pension"] }),
    ];
    expect(dynamic.pick([chat("x", 10)], agents, NOW)).toEqual([{ chatId: "x", agentId: "b" }]);
  });
});

describe("dynamic: input handling", () => {
  it("nothing to do: no chats, no agents, nobody online, nobody with a free slot", () => {
    expect(dynamic.pick([], [agent("a")], NOW)).toEqual([]);
    expect(dynamic.pick([chat("x", 1)], [], NOW)).toEqual([]);
    expect(dynamic.pick([chat("x", 1)], [agent("a", { online: false })], NOW)).toEqual([]);
    expect(dynamic.pick([chat("x", 1)], [agent("a", { active: 3 })], NOW)).toEqual([]);
  });

  it("the queue in any order gives the same decision", () => {
    const chats = [
      chat("1", 50),
      chat("2", 5, { urgency: "urgent" }),
      chat("3", 200, { urgency: "low" }),
      chat("4", 20),
    ];
    const agents = [agent("a", { capacity: 1 }), agent("b", { capacity: 1 })];
    const forward = dynamic.pick(chats, agents, NOW);
    expect(dynamic.pick([...chats].reverse(), agents, NOW)).toEqual(forward);
    expect(forward.map((a) => a.chatId)).toEqual(["2", "1"]);
  });

  it("does not change its arguments", () => {
    const chats = Object.freeze([Object.freeze(chat("x", 1))]);
    const agents = Object.freeze([Object.freeze(agent("a"))]);
    expect(() => dynamic.pick(chats, agents, NOW)).not.toThrow();
  });
});
