import { describe, expect, it } from "vitest";
import { eligibleAgents, isEligible, priority } from "../../src/routing/eligibility.js";
import { defaultPolicy as policy, withPolicy } from "../../src/routing/policy.js";
import { agent, chat, NOW } from "./fixtures.js";

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

describe("priority", () => {
  it("urgent before normal before low at the same wait", () => {
    const u = priority(chat("u", 5, { urgency: "urgent" }), NOW, policy);
    const n = priority(chat("n", 5), NOW, policy);
    const l = priority(chat("l", 5, { urgency: "low" }), NOW, policy);
    expect(u).toBeGreaterThan(n);
    expect(n).toBeGreaterThan(l);
  });

  it("a late low chat overtakes a fresh normal one when the weights are close, lateness grows with wait / target", () => {
    // Weights one point apart (the former default): lateness mixes normal and low chats.
    const mixed = withPolicy({ weight: { urgent: 10, normal: 1, low: 0 } });
    expect(priority(chat("n", 60), NOW, mixed)).toBeCloseTo(mixed.weight.normal + 1);
    expect(priority(chat("l", 170, { urgency: "low" }), NOW, mixed)).toBeLessThan(
      priority(chat("n", 0), NOW, mixed),
    );
    expect(priority(chat("l", 200, { urgency: "low" }), NOW, mixed)).toBeGreaterThan(
      priority(chat("n", 0), NOW, mixed),
    );
  });

  it("default policy: the classes are strict until a chat ages", () => {
    const justBelow = policy.maxWaitMs / 1000 - 1;
    expect(priority(chat("n", justBelow), NOW, policy)).toBeLessThan(
      priority(chat("u", 0, { urgency: "urgent" }), NOW, policy),
    );
    expect(priority(chat("l", justBelow, { urgency: "low" }), NOW, policy)).toBeLessThan(
      priority(chat("n", 0), NOW, policy),
    );
    expect(priority(chat("n", 60), NOW, policy)).toBeCloseTo(policy.weight.normal + 1);
  });

  it("aging: a low chat past maxWaitMs outranks a brand-new urgent chat", () => {
    const aged = chat("old", policy.maxWaitMs / 1000 + 1, { urgency: "low" });
    const urgent = chat("new", 0, { urgency: "urgent" });
    expect(priority(aged, NOW, policy)).toBeGreaterThan(priority(urgent, NOW, policy));
    // and among aged chats the oldest goes first
    const older = chat("older", policy.maxWaitMs / 1000 + 50, { urgency: "normal" });
    expect(priority(older, NOW, policy)).toBeGreaterThan(priority(aged, NOW, policy));
  });
});

describe("eligibleAgents", () => {
  const agents = [
    agent("off", { online: false }),
    agent("full", { active: 2, pendingOffers: 1 }),
    agent("en", { languages: ["en"] }),
    agent("medical", { skills: ["medical"] }),
    agent("pension", { skills: ["pension"] }),
    agent("star"),
    agent("declined"),
  ];

  it("online, under capacity counting pending offers, not a decliner, language and skill", () => {
    const c = chat("c", 5, { declinedBy: ["declined"] });
    expect(ids(eligibleAgents(c, agents, NOW, policy))).toEqual(["pension", "star"]);
  });

  it("relaxes the skill after relaxSkillAfterMs, then the language after relaxLanguageAfterMs", () => {
    const skill = chat("c", policy.relaxSkillAfterMs / 1000);
    expect(ids(eligibleAgents(skill, agents, NOW, policy))).toEqual([
      "medical",
      "pension",
      "star",
      "declined",
    ]);
    const language = chat("c", policy.relaxLanguageAfterMs / 1000);
    expect(ids(eligibleAgents(language, agents, NOW, policy))).toEqual([
      "en",
      "medical",
      "pension",
      "star",
      "declined",
    ]);
  });

  it("counts the offers planned in the same decision as load", () => {
    const a = agent("a", { capacity: 2, active: 1 });
    expect(isEligible(chat("c", 0), a, NOW, policy)).toBe(true);
    expect(isEligible(chat("c", 0), a, NOW, policy, 1)).toBe(false);
  });
});
