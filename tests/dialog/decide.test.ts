import { describe, expect, it } from "vitest";
import type { DialogPolicy } from "../../bot/policy.js";
import { decide } from "../../src/dialog/decide.js";
import type { Candidate, Understanding } from "../../src/nlu/engine.js";

const policy: DialogPolicy = { answerAt: 0.7, clarifyAt: 0.3, clarifyOptions: 3, clarifyShare: 0.5 };

function understanding(candidates: [string, number][], confidence: number): Understanding {
  const cs: Candidate[] = candidates.map(([intent, score]) => ({
    intent,
    score,
    classifier: score,
    retrieval: score,
    ...(intent === "none" ? {} : { faqId: `faq-${intent}` }),
  }));
  return {
    text: "x",
    normalised: "x",
    locale: "zh",
    entities: [],
    candidates: cs,
    confidence,
    outOfScope: cs[0]?.intent === "none",
  };
}

describe("decide", () => {
  it("falls back without offering FAQs when the message is out of scope, however confident", () => {
    const d = decide(understanding([["none", 0.9], ["medical.reimbursement", 0.2]], 0.95), policy);
    expect(d).toEqual({ kind: "fallback", reason: "out_of_scope", related: [], confidence: 0.95 });
  });

  it("answers a confident in-scope message with its FAQ", () => {
    const d = decide(understanding([["card.lost", 0.8], ["card.replace", 0.3]], 0.9), policy);
    expect(d).toMatchObject({ kind: "answer", action: "faq", intent: "card.lost", faqId: "faq-card.lost" });
  });

  it("marks smalltalk and handoff intents with their action", () => {
    expect(decide(understanding([["greeting", 0.9]], 0.9), policy)).toMatchObject({ action: "smalltalk" });
    expect(decide(understanding([["agent.request", 0.9]], 0.9), policy)).toMatchObject({ action: "handoff" });
  });

  it("clarifies between close candidates at middling confidence, leaving out `none`", () => {
    const d = decide(
      understanding([["card.lost", 0.5], ["none", 0.45], ["card.replace", 0.4], ["card.apply", 0.1]], 0.5),
      policy,
    );
    expect(d).toEqual({
      kind: "clarify",
      options: [
        { intent: "card.lost", faqId: "faq-card.lost" },
        { intent: "card.replace", faqId: "faq-card.replace" },
      ],
      confidence: 0.5,
    });
  });

  it("asks to confirm when only one candidate is close at middling confidence", () => {
    const single = decide(understanding([["card.lost", 0.6], ["card.replace", 0.1]], 0.5), policy);
    expect(single).toEqual({ kind: "clarify", options: [{ intent: "card.lost", faqId: "faq-card.lost" }], confidence: 0.5 });
  });

  it("falls back with related FAQs when confidence is low", () => {
    const low = decide(understanding([["card.lost", 0.3], ["card.replace", 0.28]], 0.2), policy);
    expect(low).toMatchObject({ kind: "fallback", reason: "low_confidence" });
    expect(low.kind === "fallback" && low.related.map((r) => r.intent)).toEqual(["card.lost", "card.replace"]);
  });

  it("answers a topic-only message with that topic's menu", () => {
    const u = { ...understanding([["card.password", 0.7], ["card.lost", 0.3]], 0.9), topic: { id: "card", intents: ["card.lost", "card.password", "card.apply"] } };
    expect(decide(u, policy)).toEqual({
      kind: "clarify",
      options: [{ intent: "card.password" }, { intent: "card.lost" }, { intent: "card.apply" }],
      confidence: 0.9,
    });
  });

  it("falls back on an empty message", () => {
    expect(decide(understanding([], 0), policy)).toMatchObject({ kind: "fallback", reason: "empty" });
  });
});
