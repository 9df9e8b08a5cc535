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

  it("leaves ordinary numbers alone and says whether anything changed", () => {
    expect(maskPersonalData("打12333，交了15年，3000元")).toEqual({ masked: "打12333，交了15年，3000元", changed: false });
    expect(maskPersonalData("13812345678").changed).toBe(true);
  });
});
