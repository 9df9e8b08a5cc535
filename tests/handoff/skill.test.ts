import { describe, expect, it } from "vitest";
import { SKILL_GROUPS, signalsOf, skillForConversation, skillForIntent } from "../../src/handoff/skill.js";
import { deriveUrgency, urgencySignals } from "../../src/routing/urgency.js";

describe("skillForIntent", () => {
  it("takes the group from the intent's first part", () => {
    expect(skillForIntent("pension.transfer")).toBe("pension");
    expect(skillForIntent("card.lost")).toBe("card");
    expect(skillForIntent("medical.reimbursement.abroad")).toBe("medical");
    expect(skillForIntent("unemployment")).toBe("unemployment");
  });

  it("maps every known group to itself", () => {
    for (const group of SKILL_GROUPS) expect(skillForIntent(`${group}.anything`)).toBe(group);
  });

  it("falls back to 'other' for a complaint, no intent, or an unknown group", () => {
    expect(skillForIntent("complaint")).toBe("other");
    expect(skillForIntent("complaint.service")).toBe("other");
    expect(skillForIntent(null)).toBe("other");
    expect(skillForIntent(undefined)).toBe("other");
    expect(skillForIntent("")).toBe("other");
    expect(skillForIntent("astrology.horoscope")).toBe("other");
    // Only the first part counts: a known group later in the name does not match.
    expect(skillForIntent("smalltalk.pension")).toBe("other");
    expect(skillForIntent(".pension")).toBe("other");
  });
});

describe("signalsOf", () => {
  it("carries no signal for neutral texts and no complaint flag", () => {
    expect(signalsOf(["你好", "我想查一下养老金"], 0, false)).toEqual({
      complaint: false,
      negativeWords: 0,
      explicitUrgency: false,
      vulnerable: false,
      failedAttempts: 0,
    });
  });

  it("raises complaint from the flag, or from any one text", () => {
    expect(signalsOf(["你好"], 0, true).complaint).toBe(true);
    expect(signalsOf(["你好", "我要投诉", "谢谢"], 0, false).complaint).toBe(true);
    expect(signalsOf(["hello", "I want to file a complaint"], 0, false).complaint).toBe(true);
    expect(signalsOf([], 0, true).complaint).toBe(true);
  });

  it("sums the negative words over all texts", () => {
    const texts = ["服务太差", "真是气死我了", "what a terrible and useless answer"];
    const perText = texts.map((t) => urgencySignals(t).negativeWords);
    expect(perText.every((n) => n > 0)).toBe(true);
    expect(signalsOf(texts, 0, false).negativeWords).toBe(perText.reduce((a, b) => a + b, 0));
    expect(signalsOf(texts, 0, false).negativeWords).toBe(4);
    expect(signalsOf(texts.slice(0, 1), 0, false).negativeWords).toBe(1);
  });

  it("raises explicit urgency and vulnerability from any one text", () => {
    const s = signalsOf(["你好", "很紧急", "我家里有老人"], 0, false);
    expect(s.explicitUrgency).toBe(true);
    expect(s.vulnerable).toBe(true);
    expect(signalsOf(["hi", "I need it today, asap"], 0, false).explicitUrgency).toBe(true);
    expect(signalsOf(["my mother is in hospital", "ok"], 0, false).vulnerable).toBe(true);
  });

  it("does not take 'not in a hurry' for urgency", () => {
    expect(signalsOf(["我不急", "不着急，慢慢来"], 0, false).explicitUrgency).toBe(false);
  });

  it("passes the failed attempts through", () => {
    expect(signalsOf(["你好"], 3, false).failedAttempts).toBe(3);
    expect(signalsOf([], 0, false).failedAttempts).toBe(0);
  });
});

describe("signalsOf with deriveUrgency", () => {
  it("makes a complaint urgent, by flag or by text", () => {
    expect(deriveUrgency(signalsOf(["你好"], 0, false))).toBe("low");
    expect(deriveUrgency(signalsOf(["你好"], 0, true))).toBe("urgent");
    expect(deriveUrgency(signalsOf(["你好", "我要投诉你们"], 0, false))).toBe("urgent");
  });

  it("escalates on negative words spread over several messages", () => {
    expect(deriveUrgency(signalsOf(["太差了"], 0, false))).toBe("normal");
    expect(deriveUrgency(signalsOf(["太差了", "气死了", "真离谱"], 0, false))).toBe("urgent");
  });

  it("escalates on failed attempts passed through", () => {
    expect(deriveUrgency(signalsOf(["你好"], 2, false))).toBe("normal");
    expect(deriveUrgency(signalsOf(["你好"], 4, false))).toBe("urgent");
  });
});

describe("skillForConversation", () => {
  it("goes by the application in progress first", () => {
    expect(skillForConversation({ flowIntent: "unemployment.apply", recent: [{ intent: "card.lost" }] })).toBe("unemployment");
  });

  it("then by an application the citizen asked about: a progress lookup is about that application", () => {
    expect(
      skillForConversation({
        flowIntent: null,
        recent: [{ intent: "agent.request" }, { intent: "service.progress", applicationKind: "unemployment.apply" }, { intent: "card.lost" }],
      }),
    ).toBe("unemployment");
  });

  it("then by the latest intent that names a topic, skipping requests for a person, greetings and lookups", () => {
    expect(
      skillForConversation({ recent: [{ intent: "agent.request" }, { intent: "service.progress" }, { intent: "greeting" }, { intent: "medical.offsite.filing" }] }),
    ).toBe("medical");
    expect(skillForConversation({ recent: [{ intent: "agent.request" }, { intent: "service.progress" }] })).toBe("other");
    expect(skillForConversation({ recent: [] })).toBe("other");
  });
});
