import { describe, expect, it } from "vitest";
import { maternityCalculator } from "../../../bot/flows/calculators/maternity.js";
import { pensionCalculator } from "../../../bot/flows/calculators/pension.js";
import { retirementCalculator } from "../../../bot/flows/calculators/retirement.js";
import { unemploymentCalculator } from "../../../bot/flows/calculators/unemployment.js";
import { parseFigures } from "../../../src/calculators/figures.js";
import { calculatorFor, carriesFacts, prefillOf, valuesIn } from "../../../src/dialog/flows/prefill.js";
import { continueFlow, startFlow } from "../../../src/dialog/flows/runner.js";
import type { FlowDefinition, SlotValues, SubmitContext } from "../../../src/dialog/flows/types.js";
import { readFileSync } from "node:fs";

const now = new Date("2026-12-07T08:00:00Z");
const ctx = { now, locale: "zh" as const };
const submitCtx = { now, locale: "zh", timeZone: "Asia/Shanghai" } as unknown as SubmitContext;
const figures = parseFigures(readFileSync("bot/figures.yaml", "utf8"));

async function answer(def: FlowDefinition, values: SlotValues, locale: "zh" | "en" = "zh") {
  const outcome = await def.submit(values, submitCtx);
  expect(outcome.status).toBe("done");
  return outcome.text[locale];
}

describe("the retirement age calculator as a guided exchange", () => {
  it("reads every fact from one message and has nothing left to ask", () => {
    const given = valuesIn(retirementCalculator, "我是1975年3月出生的女工人，什么时候能退休", ctx);
    expect(given.values).toEqual({ sex: "female", category: "female-50", bornYear: "1975", bornMonth: "3" });
    expect(startFlow(retirementCalculator, now, "zh", given).state.pending).toBe("confirm");
  });

  it("answers the issue's example: a woman worker born in March 1975 retires at 50 and 2 months, in May 2025", async () => {
    const text = await answer(retirementCalculator, { sex: "female", category: "female-50", bornYear: "1975", bornMonth: "3" });
    expect(text).toContain("50岁2个月");
    expect(text).toContain("2025年5月");
    expect(text).toContain("附件3");
    expect(text).toContain("估算");
  });

  it("gives a man born in 1977 or later 63, and the rising minimum years for his retirement year", async () => {
    const text = await answer(retirementCalculator, { sex: "male", bornYear: "1980", bornMonth: "6" });
    expect(text).toContain("法定退休年龄63岁");
    expect(text).toContain("2043年6月");
    expect(text).toContain("最低缴费年限为20年");
    expect(text).toMatch(/最早可在60岁（2040年6月）/);
  });

  it("says the reform does not apply to someone born before the first delayed cohort", async () => {
    const text = await answer(retirementCalculator, { sex: "male", bornYear: "1960", bornMonth: "1" }, "en");
    expect(text).toContain("does not apply");
    expect(text).toContain("January 2020");
  });

  it("asks only what is missing: a woman with a year of birth is asked her original age, then her month", () => {
    const given = valuesIn(retirementCalculator, "那我老婆呢，她1978年的", ctx);
    expect(given.values).toEqual({ sex: "female", bornYear: "1978" });
    const started = startFlow(retirementCalculator, now, "zh", given);
    expect(started.state.pending).toBe("category");
    const next = continueFlow(retirementCalculator, started.state, { text: "干部" }, { ...ctx, faqIntent: () => undefined } as never);
    expect(next.kind).toBe("continue");
    if (next.kind === "continue") expect(next.state.pending).toBe("bornMonth");
  });
});

describe("the other calculators", () => {
  it("unemployment: 6 years of contributions give up to 18 months", async () => {
    expect(valuesIn(unemploymentCalculator, "我交了6年失业保险，能领几个月", ctx).values).toEqual({ contributionYears: "6" });
    expect(await answer(unemploymentCalculator, { contributionYears: "6" })).toContain("最长可以领18个月");
    expect(await answer(unemploymentCalculator, { contributionYears: "0.5" })).toContain("不能领取");
  });

  it("maternity: 9000 yuan and 128 days come to 38400 yuan, with the ÷30 named as local practice", async () => {
    const text = await answer(maternityCalculator, { employerWage: "9000", leaveDays: "128" });
    expect(text).toContain("38400.00");
    expect(text).toContain("÷ 30");
    expect(text).toContain("当地");
  });

  it("pension: shows the inputs and says the local wage is an example until the bureau sets it", async () => {
    const calc = pensionCalculator(figures);
    const text = await answer(calc, { sex: "male", bornYear: "1965", bornMonth: "1", contributionYears: "30", index: "1", balance: "100000" });
    // 60 years 1 month: divisor 138.4 (139 at 60, 132 at 61, by month); basic (8000 + 8000) / 2 × 30 × 1 % = 2400; account 100000 / 138.4 = 722.54.
    expect(text).toContain("60岁1个月");
    expect(text).toContain("基础养老金 2400.00");
    expect(text).toContain("个人账户养老金 722.54");
    expect(text).toContain("示例数字");
  });

  it("pension: an unknown balance is estimated and the estimate is said", async () => {
    const text = await answer(pensionCalculator(figures), { sex: "female", category: "female-55", bornYear: "1972", bornMonth: "5", contributionYears: "20", index: "0.6", balance: "-1" });
    expect(text).toContain("（粗估）");
    expect(text).toContain("未计利息");
  });
});

describe("which calculator, from which facts", () => {
  const all = [retirementCalculator, pensionCalculator(figures), unemploymentCalculator, maternityCalculator];

  it("starts a calculator for an unsure message only with a figure or a date, not a word like 我妈", () => {
    expect(calculatorFor(all, "我老公1975年的，帮我算算他什么时候退休", [], ctx)?.id).toBe("calc.retirement");
    expect(calculatorFor(all, "我妈退休了，养老金啥时候到账", ["pension.retirement.age"], ctx)).toBeUndefined();
    expect(carriesFacts(retirementCalculator, "我妈退休了，养老金啥时候到账", ctx)).toBe(true);
    expect(calculatorFor(all, "单位平均工资8000，生育津贴能拿多少", [], ctx)?.id).toBe("calc.maternity");
    expect(calculatorFor(all, "生育津贴才发了5000元，怎么这么少", [], ctx)).toBeUndefined();
  });

  it("carries the facts of the last calculation unless the new ones are about someone else, or correct it", () => {
    const mine = { values: { sex: "male", bornYear: "1975", bornMonth: "3" }, displays: { sex: "男", bornYear: "1975", bornMonth: "3" } };
    const years = { values: { contributionYears: "20" }, displays: { contributionYears: "20年" } };
    expect(prefillOf(mine, years, false)?.values).toEqual({ ...mine.values, contributionYears: "20" });
    const wife = { values: { sex: "female", bornYear: "1978" }, displays: { sex: "女", bornYear: "1978" } };
    expect(prefillOf(mine, wife, false)?.values).toEqual(wife.values);
    expect(prefillOf(mine, { values: { bornYear: "1976" }, displays: { bornYear: "1976" } }, true)?.values).toEqual({ ...mine.values, bornYear: "1976" });
  });

  it("takes 'sorry, I meant 1969' in the middle of the questions as a new year of birth", () => {
    const en = { ...ctx, locale: "en" as const, faqIntent: () => undefined } as never;
    const started = startFlow(retirementCalculator, now, "en", valuesIn(retirementCalculator, "Born in 1968, when do I retire?", ctx));
    const sexed = continueFlow(retirementCalculator, started.state, { text: "man" }, en);
    if (sexed.kind !== "continue") throw new Error("expected a question");
    const fixed = continueFlow(retirementCalculator, sexed.state, { text: "sorry, I meant 1969" }, en);
    if (fixed.kind !== "continue") throw new Error("expected a question");
    expect(fixed.state.values.bornYear).toBe("1969");
    expect(fixed.state.pending).toBe("bornMonth");
  });
});
