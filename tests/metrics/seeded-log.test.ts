import { describe, expect, it } from "vitest";
import { automaticAnswerRate } from "../../src/metrics/answer-rate.js";
import type { DeskLog } from "../../src/metrics/desk-log.js";
import { handoffRate } from "../../src/metrics/handoff-rate.js";
import { queueWaits } from "../../src/metrics/queue-waits.js";
import { resolutionRate } from "../../src/metrics/resolution.js";
import { satisfaction } from "../../src/metrics/satisfaction.js";
import { conversation, conversationRecord, handoff, thumbs } from "./log-builder.js";

/**
 * A day at the desk built by hand: 4 conversations, 27 messages, 6 handoffs. Every figure below is
 * worked out in the comments from this log, then checked against the functions.
 */
const T = (hms: string, day = "02") => `2026-03-${day}T${hms}.000Z`;

// A (web): answered; thumbs-down; "转人工" -> h1 (agent, rated 5); words to the agent; comes back on card.replace.
const a = conversation("A");
const a1 = a.citizen("失业金怎么领", T("01:00:00"));
a.bot(a1, "faq", T("01:00:01"), { intent: "unemployment.apply" }); // q1 answered
const a3 = a.citizen("社保卡丢了怎么办", T("01:02:00"));
const a4 = a.bot(a3, "faq", T("01:02:01"), { intent: "card.replace" }); // q2, thumbs-down below
const a5 = a.citizen("转人工", T("01:03:00")); // a request for a person, not a question
a.bot(a5, "handoff", T("01:03:01"), { handoff: "explicit", intent: "card.replace", handoffId: "h1" });
a.citizen("好的谢谢", T("01:05:00")); // to the agent (h1 open): neither a question nor pending
a.agent("您好，请问…", T("01:05:10"));
const a9 = a.citizen("社保卡补办进度", T("20:00:00"));
a.bot(a9, "faq", T("20:00:01"), { intent: "card.replace" }); // q3 answered: h1 came back within 24 h

// B (wechat): clarify then rephrase answered, then "转人工" -> h2 (left the queue); smalltalk; two misses -> h3.
const b = conversation("B");
const b1 = b.citizen("养老金怎么算", T("02:00:00"));
b.bot(b1, "clarify", T("02:00:01")); // q4 not answered
const b3 = b.citizen("退休养老金计算方法", T("02:00:30"));
b.bot(b3, "faq", T("02:00:31"), { intent: "pension.calc" }); // q5: answered, but a person asked for next
const b5 = b.citizen("转人工", T("02:01:00"));
b.bot(b5, "handoff", T("02:01:01"), { handoff: "explicit", intent: "pension.calc", handoffId: "h2" });
const b7 = b.citizen("你好", T("02:05:00"));
b.bot(b7, "smalltalk", T("02:05:01")); // smalltalk: outside E
const b9 = b.citizen("医保报销比例", T("02:06:00"));
b.bot(b9, "fallback", T("02:06:01")); // q6 not answered
const b11 = b.citizen("医保报销比例是多少", T("02:06:30"));
b.bot(b11, "handoff", T("02:06:31"), { handoff: "repeated_fallback", intent: "medical.reimburse", handoffId: "h3" }); // q7 not answered

// C (web): a question sent twice (one question, answered); a question with no reply yet.
const c = conversation("C");
const c1 = c.citizen("怎么查公积金", T("03:00:00"));
c.bot(c1, "faq", T("03:00:01"), { intent: "housing.query" }); // q8 answered
const c3 = c.citizen("怎么查公积金", T("03:00:05"));
c.bot(c3, "faq", T("03:00:06"), { intent: "housing.query" }); // the resend: still q8
c.citizen("生育津贴", T("03:10:00")); // no reply yet: pending

// D (wechat): no stored messages, only handoffs h4, h5, h6 (their queue figures are what matter).

const log: DeskLog = {
  conversations: [conversationRecord("A", "web"), conversationRecord("B", "wechat"), conversationRecord("C", "web"), conversationRecord("D", "wechat")],
  messages: [...a.messages, ...b.messages, ...c.messages],
  feedback: [thumbs(a4, "down", T("01:02:30"))],
  handoffs: [
    // wait 20 s, closed, rated 5
    handoff({ id: "h1", conversationId: "A", arrivedAt: T("01:03:00"), acceptedAt: T("01:03:20"), closedAt: T("01:10:00"), surveyRating: 5, skill: "card", intent: "card.replace" }),
    // left the queue after 60 s: abandoned
    handoff({ id: "h2", conversationId: "B", status: "cancelled", arrivedAt: T("02:01:00"), closedAt: T("02:02:00"), skill: "pension", intent: "pension.calc" }),
    // wait 60 s, closed, rated 3
    handoff({ id: "h3", conversationId: "B", reason: "repeated_fallback", arrivedAt: T("02:06:30"), acceptedAt: T("02:07:30"), closedAt: T("02:20:00"), surveyRating: 3, skill: "medical", intent: "medical.reimburse" }),
    // wait 15 s across Shanghai's midnight (23:59:50 -> 00:00:05), closed, not rated
    handoff({ id: "h4", conversationId: "D", reason: "complaint", arrivedAt: T("15:59:50"), acceptedAt: T("16:00:05"), closedAt: T("16:30:00"), intent: "complaint" }),
    // still queued: no outcome yet
    handoff({ id: "h5", conversationId: "D", status: "queued", reason: "sensitive_low_confidence", arrivedAt: T("23:50:00", "03") }),
    // wait 40 s, closed the day before `now`, rated 4
    handoff({ id: "h6", conversationId: "D", arrivedAt: T("10:00:00", "03"), acceptedAt: T("10:00:40", "03"), closedAt: T("10:20:00", "03"), surveyRating: 4, skill: "pension", intent: "pension.calc" }),
  ],
};
const NOW = T("00:00:00", "04");

describe("the seed's figures over a hand-built day", () => {
  it("has the size the comments assume", () => {
    expect(log.messages).toHaveLength(27);
    expect(log.handoffs).toHaveLength(6);
  });

  it("E = 3/8: q1, q3, q8 answered; q2 thumbs-down; q5 then a person; q4, q6, q7 not answered", () => {
    const e = automaticAnswerRate(log);
    expect(e.all).toEqual({ value: 3 / 8, numerator: 3, denominator: 8, thumbsDown: 1, askedForPerson: 1, notAnswered: 3 });
    // Outside E: "生育津贴" (pending), "你好" (smalltalk), the two "转人工".
    expect({ pending: e.pending, smalltalk: e.smalltalk, personRequests: e.personRequests }).toEqual({ pending: 1, smalltalk: 1, personRequests: 2 });
  });

  it("E by channel: web 3/4 (q1, q2, q3, q8), wechat 0/4 (q4-q7)", () => {
    const groups = automaticAnswerRate(log, { by: "channel" }).groups!;
    expect(Object.keys(groups)).toEqual(["web", "wechat"]);
    expect([groups.web!.numerator, groups.web!.denominator]).toEqual([3, 4]);
    expect([groups.wechat!.numerator, groups.wechat!.denominator]).toEqual([0, 4]);
  });

  it("E by domain: card 1/2, housing 1/1, medical 0/1, pension 0/1, unemployment 1/1, no intent (clarify, fallback) 0/2", () => {
    const groups = automaticAnswerRate(log, { by: "domain" }).groups!;
    const counts = Object.fromEntries(Object.entries(groups).map(([k, g]) => [k, `${g.numerator}/${g.denominator}`]));
    expect(counts).toEqual({ "(none)": "0/2", card: "1/2", housing: "1/1", medical: "0/1", pension: "0/1", unemployment: "1/1" });
  });

  it("queue waits: accepted 20, 60, 15, 40 s -> p50 20 s, p95 60 s; within 30 s 2 of 5 ended (h2 abandoned); h5 waiting", () => {
    // Sorted 15, 20, 40, 60: nearest rank p50 = 2nd = 20, p95 = ceil(3.8) = 4th = 60.
    expect(queueWaits(log).all).toEqual({
      accepted: 4,
      abandoned: 1,
      waiting: 1,
      p50Seconds: 20,
      p95Seconds: 60,
      serviceLevel: { value: 2 / 5, numerator: 2, denominator: 5 },
      abandonment: { value: 1 / 5, numerator: 1, denominator: 5 },
    });
    // A 45 s threshold takes in the 40 s wait too.
    expect(queueWaits(log, { thresholdSeconds: 45 }).all.serviceLevel.numerator).toBe(3);
  });

  it("queue waits by skill: pension = h2 abandoned + h6 at 40 s", () => {
    const pension = queueWaits(log, { grouping: { by: "skill" } }).groups!.pension!;
    expect([pension.accepted, pension.abandoned, pension.p50Seconds, pension.serviceLevel.value]).toEqual([1, 1, 40, 0]);
  });

  it("satisfaction: closed with an agent h1, h3, h4, h6; rated 5, 3, 4 -> mean 4, response 3/4", () => {
    expect(satisfaction(log).all).toEqual({
      mean: 4,
      distribution: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 1 },
      responseRate: { value: 3 / 4, numerator: 3, denominator: 4 },
    });
  });

  it("resolution = 5/6: q1, q3, q8, h3, h4 resolved; h1 came back (q3 on card.replace at 20:00); h6 too recent", () => {
    // h2 was cancelled (not closed): not a unit. q2, q5 were not answered by the bot: not units.
    expect(resolutionRate(log, NOW).all).toEqual({ value: 5 / 6, numerator: 5, denominator: 6, maturing: 1, resolvedByBot: 3, resolvedByAgent: 2 });
    // A day later h6's 24 h have passed with no return: 6/7.
    expect(resolutionRate(log, T("12:00:00", "04")).all.numerator).toBe(6);
  });

  it("handoff rate: 6 handoffs / 8 questions; by intent and by reason", () => {
    const rate = handoffRate(log).all;
    expect(rate.perQuestion).toEqual({ value: 6 / 8, numerator: 6, denominator: 8 });
    const counts = (r: Record<string, { numerator: number; denominator: number }>) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, `${v.numerator}/${v.denominator}`]));
    // card.replace: h1 / q2, q3; pension.calc: h2, h6 / q5; medical.reimburse: h3 / q7; complaint: h4 /
    // no question; no intent: h5 / q4, q6 (questions the bot recognised nothing in).
    expect(counts(rate.byIntent)).toEqual({ "(none)": "1/2", "card.replace": "1/2", complaint: "1/0", "medical.reimburse": "1/1", "pension.calc": "2/1" });
    expect(rate.byIntent.complaint!.value).toBeNull();
    // explicit: h1, h2, h6; one each of the others.
    expect(counts(rate.byReason)).toEqual({ complaint: "1/6", explicit: "3/6", repeated_fallback: "1/6", sensitive_low_confidence: "1/6" });
  });

  it("handoff rate by channel: web 1 handoff (h1) / 4 questions; wechat 5 (h2-h6, B and D) / 4 (q4-q7)", () => {
    const groups = handoffRate(log, { by: "channel" }).groups!;
    expect(groups.web!.perQuestion).toEqual({ value: 0.25, numerator: 1, denominator: 4 });
    expect(groups.wechat!.perQuestion).toEqual({ value: 5 / 4, numerator: 5, denominator: 4 });
  });
});
