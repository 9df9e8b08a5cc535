import { describe, expect, it } from "vitest";
import { CITIES, PROVINCES, type Region, region } from "../../../src/dialog/validators/index.js";

const zh = { now: new Date("2026-11-28T04:00:00Z"), locale: "zh" as const };
const en = { ...zh, locale: "en" as const };
const v = region();
const value = (answer: string) => {
  const r = v.validate(answer, zh);
  return r.ok ? r.value : undefined;
};
const reason = (answer: string) => {
  const r = v.validate(answer, zh);
  return r.ok ? undefined : r.reason.zh;
};

describe("regions data", () => {
  it("has the 34 provincial-level divisions and about 60 cities, each city in a listed province", () => {
    expect(PROVINCES).toHaveLength(34);
    expect(CITIES.length).toBeGreaterThanOrEqual(55);
    const provinces = new Set(PROVINCES.map((p) => p.name));
    for (const c of CITIES) expect(provinces.has(c.province ?? "")).toBe(true);
    const names = [...PROVINCES, ...CITIES].map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("region()", () => {
  it("matches official names, names without their suffix and one-character short names", () => {
    expect(v.validate("广州", zh)).toEqual({ ok: true, value: "广州市", display: "广州市" });
    expect(value("广州市")).toBe("广州市");
    expect(value("广东省")).toBe("广东省");
    expect(value("广西")).toBe("广西壮族自治区");
    expect(value("新疆维吾尔自治区")).toBe("新疆维吾尔自治区");
    expect(value("内蒙")).toBe("内蒙古自治区");
    expect(value("香港")).toBe("香港特别行政区");
    expect(value("粤")).toBe("广东省");
    expect(value("沪")).toBe("上海市");
    expect(v.sensitive).toBe(false);
  });

  it("matches English names case-insensitively, shown in English to English speakers", () => {
    expect(v.validate("guangzhou", en)).toEqual({ ok: true, value: "广州市", display: "Guangzhou" });
    expect(value("SHANGHAI")).toBe("上海市");
    expect(value("Hong Kong")).toBe("香港特别行政区");
    expect(value("Xi'an")).toBe("西安市");
    expect(value("Guangdong Province")).toBe("广东省");
    expect(value("Shanxi")).toBe("山西省");
    expect(value("Shaanxi")).toBe("陕西省");
  });

  it("finds a place inside the answer", () => {
    expect(value("我在广州")).toBe("广州市");
    expect(value("I live in Beijing")).toBe("北京市");
    expect(value("广东省广州市天河区")).toBe("广州市");
    expect(value("江西安徽")).toBeUndefined(); // not 西安
  });

  it("tolerates a typo, telling equally close names apart by sound", () => {
    expect(value("广洲")).toBe("广州市");
    expect(value("我想去广洲看病")).toBe("广州市");
    expect(value("伤海")).toBe("上海市");
    expect(value("广冬")).toBe("广东省");
    expect(value("石家装")).toBe("石家庄市");
    expect(value("哈尔冰")).toBe("哈尔滨市");
    expect(value("湖比")).toBe("湖北省"); // bi sounds like bei, not like nan
    expect(value("乌鲁木")).toBe("乌鲁木齐市");
    expect(value("Shangahi")).toBe("上海市");
    expect(value("Guangzou")).toBe("广州市");
  });

  it("asks when a name means two places, and when the answer names several", () => {
    expect(reason("吉林")).toContain("吉林省、吉林市");
    expect(value("吉林市")).toBe("吉林市");
    expect(reason("从广州转到深圳")).toContain("广州市、深圳市");
  });

  it("says when a place is unknown rather than guessing a far-off match", () => {
    expect(reason("昆山")).toContain("没有找到"); // 佛山, 唐山, 昆明 are one character off, but sound different
    expect(reason("湖x")).toContain("没有找到");
    expect(reason("火星")).toContain("没有找到");
  });

  it("takes a custom list", () => {
    const only: Region[] = PROVINCES.filter((p) => p.name === "广东省");
    const narrow = region(only);
    expect(narrow.validate("广州", zh).ok).toBe(false);
    expect(narrow.validate("广东", zh)).toMatchObject({ ok: true, value: "广东省" });
  });

  it("extracts a place named in full from a message, but never guesses a typo there", () => {
    expect(v.extract("我叫张三，在广州上班", zh)).toMatchObject({ ok: true, value: "广州市" });
    expect(v.extract("我叫张三，在广洲上班", zh)).toBeUndefined();
    expect(v.extract("我叫张三，身份证11010519491231002X", zh)).toBeUndefined();
  });
});
