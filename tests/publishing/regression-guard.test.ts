import { describe, expect, it } from "vitest";
import { judgeCandidate } from "../../src/publishing/regression-guard.js";

const questions = [
  { text: "社保卡丢了", intent: "card.lost" },
  { text: "社保卡密码忘了", intent: "card.password" },
  { text: "养老金几号发", intent: "pension.payment.date" },
  { text: "今天天气怎么样", intent: "none" },
];

describe("judgeCandidate", () => {
  it("lists what the candidate loses and counts what it fixes", () => {
    const before = ["card.lost", "card.password", "pension.adjustment", "none"];
    const after = ["card.lost", "card.lost", "pension.payment.date", "none"];
    expect(judgeCandidate(questions, before, after, 0)).toEqual({
      ok: true,
      questions: 4,
      before: 0.75,
      after: 0.75,
      regressed: [{ text: "社保卡密码忘了", expected: "card.password", now: "card.lost" }],
      fixed: 1,
    });
  });

  it("refuses a candidate whose accuracy drops by more than the margin, and accepts one within it", () => {
    const before = ["card.lost", "card.password", "pension.payment.date", "none"];
    const after = ["card.lost", "card.lost", "pension.payment.date", "none"];
    expect(judgeCandidate(questions, before, after, 0.1)).toMatchObject({ ok: false, before: 1, after: 0.75 });
    expect(judgeCandidate(questions, before, after, 0.25)).toMatchObject({ ok: true });
    expect(() => judgeCandidate(questions, before, after.slice(1), 0)).toThrow(/one reading per question/);
  });
});
