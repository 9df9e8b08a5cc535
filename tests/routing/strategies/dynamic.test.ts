import { describe, expect, it } from "vitest";
import { defaultPolicy as policy, withPolicy } from "../../../src/routing/policy.js";
import { DynamicStrategy } from "../../../src/routing/strategies/dynamic.js";
import type { WaitingChat } from "../../../src/routing/types.js";
import { agent, asMap, chat, countBy, NOW, rng } from "../fixtures.js";

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

describe("dynamic: deadline lines within a class", () => {
  const one = [agent("a", { capacity: 1 })];
  /**
   * The chat ids in the order the strategy takes them (one agent with room for all). A fresh strategy
   * by default: one that has seen every chat offered at once would learn that nobody leaves.
   */
  const orderOf = (chats: WaitingChat[], strategy = new DynamicStrategy(withPolicy({ alpha: 1 }))) =>
    strategy.pick(chats, [agent("a", { capacity: chats.length })], NOW).map((a) => a.chatId);

  it("a chat that can still be answered within 30 s goes before one that has missed it", () => {
    expect(dynamic.pick([chat("late", 40), chat("on-time", 10)], one, NOW)).toEqual([
      { chatId: "on-time", agentId: "a" },
    ]);
  });

  it("the earlier line's chats first, oldest first between two lines", () => {
    // Lines at 30, 45, 60, 90, 120 s...: 20 and 25 s before 30; 50 and 55 s between 45 and 60; 100 s past 90.
    const chats = [chat("100", 100), chat("55", 55), chat("50", 50), chat("25", 25), chat("20", 20)];
    expect(orderOf(chats)).toEqual(["25", "20", "55", "50", "100"]);
  });

  it("classes stay strict: an urgent chat that missed every line goes before an on-time normal one", () => {
    const urgent = chat("urgent", policy.maxWaitMs / 1000 - 10, { urgency: "urgent" });
    expect(orderOf([urgent, chat("normal", 1), chat("low", 1, { urgency: "low" })])).toEqual([
      "urgent",
      "normal",
      "low",
    ]);
  });

  it("aged chats still go before everyone, oldest first", () => {
    const aged = policy.maxWaitMs / 1000;
    const chats = [
      chat("aged-low", aged + 1, { urgency: "low" }),
      chat("older-aged-normal", aged + 50),
      chat("on-time-urgent", 1, { urgency: "urgent" }),
      chat("on-time-normal", 1),
    ];
    expect(orderOf(chats)).toEqual(["older-aged-normal", "aged-low", "on-time-urgent", "on-time-normal"]);
  });

  it("a chat that missed the lines is not starved by a stream of fresh ones: it ages to the front", () => {
    const late = chat("late", 40);
    let servedAt = -1;
    // One slot frees every 10 s and a new normal chat arrives every 10 s.
    for (let t = 0; t <= policy.maxWaitMs && servedAt < 0; t += 10_000) {
      const now = NOW + t;
      const out = dynamic.pick([late, { ...chat(`n${t}`, 0), arrivedAt: now }], one, now);
      if (out[0]?.chatId === "late") servedAt = t;
    }
    // Passed over while the fresh chats can still make 30 s, first as soon as it ages (wait 900 s).
    expect(servedAt).toBe(policy.maxWaitMs - 40_000);
  });

  it("where patient citizens are answered late and nobody leaves, the lines switch off until someone leaves", () => {
    const learning = new DynamicStrategy(policy);
    const chats = [chat("100", 100), chat("50", 50), chat("20", 20)];
    const ordered = () => learning.order(chats, NOW).map((c) => c.id);
    expect(ordered()).toEqual(["20", "50", "100"]);
    // Chats answered after waiting 1 min or more, each offered at the first decision that sees it.
    const { offers, waitMs } = policy.patientQueue;
    for (let k = 0; k < offers - 1; k++)
      learning.pick([chat(`c${k}`, waitMs / 1000)], [agent("a", { capacity: 1 })], NOW);
    expect(ordered()).toEqual(["20", "50", "100"]); // one short of the evidence
    learning.pick([chat("last", waitMs / 1000)], [agent("a", { capacity: 1 })], NOW);
    expect(ordered()).toEqual(["100", "50", "20"]);
    // A citizen waits with nobody online, then leaves: the lines are back.
    learning.pick([chat("leaver", 5)], [agent("a", { online: false })], NOW);
    learning.pick([], [agent("a")], NOW);
    expect(ordered()).toEqual(["20", "50", "100"]);
  });

  it("no lines: oldest first in each class; lines in any order are sorted", () => {
    const chats = [chat("100", 100), chat("50", 50), chat("20", 20)];
    const none = new DynamicStrategy(withPolicy({ alpha: 1, deadlinesMs: [] }));
    expect(orderOf(chats, none)).toEqual(["100", "50", "20"]);
    const shuffled = new DynamicStrategy(withPolicy({ alpha: 1, deadlinesMs: [60_000, 0, 30_000] }));
    expect(orderOf(chats, shuffled)).toEqual(["20", "50", "100"]);
  });

  it("the linear merge gives the same order as sorting by (aged, class, line, arrival)", () => {
    const r = rng(7);
    const lines = policy.deadlinesMs;
    const urgencies = ["urgent", "normal", "low"] as const;
    for (let round = 0; round < 20; round++) {
      const chats = Array.from({ length: 150 }, (_, k) =>
        chat(`c${k}`, Math.floor(r() * 1_000), { urgency: urgencies[Math.floor(r() * 3)]! }),
      );
      const waitOf = (c: WaitingChat) => (NOW - c.arrivedAt) / 1000;
      const band = (c: WaitingChat) => lines.filter((ms) => waitOf(c) * 1000 >= ms).length;
      const aged = (c: WaitingChat) => waitOf(c) * 1000 >= policy.maxWaitMs;
      const expected = [...chats]
        .sort(
          (a, b) =>
            Number(aged(b)) - Number(aged(a)) ||
            (aged(a) ? 0 : policy.weight[b.urgency] - policy.weight[a.urgency] || band(a) - band(b)) ||
            a.arrivedAt - b.arrivedAt ||
            (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        )
        .map((c) => c.id);
      expect(orderOf(chats)).toEqual(expected);
    }
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
    // Urgent first; then "4" (20 s), which can still be answered within 30 s, before "1" (50 s),
    // which has missed the 30 s and 45 s lines.
    expect(forward.map((a) => a.chatId)).toEqual(["2", "4"]);
  });

  it("does not change its arguments", () => {
    const chats = Object.freeze([Object.freeze(chat("x", 1))]);
    const agents = Object.freeze([Object.freeze(agent("a"))]);
    expect(() => dynamic.pick(chats, agents, NOW)).not.toThrow();
  });
});

describe("dynamic: the order shown to citizens", () => {
  it("is the order pick serves chats in, one slot at a time", () => {
    const random = rng(7);
    const urgencies = ["urgent", "normal", "low"] as const;
    const waiting: WaitingChat[] = Array.from({ length: 25 }, (_, i) =>
      chat(`c${i}`, Math.floor(random() * 1200), { urgency: urgencies[Math.floor(random() * 3)]! }),
    ).sort((a, b) => a.arrivedAt - b.arrivedAt);
    // Lines kept on: 25 late answers with nobody leaving would otherwise switch them off midway.
    const dynamic = new DynamicStrategy(
      withPolicy({ patientQueue: { waitMs: 60_000, offers: Number.POSITIVE_INFINITY } }),
    );
    const shown = dynamic.order(waiting, NOW).map((c) => c.id);
    // Serve one chat at a time with one free slot: each pick must be the next in the shown order.
    const served: string[] = [];
    let left = waiting;
    while (left.length > 0) {
      const [first] = dynamic.pick(left, [agent("a", { capacity: 1 })], NOW);
      served.push(first!.chatId);
      left = left.filter((c) => c.id !== first!.chatId);
    }
    expect(shown).toEqual(served);
  });
});
