import { describe, expect, it } from "vitest";
import { yesNo } from "../../../src/dialog/validators/index.js";

const zh = { now: new Date("2026-11-28T04:00:00Z"), locale: "zh" as const };
const en = { ...zh, locale: "en" as const };
const v = yesNo();
const value = (answer: string) => {
  const r = v.validate(answer, zh);
  return r.ok ? r.value : undefined;
};

describe("yesNo()", () => {
  it("reads yes in Chinese and English", () => {
    for (const a of ["是", "是的", "对", "确认", "好的！", "可以", "yes", "Y", "OK", "是的，没问题"]) expect(value(a)).toBe("yes");
    expect(v.validate("yes", en)).toEqual({ ok: true, value: "yes", display: "Yes" });
  });

  it("reads no, and 不是 is not yes", () => {
    for (const a of ["否", "不", "不是", "不用", "no", "N", "不是的，我再看看"]) expect(value(a)).toBe("no");
    expect(v.validate("不是", zh)).toEqual({ ok: true, value: "no", display: "否" });
  });

  it("rejects answers that are neither", () => {
    for (const a of ["是不是", "不好意思", "我想问一下", "maybe"]) expect(value(a)).toBeUndefined();
    const r = v.validate("随便", zh);
    expect(r.ok ? "" : r.reason.zh).toContain("“是”或“否”");
  });

  it("extracts only from a message that opens with the answer", () => {
    expect(v.extract("是的，提交吧", zh)).toMatchObject({ value: "yes" });
    expect(v.extract("我是张三", zh)).toBeUndefined();
  });
});
