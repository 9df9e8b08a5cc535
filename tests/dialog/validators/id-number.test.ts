import { describe, expect, it } from "vitest";
import { idNumber } from "../../../src/dialog/validators/index.js";
import { idCheckChar } from "../../../src/nlu/entities/id-number.js";

const ctx = { now: new Date("2026-11-28T04:00:00Z"), locale: "zh" as const };
const v = idNumber();
const reason = (answer: string) => {
  const r = v.validate(answer, ctx);
  return r.ok ? undefined : r.reason;
};

describe("idNumber()", () => {
  it("accepts an 18-digit number, X in either case, and stores it upper-case, shown masked", () => {
    expect(v.validate("11010519491231002X", ctx)).toEqual({ ok: true, value: "11010519491231002X", display: "1101**********002X" });
    expect(v.validate("11010519491231002x", ctx)).toMatchObject({ ok: true, value: "11010519491231002X" });
    expect(v.sensitive).toBe(true);
  });

  it("upgrades a 15-digit legacy number to its 18-digit form", () => {
    expect(v.validate("110105491231002", ctx)).toMatchObject({ ok: true, value: "11010519491231002X" });
  });

  it("reads a number typed in groups, with full-width digits, or after a few words", () => {
    expect(v.validate("110105 19491231 002X", ctx)).toMatchObject({ ok: true, value: "11010519491231002X" });
    expect(v.validate("１１０１０５１９４９１２３１００２Ｘ", ctx)).toMatchObject({ ok: true, value: "11010519491231002X" });
    expect(v.validate("身份证号是11010519491231002X", ctx)).toMatchObject({ ok: true, value: "11010519491231002X" });
  });

  it("gives a distinct reason for each problem", () => {
    const checkDigit = reason("110105194912310021");
    const length = reason("1101051949123100");
    const letters = reason("11010519491231A02X");
    const body = "11010519490230002"; // 30 February, with the right check digit so only the date is wrong
    const impossible = reason(body + idCheckChar(body));
    const futureBody = "11010520301231002";
    const future = reason(futureBody + idCheckChar(futureBody));
    expect(checkDigit?.zh).toContain("最后一位校验码不对，请核对");
    expect(length?.zh).toContain("您输入了16位");
    expect(length?.en).toContain("you typed 16");
    expect(letters?.zh).toContain("只能是数字");
    expect(impossible?.zh).toContain("出生日期");
    expect(future).toEqual(impossible);
    expect(new Set([checkDigit?.zh, length?.zh, letters?.zh, impossible?.zh]).size).toBe(4);
  });

  it("asks for the number when the answer has none", () => {
    expect(reason("不知道")?.zh).toContain("18位");
  });

  it("extracts a 15- or 18-digit run from a message, and nothing from a message without one", () => {
    expect(v.extract("我的身份证11010519491231002X，谢谢", ctx)).toMatchObject({ ok: true, value: "11010519491231002X" });
    expect(v.extract("老身份证110105491231002", ctx)).toMatchObject({ ok: true, value: "11010519491231002X" });
    expect(v.extract("我叫张三，手机13812345678", ctx)).toBeUndefined();
    // A 19-digit bank card is not an ID number.
    expect(v.extract("卡号6222021234567890128", ctx)).toBeUndefined();
  });

  it("prefers a valid number in the message, and reports a mistyped one when it is the only one", () => {
    expect(v.extract("110105194912310021 不对，是11010519491231002X", ctx)).toMatchObject({ ok: true, value: "11010519491231002X" });
    const wrong = v.extract("身份证110105194912310021", ctx);
    expect(wrong?.ok).toBe(false);
    expect(wrong && !wrong.ok ? wrong.reason.zh : "").toContain("校验码");
  });

  it("accepts an ID number written with dots, slashes, full-width digits or glued to letters, answered or in a message", () => {
    for (const answer of ["440304.19750615.0029", "440304/19750615/0029", "４４０３０４　１９７５０６１５　００２９", "IDNO440304197506150029"]) {
      expect(v.validate(answer, ctx), answer).toEqual({ ok: true, value: "440304197506150029", display: "4403**********0029" });
    }
    expect(v.extract("我的身份证是440304 19750615 0029，手机137.1111.2222", ctx)).toMatchObject({ ok: true, value: "440304197506150029" });
    expect(v.extract("IDNO370202197001010032", ctx)).toMatchObject({ ok: true, value: "370202197001010032" });
    // A mistyped check digit in a dotted answer is still named as such.
    expect(reason("440304.19750615.0028")?.zh).toContain("校验码");
  });
});
