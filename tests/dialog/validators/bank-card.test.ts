import { describe, expect, it } from "vitest";
import { bankCard } from "../../../src/dialog/validators/index.js";
import { luhnValid } from "../../../src/nlu/entities/bank-card.js";

const ctx = { now: new Date("2026-11-28T04:00:00Z"), locale: "zh" as const };
const v = bankCard();
const VALID = "6222021234567890128";
const MISTYPED = "6222021234567890129";
const reason = (answer: string) => {
  const r = v.validate(answer, ctx);
  return r.ok ? undefined : r.reason.zh;
};

describe("bankCard()", () => {
  it("uses a test number that passes Luhn, and one that fails it", () => {
    expect(luhnValid(VALID)).toBe(true);
    expect(luhnValid(MISTYPED)).toBe(false);
  });

  it("accepts 16-19 digits with spaces or dashes, shown masked", () => {
    expect(v.validate(VALID, ctx)).toEqual({ ok: true, value: VALID, display: "6222***********0128" });
    expect(v.validate("6222 0212 3456 7890 128", ctx)).toMatchObject({ ok: true, value: VALID });
    expect(v.validate("卡号是6222-0212-3456-7890-128", ctx)).toMatchObject({ ok: true, value: VALID });
    expect(v.sensitive).toBe(true);
  });

  it("gives a reason for a failed check, a wrong length, letters, an ID number, no number", () => {
    const reasons = [reason(MISTYPED), reason("622202123456"), reason("6222O21234567890128"), reason("11010519491231002X"), reason("没有卡")];
    expect(reasons[0]).toContain("卡号有误，请核对");
    expect(reasons[1]).toContain("您输入了12位");
    expect(reasons[2]).toContain("只能是数字");
    expect(reasons[4]).toContain("16到19位");
    expect(new Set(reasons).size).toBe(5);
    // An ID number (here one without an X) pasted into the card question is named as such.
    expect(reason("110105194912310011")).toContain("这是身份证号码");
  });

  it("extracts a card from a message, skipping ID numbers and phones beside it", () => {
    expect(v.extract(`身份证11010519491231002X，银行卡${VALID}，手机13812345678`, ctx)).toMatchObject({ ok: true, value: VALID });
    expect(v.extract("身份证11010519491231002X，手机13812345678", ctx)).toBeUndefined();
    expect(v.extract(`卡号${MISTYPED}`, ctx)?.ok).toBe(false);
  });

  it("accepts a card written with dots, slashes, full-width digits or glued to letters, answered or in a message", () => {
    for (const answer of ["card 4111 1111 1111 1111", "4111.1111.1111.1111", "4111/1111/1111/1111", "４１１１１１１１１１１１１１１１", "card4111111111111111"]) {
      expect(v.validate(answer, ctx), answer).toEqual({ ok: true, value: "4111111111111111", display: "4111********1111" });
    }
    expect(v.extract("银行卡 6222.0212.3456.7890.128，身份证440304 19750615 0029", ctx)).toMatchObject({ ok: true, value: VALID });
    expect(reason("6222.0212.3456.7890.129")).toContain("卡号有误，请核对");
  });
});
