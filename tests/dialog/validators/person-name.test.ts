import { describe, expect, it } from "vitest";
import { personName } from "../../../src/dialog/validators/index.js";

const ctx = { now: new Date("2026-11-28T04:00:00Z"), locale: "zh" as const };
const v = personName();
const reason = (answer: string) => {
  const r = v.validate(answer, ctx);
  return r.ok ? undefined : r.reason.zh;
};

describe("personName()", () => {
  it("accepts 2-4 Han characters and shows only the first", () => {
    expect(v.validate("张三", ctx)).toEqual({ ok: true, value: "张三", display: "张*" });
    expect(v.validate("欧阳娜娜", ctx)).toEqual({ ok: true, value: "欧阳娜娜", display: "欧***" });
    expect(v.validate("张 三。", ctx)).toMatchObject({ ok: true, value: "张三" });
    expect(v.sensitive).toBe(true);
  });

  it("accepts minority names with a middle dot, whichever dot was typed", () => {
    expect(v.validate("阿依古丽·买买提", ctx)).toEqual({ ok: true, value: "阿依古丽·买买提", display: "阿*******" });
    expect(v.validate("阿依古丽•买买提", ctx)).toMatchObject({ ok: true, value: "阿依古丽·买买提" });
    expect(reason("阿依古丽买买提")).toContain("·");
  });

  it("accepts Latin names with spaces and hyphens", () => {
    expect(v.validate("John Smith", ctx)).toEqual({ ok: true, value: "John Smith", display: "J*********" });
    expect(v.validate("Mary-Jane Watson", ctx)).toMatchObject({ ok: true, value: "Mary-Jane Watson" });
    expect(reason("J")).toBeDefined();
  });

  it("accepts an answer that introduces the name or runs on", () => {
    expect(v.validate("我叫李四", ctx)).toMatchObject({ ok: true, value: "李四" });
    expect(v.validate("张三，身份证稍后给", ctx)).toMatchObject({ ok: true, value: "张三" });
  });

  it("gives a reason for digits, symbols and emoji, one character, too many characters, mixed scripts and non-names", () => {
    const reasons = {
      digits: reason("张三123"),
      emoji: reason("😀😀"),
      single: reason("张"),
      long: reason("张三丰王五"),
      mixed: reason("张San"),
      notName: reason("不知道"),
    };
    expect(reasons.digits).toContain("数字");
    expect(reasons.emoji).toContain("表情");
    expect(reasons.single).toContain("至少两个字");
    expect(reasons.long).toContain("最多4个字");
    expect(reasons.mixed).toContain("只用汉字或只用字母");
    expect(reasons.notName).toContain("不是姓名");
    expect(new Set(Object.values(reasons)).size).toBe(6);
    for (const notName of ["没有", "你好", "为什么", "hello", "unknown"]) expect(reason(notName)).toContain("不是姓名");
  });

  it("extracts a name after an introduction, stopping at punctuation or the next item", () => {
    expect(v.extract("我叫张三，身份证11010519491231002X", ctx)).toMatchObject({ ok: true, value: "张三" });
    expect(v.extract("我叫张三身份证11010519491231002X", ctx)).toMatchObject({ ok: true, value: "张三" });
    expect(v.extract("你好，姓名王小明手机13812345678", ctx)).toMatchObject({ ok: true, value: "王小明" });
    expect(v.extract("名字是阿依古丽·买买提，想办失业金", ctx)).toMatchObject({ ok: true, value: "阿依古丽·买买提" });
    expect(v.extract("本人李娜，申请补办社保卡", ctx)).toMatchObject({ ok: true, value: "李娜" });
    expect(v.extract("my name is John Smith and my phone is 13812345678", ctx)).toMatchObject({ ok: true, value: "John Smith" });
    expect(v.extract("Name: Li Wei, ID 11010519491231002X", ctx)).toMatchObject({ ok: true, value: "Li Wei" });
  });

  it("does not take words after 本人 / 我是 for a name unless they start with a surname", () => {
    expect(v.extract("本人想申请失业金", ctx)).toBeUndefined();
    expect(v.extract("本人申请", ctx)).toBeUndefined();
    expect(v.extract("我是下岗职工", ctx)).toBeUndefined();
    expect(v.extract("我是王芳，手机13812345678", ctx)).toMatchObject({ ok: true, value: "王芳" });
    expect(v.extract("我想申请失业金", ctx)).toBeUndefined();
  });

  it("says what is wrong when a clear introduction is followed by something that is not a name", () => {
    const r = v.extract("我叫张三丰王五六，身份证11010519491231002X", ctx);
    expect(r?.ok).toBe(false);
  });
});
