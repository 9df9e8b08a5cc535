import { describe, expect, it } from "vitest";
import { detectLocale } from "../../src/nlu/locale.js";
import { canonicalise, normalise } from "../../src/nlu/normalise.js";

describe("normalisation", () => {
  it("turns full-width letters, digits and punctuation half-width", () => {
    expect(normalise("ＡＢＣ１２３！")).toBe("abc123!");
    expect(canonicalise("身份证１１０１０５１９４９１２３１００２Ｘ")).toBe("身份证11010519491231002X");
  });

  it("turns Traditional into Simplified", () => {
    expect(normalise("養老保險怎麼轉移？")).toBe("养老保险怎么转移?");
    expect(normalise("社保卡遺失補辦")).toBe("社保卡遗失补办");
  });

  it("collapses and trims whitespace, including full-width spaces", () => {
    expect(normalise("  失业金\u3000 \t 怎么  领 ")).toBe("失业金 怎么 领");
  });
});

describe("locale from the script", () => {
  it("decides Chinese, English, or nothing", () => {
    expect(detectLocale("社保卡丢了")).toBe("zh");
    expect(detectLocale("how do i get my pension")).toBe("en");
    expect(detectLocale("我的pension怎么转")).toBe("zh");
    expect(detectLocale("how do i apply for 失业金 in beijing")).toBe("en");
    expect(detectLocale("13812345678")).toBeUndefined();
    expect(detectLocale("SQ20261128000123")).toBeUndefined();
  });
});
