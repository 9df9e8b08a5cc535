import { describe, expect, it } from "vitest";
import { birthMonth, birthYear } from "../../../src/dialog/validators/birth.js";
import { days, years, yuan } from "../../../src/dialog/validators/quantity.js";

const ctx = { now: new Date("2026-12-07T08:00:00Z"), locale: "zh" as const };
const value = (v: ReturnType<typeof birthYear.validate> | undefined) => (v?.ok ? v.value : v === undefined ? undefined : "refused");

describe("birth year and month, as people write them", () => {
  it.each([
    ["我1975年3月出生", "1975", "3"],
    ["75年3月的", "1975", "3"],
    ["一九七八年五月生的", "1978", "5"],
    ["她1978年的", "1978", undefined],
    ["I was born in March 1975", "1975", "3"],
    ["3/1975", "1975", "3"],
    ["1975.3", "1975", "3"],
    ["1975-11", "1975", "11"],
    ["交了6个月", undefined, undefined],
    ["交了15年", undefined, undefined],
    ["交了35年的养老保险", undefined, undefined],
  ])("%s → year %s, month %s", (text, year, month) => {
    expect(value(birthYear.extract(text, ctx))).toBe(year);
    expect(value(birthMonth.extract(text, ctx))).toBe(month);
  });

  it("takes a bare answer to its own question, and refuses an impossible one with a reason", () => {
    expect(value(birthYear.validate("1968", ctx))).toBe("1968");
    expect(value(birthMonth.validate("12", ctx))).toBe("12");
    expect(value(birthMonth.validate("三月份", ctx))).toBe("3");
    expect(value(birthYear.validate("1850年", ctx))).toBe("refused");
    const month = birthMonth.validate("13", ctx);
    expect(month.ok).toBe(false);
    if (!month.ok) expect(month.reason.zh).toContain("1到12");
  });
});

describe("counts and amounts", () => {
  const contribution = years({ min: 0, max: 50, what: { zh: "缴费年限", en: "Contribution years" } });
  it.each([
    ["十五年", "15"],
    ["15年6个月", "15.5"],
    ["十年半", "10.5"],
    ["about 8 years", "8"],
    ["12", "12"],
  ])("years: %s → %s", (text, expected) => expect(value(contribution.validate(text, ctx))).toBe(expected));

  it("does not read a year of birth as years of contributions", () => {
    expect(value(contribution.extract("我1975年3月出生，交了20年", ctx))).toBe("20");
    expect(value(contribution.extract("65年出生的", ctx))).toBeUndefined();
    expect(value(contribution.validate("80年", ctx))).toBe("refused");
  });

  const wage = yuan({ min: 500, max: 200000, what: { zh: "工资", en: "Wage" }, cue: /工资/ });
  it.each([
    ["8000", "8000"],
    ["8千", "8000"],
    ["1.2万", "12000"],
    ["¥6,500", "6500"],
  ])("yuan: %s → %s", (text, expected) => expect(value(wage.validate(text, ctx))).toBe(expected));

  it("reads an amount inside a message only next to its cue", () => {
    expect(value(wage.extract("单位平均工资8000元，生育津贴多少", ctx))).toBe("8000");
    expect(value(wage.extract("生育津贴才发了5000元，怎么这么少", ctx))).toBeUndefined();
    expect(value(wage.validate("不知道", ctx))).toBe("refused");
  });

  it("reads a corrected amount across the comma of the correction, and not across another clause", () => {
    expect(value(wage.extract("等下，平均工资说错了，是8500", ctx))).toBe("8500");
    expect(value(wage.extract("工资写错了，应该是7200", ctx))).toBe("7200");
    expect(value(wage.extract("工资不高，孩子今年3岁", ctx))).toBeUndefined();
  });

  it("days, with 'not sure' meaning the national 98", () => {
    const leave = days({ min: 1, max: 365, what: { zh: "产假天数", en: "Leave days" }, unknown: { value: 98, display: { zh: "98天", en: "98 days" } } });
    expect(value(leave.validate("一百五十八天", ctx))).toBe("158");
    expect(value(leave.validate("不清楚", ctx))).toBe("98");
    expect(value(leave.validate("0", ctx))).toBe("refused");
  });
});
