import { describe, expect, it } from "vitest";
import { deriveUrgency, type UrgencySignals, urgencySignals } from "../../src/routing/urgency.js";

const none: UrgencySignals = {
  complaint: false,
  negativeWords: 0,
  explicitUrgency: false,
  failedAttempts: 0,
  vulnerable: false,
};

describe("deriveUrgency", () => {
  it("no signal: the configured baseline (low by default)", () => {
    expect(deriveUrgency(none)).toBe("low");
    expect(deriveUrgency(none, { baseline: "normal" })).toBe("normal");
  });

  it("a complaint, explicit urgency or a vulnerable citizen is urgent", () => {
    expect(deriveUrgency({ ...none, complaint: true })).toBe("urgent");
    expect(deriveUrgency({ ...none, explicitUrgency: true })).toBe("urgent");
    expect(deriveUrgency({ ...none, vulnerable: true })).toBe("urgent");
  });

  it("vulnerable groups are urgent only when the bureau configures it", () => {
    expect(deriveUrgency({ ...none, vulnerable: true }, { vulnerableIsUrgent: false })).toBe("low");
  });

  it("two failed attempts or a strong negative word make a chat at least normal", () => {
    expect(deriveUrgency({ ...none, failedAttempts: 1 })).toBe("low");
    expect(deriveUrgency({ ...none, failedAttempts: 2 })).toBe("normal");
    expect(deriveUrgency({ ...none, negativeWords: 1 })).toBe("normal");
  });

  it("much anger or many failures escalate to urgent", () => {
    expect(deriveUrgency({ ...none, negativeWords: 3 })).toBe("urgent");
    expect(deriveUrgency({ ...none, failedAttempts: 4 })).toBe("urgent");
  });
});

describe("urgencySignals", () => {
  it("reads Chinese urgency, complaints, anger and vulnerability", () => {
    expect(urgencySignals("我的养老金今天就要，很急！").explicitUrgency).toBe(true);
    expect(urgencySignals("我要投诉你们的服务").complaint).toBe(true);
    expect(urgencySignals("太差了，气死我了").negativeWords).toBe(2);
    expect(urgencySignals("家里老人行动不便").vulnerable).toBe(true);
    expect(urgencySignals("我是残疾人，想问补贴").vulnerable).toBe(true);
  });

  it("reads English as whole words, case-insensitively", () => {
    const s = urgencySignals("This is URGENT, I want to file a complaint. Terrible, useless service.");
    expect(s).toEqual({ complaint: true, negativeWords: 2, explicitUrgency: true, vulnerable: false });
    expect(urgencySignals("I need it ASAP").explicitUrgency).toBe(true);
    // "urgently" and "urgent" are separate words; "insurgent" is not urgency.
    expect(urgencySignals("the insurgent").explicitUrgency).toBe(false);
  });

  it("'not in a hurry' is not urgency", () => {
    expect(urgencySignals("不急，慢慢来").explicitUrgency).toBe(false);
    expect(urgencySignals("我不着急").explicitUrgency).toBe(false);
    expect(urgencySignals("it is not urgent").explicitUrgency).toBe(false);
  });

  it("a plain question carries no signal", () => {
    expect(urgencySignals("怎么查询社保缴费记录？")).toEqual({
      complaint: false,
      negativeWords: 0,
      explicitUrgency: false,
      vulnerable: false,
    });
  });

  it("feeds deriveUrgency end to end", () => {
    expect(deriveUrgency({ ...urgencySignals("气死了，等了好久"), failedAttempts: 0 })).toBe("normal");
    expect(deriveUrgency({ ...urgencySignals("我要投诉"), failedAttempts: 0 })).toBe("urgent");
  });
});
