import { describe, expect, it } from "vitest";
import type { DialogPolicy } from "../../bot/policy.js";
import { askedAgainOf, chooseReading, domainOf, followUpKind } from "../../src/dialog/follow-up.js";
import type { Understanding } from "../../src/nlu/engine.js";

const policy: DialogPolicy = { answerAt: 0.65, clarifyAt: 0.3, clarifyOptions: 3, clarifyShare: 0.35 };

function understood(intent: string, confidence: number, extra: Partial<Understanding> = {}): Understanding {
  return {
    text: "x",
    normalised: "x",
    locale: "zh",
    entities: [],
    candidates: [{ intent, score: confidence, classifier: confidence, retrieval: confidence }],
    confidence,
    outOfScope: intent === "none",
    ...extra,
  };
}

describe("followUpKind", () => {
  it("reads questions about a side of the matter as aspects", () => {
    for (const t of ["要什么材料", "要带什么材料？", "需要哪些证件", "那在哪办", "去哪里办理", "要多久", "要多少钱", "怎么办理呢", "能网上办吗", "要带啥", "那得准备些啥", "手机上能弄吗", "网上可以办不", "what documents do I need", "Where do I apply?", "how long does it take"]) {
      expect(followUpKind(t), t).toBe("aspect");
    }
  });

  it("reads a new case of the same matter as an ellipsis", () => {
    for (const t of ["那灵活就业人员呢？", "那我老婆呢，她1978年的", "那我呢？我是1973年12月的", "那失业金呢", "要是农民呢", "还有女的怎么算", "那退休以后呢", "What about my wife?", "and if I was born in 1970", "What if it was my own fault?", "He is bedridden, what then?"]) {
      expect(followUpKind(t), t).toBe("ellipsis");
    }
  });

  it("leaves full questions alone, however they begin", () => {
    for (const t of ["社保卡丢了怎么挂失，要带身份证吗", "我想问一下养老保险断缴了以后还能不能补缴，补缴需要什么材料", "", "How do I apply for unemployment benefit if my contract ended?"]) {
      expect(followUpKind(t), t).toBeUndefined();
    }
  });

  it("reads a few other words as short: maybe leaning on the answer, maybe not", () => {
    for (const t of ["怎么开户", "去年的还能补打吗", "谢谢", "can I do it by phone"]) expect(followUpKind(t), t).toBe("short");
  });
});

describe("chooseReading", () => {
  const pension = { intent: "payment.base", question: "养老保险每个月交多少钱" };
  const card = { intent: "card.apply", question: "社保卡怎么办理" };

  it("answers an aspect with the topic it follows when the message alone means nothing", () => {
    const r = chooseReading("aspect", card, understood("none", 0.9), understood("card.apply", 0.95), policy);
    expect(r).toMatchObject({ inContext: true, understanding: { candidates: [{ intent: "card.apply" }] } });
  });

  it("never overrides a clear switch of topic: another area named is read alone", () => {
    const alone = understood("unemployment.amount_duration", 0.7);
    expect(chooseReading("ellipsis", pension, alone, understood("payment.base", 0.9), policy)).toEqual({ understanding: alone, inContext: false });
    // A bare area name ("那医保呢") is a switch too, even when its reading is unsure.
    const menu = understood("medical.reimbursement", 0.2, { topic: { name: "medical", intents: ["medical.reimbursement"] } as never });
    expect(chooseReading("ellipsis", pension, menu, understood("payment.base", 0.9), policy).inContext).toBe(false);
  });

  it("keeps the joined reading in the same area, and takes another area's only when it is surer", () => {
    expect(chooseReading("ellipsis", pension, understood("none", 0.6), understood("pension.flexible_employment", 0.5), policy).inContext).toBe(false);
    expect(chooseReading("ellipsis", pension, understood("none", 0.2), understood("pension.flexible_employment", 0.5), policy).inContext).toBe(true);
    expect(chooseReading("ellipsis", pension, understood("payment.methods", 0.5), understood("payment.base", 0.4), policy).inContext).toBe(true);
    expect(chooseReading("aspect", card, understood("service.office", 0.9), understood("service.office", 0.5), policy).inContext).toBe(false);
  });

  it("reads a short message in context only when it means nothing clear alone", () => {
    expect(chooseReading("short", card, understood("none", 0.3), understood("card.apply", 0.8), policy).inContext).toBe(true);
    expect(chooseReading("short", card, understood("card.password", 0.9), understood("card.apply", 0.95), policy).inContext).toBe(false);
    // Leaning toward another area alone, but not clearly: after the answer it asks about the answer's matter.
    expect(chooseReading("short", card, understood("pension.back_payment", 0.6), understood("card.apply", 0.7), policy).inContext).toBe(true);
    expect(chooseReading("short", card, understood("pension.back_payment", 0.7), understood("card.apply", 0.7), policy).inContext).toBe(false);
  });

  it("never reads a request for a person, or thanks, as part of the topic", () => {
    const person = understood("agent.request", 0.5);
    expect(chooseReading("short", card, person, understood("card.apply", 0.9), policy)).toEqual({ understanding: person, inContext: false });
    expect(chooseReading("short", card, understood("thanks", 0.4), understood("card.apply", 0.9), policy).inContext).toBe(false);
  });

  it("reads alone when the joined reading is out of scope or unsure", () => {
    expect(chooseReading("aspect", card, understood("none", 0.9), understood("none", 0.9), policy).inContext).toBe(false);
    expect(chooseReading("aspect", card, understood("none", 0.9), understood("card.apply", 0.2), policy).inContext).toBe(false);
  });

  it("answers a follow-up that the topic just answered vouches for, instead of asking back", () => {
    // Joined, "在哪里办" after the survivors' answer is survivors' benefits, but only likely (0.5).
    const r = chooseReading("aspect", card, understood("none", 0.85), understood("card.apply", 0.5), policy);
    expect(r.inContext).toBe(true);
    expect(r.understanding.confidence).toBe(policy.answerAt);
    // Another topic of the same area joined is not vouched for: it keeps its own confidence.
    expect(chooseReading("aspect", card, understood("none", 0.85), understood("card.progress", 0.5), policy).understanding.confidence).toBe(0.5);
    // A sure reading stays as sure as it is.
    expect(chooseReading("aspect", card, understood("none", 0.85), understood("card.apply", 0.95), policy).understanding.confidence).toBe(0.95);
  });

  it("reads alone a few words with a subject of their own outside the desk's", () => {
    const stocks = understood("none", 0.6, { foreignWords: ["c:股票"] });
    expect(chooseReading("short", card, stocks, understood("card.apply", 0.8), policy)).toEqual({ understanding: stocks, inContext: false });
    expect(chooseReading("short", card, understood("none", 0.6), understood("card.apply", 0.8), policy).inContext).toBe(true);
  });

  it("asks the question before again of the area an ellipsis names, and answers that reading when it is clear", () => {
    const areas = [
      { area: "pension", terms: ["养老", "养老金", "养老保险", "pension"] },
      { area: "unemployment", terms: ["失业", "失业金", "unemployment"] },
      { area: "medical", terms: ["医保"] },
    ];
    const calc = { intent: "pension.benefit.calculation", question: "养老金是怎么计算的" };
    expect(askedAgainOf(calc, "那失业金呢", areas)).toEqual({ question: "失业金是怎么计算的", area: "unemployment" });
    expect(askedAgainOf(calc, "失业金呢？", areas)?.question).toBe("失业金是怎么计算的");
    expect(askedAgainOf({ intent: "pension.contribution.years", question: "养老保险要交满多少年" }, "那医保呢", areas)).toEqual({ question: "医保要交满多少年", area: "medical" });
    // Not an area's name, or nothing in the question before to put it in place of: no such reading.
    expect(askedAgainOf(calc, "那灵活就业人员呢", areas)).toBeUndefined();
    expect(askedAgainOf({ intent: "card.apply", question: "社保卡怎么办" }, "那失业金呢", areas)).toBeUndefined();
    expect(askedAgainOf(calc, "那养老金呢", areas)).toBeUndefined();

    const again = understood("unemployment.amount_duration", 0.9);
    const alone = understood("unemployment.apply", 0.5);
    const joined = understood("pension.benefit.calculation", 0.8);
    expect(chooseReading("ellipsis", calc, alone, joined, policy, { understanding: again, area: "unemployment" })).toEqual({ understanding: again, inContext: true, askedAgain: true });
    // Only likely, but in the area the citizen named: answered, as the question asked again.
    const likely = chooseReading("ellipsis", calc, alone, joined, policy, { understanding: understood("unemployment.amount_duration", 0.5), area: "unemployment" });
    expect(likely).toMatchObject({ inContext: true, understanding: { confidence: policy.answerAt, candidates: [{ intent: "unemployment.amount_duration" }] } });
    // Below the clarification line, or landing outside the area named: the other rules decide.
    expect(chooseReading("ellipsis", calc, alone, joined, policy, { understanding: understood("unemployment.amount_duration", 0.2), area: "unemployment" }).understanding.confidence).not.toBe(policy.answerAt);
    expect(chooseReading("ellipsis", calc, alone, joined, policy, { understanding: understood("pension.adjustment", 0.9), area: "unemployment" }).understanding.candidates[0]?.intent).not.toBe("pension.adjustment");
  });

  it("knows an intent's area", () => {
    expect(["pension.payment.date", "medical.family_mutual_aid", "agent.request", "greeting"].map(domainOf)).toEqual(["pension", "medical", "agent", "greeting"]);
  });
});
