import { describe, expect, it } from "vitest";
import { type ChoiceOption, choice, SEPARATION_REASONS } from "../../../src/dialog/validators/index.js";

const zh = { now: new Date("2026-11-28T04:00:00Z"), locale: "zh" as const };
const en = { ...zh, locale: "en" as const };

const DELIVERY: ChoiceOption[] = [
  { key: "pickup", label: { zh: "到网点领取", en: "Collect at a service point" }, synonyms: ["自取", "网点", "pick up"] },
  { key: "mail", label: { zh: "邮寄到家", en: "Post it to me" }, synonyms: ["邮寄", "快递", "mail", "post"] },
];

describe("choice()", () => {
  const v = choice(DELIVERY);

  it("matches the exact label, in either language, shown in the citizen's language", () => {
    expect(v.validate("邮寄到家", zh)).toEqual({ ok: true, value: "mail", display: "邮寄到家" });
    expect(v.validate("Post it to me", en)).toEqual({ ok: true, value: "mail", display: "Post it to me" });
    expect(v.sensitive).toBe(false);
  });

  it("matches a synonym inside the answer, English case-insensitively and on whole words", () => {
    expect(v.validate("帮我寄快递吧", zh)).toMatchObject({ value: "mail" });
    expect(v.validate("I'll PICK UP myself", en)).toMatchObject({ value: "pickup" });
    expect(v.validate("MAIL", en)).toMatchObject({ value: "mail" });
    expect(v.validate("postal code", en).ok).toBe(false);
  });

  it("matches by position: digits, 第N个, English ordinals", () => {
    expect(v.validate("1", zh)).toMatchObject({ value: "pickup" });
    expect(v.validate("第二个", zh)).toMatchObject({ value: "mail" });
    expect(v.validate("选2", zh)).toMatchObject({ value: "mail" });
    expect(v.validate("the first one", en)).toMatchObject({ value: "pickup" });
    const outOfRange = v.validate("3", zh);
    expect(outOfRange.ok ? "" : outOfRange.reason.zh).toContain("只有2个选项");
  });

  it("does not guess when two options match equally: it lists them", () => {
    const r = v.validate("网点或者邮寄都行", zh);
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.reason.zh).toContain("到网点领取");
    expect(r.ok ? "" : r.reason.zh).toContain("邮寄到家");
  });

  it("lists the options when nothing matches", () => {
    const r = v.validate("随便", zh);
    expect(r.ok ? "" : r.reason.zh).toContain("1. 到网点领取");
    expect(r.ok ? "" : r.reason.en).toContain("2. Post it to me");
  });

  it("extracts from a message by synonym, never by a stray number", () => {
    expect(v.extract("新卡请快递给我", zh)).toMatchObject({ value: "mail" });
    expect(v.extract("我有2张卡", zh)).toBeUndefined();
  });
});

describe("SEPARATION_REASONS", () => {
  const v = choice(SEPARATION_REASONS);
  const key = (answer: string) => {
    const r = v.validate(answer, zh);
    return r.ok ? r.value : undefined;
  };

  it("maps the synonyms of each reason", () => {
    for (const s of ["被辞退", "被开除了", "公司裁员", "单位跟我解除劳动合同", "被炒了", "I was laid off", "fired", "dismissed"]) expect(key(s)).toBe("dismissed");
    for (const s of ["合同到期不续签", "合同到期了", "单位没续签", "contract ended", "not renewed"]) expect(key(s)).toBe("contract_not_renewed");
    for (const s of ["单位倒闭", "公司倒闭了", "破产", "厂子关门了", "停业", "company closed", "bankrupt"]) expect(key(s)).toBe("company_closed");
    for (const s of ["被迫辞职", "单位欠薪我辞职", "单位欠薪，我辞职了", "未缴社保辞职"]) expect(key(s)).toBe("resigned_forced");
    for (const s of ["自己辞职", "主动辞职", "我辞职了", "辞职", "quit", "I resigned"]) expect(key(s)).toBe("resigned");
  });

  it("lets the longest synonym win, so 被迫辞职 is not plain resignation", () => {
    expect(key("我是被迫辞职的")).toBe("resigned_forced");
    expect(key("forced to resign")).toBe("resigned_forced");
    expect(key("辞职了")).toBe("resigned");
  });

  it("marks only resignation as voluntary", () => {
    expect(SEPARATION_REASONS.filter((r) => !r.involuntary).map((r) => r.key)).toEqual(["resigned"]);
    expect(SEPARATION_REASONS.map((r) => r.key)).toEqual(["dismissed", "contract_not_renewed", "company_closed", "resigned_forced", "resigned"]);
  });
});
