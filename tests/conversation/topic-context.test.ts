import { describe, expect, it } from "vitest";
import { topicContext } from "../../src/conversation/topic-context.js";
import type { MessageMeta, MessageRecord } from "../../src/storage/ports.js";

let seq = 0;
const citizen = (text: string): MessageRecord => ({ id: `m${++seq}`, conversationId: "c", seq, role: "citizen", text, textSealed: null, clientId: `k${seq}`, createdAt: "2026-12-07T08:00:00Z", meta: {} });
const bot = (to: MessageRecord, meta: MessageMeta): MessageRecord => ({ ...citizen("answer"), role: "bot", clientId: null as never, meta: { replyTo: to.id, ...meta } });

describe("topicContext", () => {
  it("is the last FAQ answer and the question it answered", () => {
    const q = citizen("社保卡怎么办理");
    const now = citizen("要什么材料");
    expect(topicContext([q, bot(q, { decision: "faq", intent: "card.apply" }), now])).toEqual({ intent: "card.apply", question: "社保卡怎么办理" });
  });

  it("reads a follow-up's question with the one before it, and looks past small talk", () => {
    const a = citizen("养老保险每个月交多少钱");
    const b = citizen("那灵活就业人员呢");
    const c = citizen("谢谢");
    const recent = [a, bot(a, { decision: "faq", intent: "payment.base" }), b, bot(b, { decision: "faq", intent: "pension.flexible_employment", inContext: true }), c, bot(c, { decision: "smalltalk", intent: "thanks" }), citizen("要什么材料")];
    expect(topicContext(recent)).toEqual({ intent: "pension.flexible_employment", question: "养老保险每个月交多少钱，那灵活就业人员呢" });
  });

  it("is the question asked again of another area, after an answer to that area's ellipsis", () => {
    const a = citizen("养老金是怎么计算的");
    const b = citizen("那失业金呢");
    const recent = [a, bot(a, { decision: "faq", intent: "pension.benefit.calculation" }), b, bot(b, { decision: "faq", intent: "unemployment.amount_duration", inContext: true, askedAs: "失业金是怎么计算的" }), citizen("在哪里申请")];
    expect(topicContext(recent)).toEqual({ intent: "unemployment.amount_duration", question: "失业金是怎么计算的" });
  });

  it("after a question back that the citizen typed on from, is its first choice, or the topic answered just before when offered", () => {
    const q = citizen("我医保个人账户里的钱能给家里人用吗");
    const options = (...intents: string[]) => intents.map((intent) => ({ label: intent, payload: { intent } }));
    const asked = bot(q, { decision: "clarify", quickReplies: [...options("medical.family_mutual_aid", "medical.account.balance"), { label: "人工", payload: { action: "agent" } }] });
    expect(topicContext([q, asked, citizen("怎么绑定")])).toEqual({ intent: "medical.family_mutual_aid", question: "我医保个人账户里的钱能给家里人用吗" });
    const a = citizen("社保缴费的票据在哪打印");
    const b = citizen("前年的能打吗");
    const recent = [a, bot(a, { decision: "faq", intent: "payment.receipt" }), b, bot(b, { decision: "clarify", quickReplies: options("pension.back_payment", "payment.receipt") }), citizen("手机上能弄吗")];
    expect(topicContext(recent)).toEqual({ intent: "payment.receipt", question: "社保缴费的票据在哪打印，前年的能打吗" });
  });

  it("has none when nothing was answered lately, or the last answer is out of reach", () => {
    const q = citizen("你好");
    expect(topicContext([q, bot(q, { decision: "smalltalk", intent: "greeting" }), citizen("要什么材料")])).toBeUndefined();
    const old = citizen("社保卡怎么办理");
    const turns: MessageRecord[] = [old, bot(old, { decision: "faq", intent: "card.apply" })];
    for (let i = 0; i < 3; i++) {
      const x = citizen("嗯");
      turns.push(x, bot(x, { decision: "fallback" }));
    }
    expect(topicContext([...turns, citizen("要什么材料")])).toBeUndefined();
    expect(topicContext([])).toBeUndefined();
  });
});
