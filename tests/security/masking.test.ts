import { describe, expect, it } from "vitest";
import { maskPersonalData } from "../../src/security/masking.js";

describe("masking personal data", () => {
  it("masks ID numbers (valid or not), mobiles and bank cards", () => {
    expect(maskPersonalData("身份证11010519491231002X").masked).toBe("身份证1101**********002X");
    expect(maskPersonalData("身份证110105194912310021").masked).toBe("身份证1101**********0021");
    expect(maskPersonalData("旧证110105491231002").masked).toBe("旧证1101*******1002");
    expect(maskPersonalData("手机13812345678").masked).toBe("手机138****5678");
    expect(maskPersonalData("tel +86 138-1234-5678").masked).toBe("tel +86 138-****-5678");
    expect(maskPersonalData("卡号6222021234567890128").masked).toBe("卡号6222***********0128");
  });

  it("masks cards and ID numbers written in groups, keeping the spaces or hyphens", () => {
    expect(maskPersonalData("卡号 6222 0212 3456 7890 128").masked).toBe("卡号 6222 **** **** ***0 128");
    expect(maskPersonalData("6222-0212-3456-7890-128").masked).toBe("6222-****-****-***0-128");
    expect(maskPersonalData("身份证 110105 19491231 002X").masked).toBe("身份证 1101** ******** 002X");
    // Grouped numbers of other lengths are not cards: a date, a phone with its code, an amount.
    expect(maskPersonalData("2024-03-15 交了 3 000 元").changed).toBe(false);
    expect(maskPersonalData("+86 138-1234-5678").masked).toBe("+86 138-****-5678");
  });

  it("leaves ordinary numbers alone and says whether anything changed", () => {
    expect(maskPersonalData("打12333，交了15年，3000元")).toEqual({ masked: "打12333，交了15年，3000元", changed: false });
    expect(maskPersonalData("13812345678").changed).toBe(true);
  });
});
