import { describe, expect, it } from "vitest";
import { mobile } from "../../../src/dialog/validators/index.js";

const ctx = { now: new Date("2026-11-28T04:00:00Z"), locale: "zh" as const };
const v = mobile();
const reason = (answer: string) => {
  const r = v.validate(answer, ctx);
  return r.ok ? undefined : r.reason;
};

describe("mobile()", () => {
  it("accepts 11 digits, grouped or with +86, stored as 11 digits and shown masked", () => {
    expect(v.validate("13812345678", ctx)).toEqual({ ok: true, value: "13812345678", display: "138****5678" });
    expect(v.validate("+86 138-1234-5678", ctx)).toMatchObject({ ok: true, value: "13812345678" });
    expect(v.validate("我的手机是 138 1234 5678", ctx)).toMatchObject({ ok: true, value: "13812345678" });
    expect(v.sensitive).toBe(true);
  });

  it("says a digit is missing or extra for 10 or 12 digits", () => {
    expect(reason("1381234567")?.zh).toContain("您输入了10位");
    expect(reason("1381234567")?.zh).toContain("少了一位");
    expect(reason("138123456789")?.zh).toContain("多了一位");
    expect(reason("138123456789")?.en).toContain("you typed 12");
  });

  it("recognises landline numbers", () => {
    for (const landline of ["010-12345678", "0755 8600 1234", "87654321"]) expect(reason(landline)?.zh).toContain("座机");
  });

  it("rejects 11 digits that no mobile network uses, and answers without a number", () => {
    expect(reason("12345678901")?.zh).toContain("第二位");
    expect(reason("没有手机")?.zh).toContain("11位手机号码");
  });

  it("extracts a mobile from a message but not from inside an ID or card number", () => {
    expect(v.extract("手机13812345678，身份证11010519491231002X", ctx)).toMatchObject({ ok: true, value: "13812345678" });
    expect(v.extract("身份证11010519491231002X，卡号6222021234567890128", ctx)).toBeUndefined();
  });

  it("accepts a mobile written with dots, slashes, full-width digits, 0086 or glued to letters", () => {
    for (const answer of ["137.1111.2222", "137/1111/2222", "１３７１１１１２２２２", "0086 137 1111 2222", "+86 137.1111.2222", "tel13711112222"]) {
      expect(v.validate(answer, ctx), answer).toEqual({ ok: true, value: "13711112222", display: "137****2222" });
    }
    expect(v.extract("请回电 137.1111.2222，谢谢", ctx)).toMatchObject({ ok: true, value: "13711112222" });
    expect(reason("137.1111.222")?.zh).toContain("少了一位");
  });
});
