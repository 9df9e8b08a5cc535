import { describe, expect, it } from "vitest";
import type { Decision } from "../../src/dialog/decide.js";
import { handoffReason } from "../../src/dialog/handoff.js";

const fallback = (reason: "out_of_scope" | "low_confidence" | "empty" = "low_confidence", related = "card.lost"): Decision => ({
  kind: "fallback",
  reason,
  related: reason === "low_confidence" ? [{ intent: related }] : [],
  confidence: 0.2,
});

describe("when to bring in a person", () => {
  it("on an explicit request and on a complaint", () => {
    expect(handoffReason({ kind: "answer", action: "handoff", intent: "agent.request", confidence: 0.9 }, [])).toBe("explicit");
    expect(handoffReason({ kind: "answer", action: "handoff", intent: "complaint", confidence: 0.9 }, [])).toBe("complaint");
  });

  it("on the second fallback in a row, not the first, and not for an empty message", () => {
    expect(handoffReason(fallback(), ["faq"])).toBeUndefined();
    expect(handoffReason(fallback(), ["fallback", "faq"])).toBe("repeated_fallback");
    expect(handoffReason(fallback("out_of_scope"), ["fallback"])).toBe("repeated_fallback");
    expect(handoffReason(fallback("empty"), ["fallback"])).toBeUndefined();
  });

  it("on a middling guess about a sensitive topic, not about an ordinary one", () => {
    const clarify = (intent: string): Decision => ({ kind: "clarify", options: [{ intent }], confidence: 0.5 });
    expect(handoffReason(clarify("injury.benefits"), [])).toBe("sensitive_low_confidence");
    expect(handoffReason(clarify("pension.benefit.calculation"), [])).toBe("sensitive_low_confidence");
    expect(handoffReason(clarify("card.lost"), [])).toBeUndefined();
    expect(handoffReason(fallback("low_confidence", "injury.recognition"), [])).toBe("sensitive_low_confidence");
  });

  it("not on a confident answer", () => {
    expect(handoffReason({ kind: "answer", action: "faq", intent: "injury.benefits", confidence: 0.95 }, ["fallback"])).toBeUndefined();
  });
});
