import { describe, expect, it } from "vitest";
import { E_DEFINITION, automaticAnswerRate } from "../../src/metrics/answer-rate.js";
import type { DeskLog } from "../../src/metrics/desk-log.js";
import { conversation, handoff, thumbs } from "./log-builder.js";

/** E's edge cases, one conversation each. */
const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 1, 0, s)).toISOString();
const only = (messages: DeskLog["messages"], extra: Partial<DeskLog> = {}): DeskLog => ({ messages, handoffs: [], feedback: [], ...extra });

describe("the automatic answer rate E, case by case", () => {
  it("is defined in both languages for the dashboard", () => {
    expect(E_DEFINITION.zh).toContain("自动回答率");
    expect(E_DEFINITION.en).toContain("Automatic answer rate");
  });

  it("an answer the citizen gave a thumbs-down did not answer (0/1); a thumbs-down changed to up did (1/1)", () => {
    const c = conversation("c");
    const q = c.citizen("失业金怎么领", at(0));
    const r = c.bot(q, "faq", at(1), { intent: "unemployment.apply" });
    expect(automaticAnswerRate(only(c.messages, { feedback: [thumbs(r, "down", at(5))] })).all).toMatchObject({ numerator: 0, denominator: 1, thumbsDown: 1 });
    const changed = [thumbs(r, "down", at(5)), thumbs(r, "up", at(9))];
    expect(automaticAnswerRate(only(c.messages, { feedback: changed })).all).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it("an answer followed by \"转人工\" did not answer (0/1), and \"转人工\" is not itself a question", () => {
    const c = conversation("c");
    const q = c.citizen("失业金怎么领", at(0));
    c.bot(q, "faq", at(1), { intent: "unemployment.apply" });
    const ask = c.citizen("转人工", at(10));
    c.bot(ask, "handoff", at(11), { handoff: "explicit" });
    const e = automaticAnswerRate(only(c.messages));
    expect(e.all).toMatchObject({ numerator: 0, denominator: 1, askedForPerson: 1 });
    expect(e.personRequests).toBe(1);
  });

  it("pressing \"talk to a person\", or a handoff arriving, before the next question also undoes the answer", () => {
    const c = conversation("c");
    const q = c.citizen("失业金怎么领", at(0));
    c.bot(q, "faq", at(1), { intent: "unemployment.apply" });
    const pressed = conversation("p");
    pressed.messages.push(...c.messages.map((m) => ({ ...m, conversationId: "p" })));
    pressed.citizen("人工客服", at(10), { decision: "handoff" });
    expect(automaticAnswerRate(only(pressed.messages)).all).toMatchObject({ numerator: 0, denominator: 1 });
    const h = handoff({ id: "h", conversationId: "c", arrivedAt: at(20) });
    expect(automaticAnswerRate(only(c.messages, { handoffs: [h] })).all).toMatchObject({ numerator: 0, askedForPerson: 1 });
  });

  it("a person asked for only after the next question leaves the earlier answer answered", () => {
    const c = conversation("c");
    const q1 = c.citizen("失业金怎么领", at(0));
    c.bot(q1, "faq", at(1), { intent: "unemployment.apply" });
    const q2 = c.citizen("养老金怎么算", at(10));
    c.bot(q2, "fallback", at(11));
    const ask = c.citizen("转人工", at(20));
    c.bot(ask, "handoff", at(21), { handoff: "explicit" });
    expect(automaticAnswerRate(only(c.messages)).all).toMatchObject({ numerator: 1, denominator: 2, notAnswered: 1 });
  });

  it("clarify then answered on the rephrase: two questions, one answered (1/2)", () => {
    const c = conversation("c");
    const q1 = c.citizen("养老金", at(0));
    c.bot(q1, "clarify", at(1));
    const q2 = c.citizen("养老金怎么计算", at(10));
    c.bot(q2, "faq", at(11), { intent: "pension.calc" });
    expect(automaticAnswerRate(only(c.messages)).all).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
  });

  it("smalltalk is outside E (neither question nor answer) and counted apart", () => {
    const c = conversation("c");
    const hi = c.citizen("你好", at(0));
    c.bot(hi, "smalltalk", at(1));
    const e = automaticAnswerRate(only(c.messages));
    expect(e.all).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(e.smalltalk).toBe(1);
  });

  it("the same words resent within a minute are one question; after a minute, two", () => {
    const c = conversation("c");
    const q1 = c.citizen("怎么查公积金", at(0));
    c.bot(q1, "faq", at(1), { intent: "housing.query" });
    const q2 = c.citizen(" 怎么查公积金", at(30));
    c.bot(q2, "faq", at(31), { intent: "housing.query" });
    expect(automaticAnswerRate(only(c.messages)).all).toMatchObject({ numerator: 1, denominator: 1 });
    const later = c.citizen("怎么查公积金", at(200));
    c.bot(later, "faq", at(201), { intent: "housing.query" });
    expect(automaticAnswerRate(only(c.messages)).all).toMatchObject({ numerator: 2, denominator: 2 });
  });

  it("a resend answered when the first copy got no reply is one answered question, not a pending one", () => {
    const c = conversation("c");
    c.citizen("怎么查公积金", at(0));
    const again = c.citizen("怎么查公积金", at(20));
    c.bot(again, "faq", at(21), { intent: "housing.query" });
    const e = automaticAnswerRate(only(c.messages));
    expect(e.all).toMatchObject({ numerator: 1, denominator: 1 });
    expect(e.pending).toBe(0);
  });

  it("a question with no reply yet is left out and counted as pending", () => {
    const c = conversation("c");
    c.citizen("生育津贴怎么领", at(0));
    const e = automaticAnswerRate(only(c.messages));
    expect(e.all.denominator).toBe(0);
    expect(e.pending).toBe(1);
  });

  it("pressed flow and queue buttons, and words to an agent, are neither questions nor pending", () => {
    const c = conversation("c");
    const start = c.citizen("开始申请", at(0), { decision: "flow_start" });
    c.bot(start, "flow", at(1));
    c.citizen("取消排队", at(5), { decision: "handoff_cancel" });
    c.citizen("我的卡号是…", at(40)); // while h is open: relayed to the agent
    const h = handoff({ id: "h", conversationId: "c", arrivedAt: at(30), acceptedAt: at(35), closedAt: at(90) });
    const e = automaticAnswerRate(only(c.messages, { handoffs: [h] }));
    expect([e.all.denominator, e.pending]).toEqual([0, 0]);
  });

  it("an FAQ answered inside a guided application counts as answered", () => {
    const c = conversation("c");
    const q = c.citizen("失业金多少钱", at(0));
    c.bot(q, "faq_in_flow", at(1), { intent: "unemployment.amount" });
    expect(automaticAnswerRate(only(c.messages)).all).toMatchObject({ numerator: 1, denominator: 1 });
  });
});
