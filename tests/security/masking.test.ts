import { describe, expect, it } from "vitest";
import { findPersonalNumbers, maskPersonalData } from "../../src/security/masking.js";

const masked = (text: string) => maskPersonalData(text).masked;

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

describe("personal numbers however they are written (issue 12)", () => {
  it("masks each format that reached the database in plain text", () => {
    expect(masked("6222 0212 3456 7890 128")).toBe("6222 **** **** ***0 128");
    expect(masked("6222-0212-3456-7890-128")).toBe("6222-****-****-***0-128");
    expect(masked("card 4111 1111 1111 1111")).toBe("card 4111 **** **** 1111");
    expect(masked("440304 19750615 0029")).toBe("4403** ******** 0029");
    expect(masked("身份证１１０１０５１９４９１２３１００２Ｘ")).toBe("身份证１１０１**********００２Ｘ");
    expect(masked("IDNO370202197001010032")).toBe("IDNO3702**********0032");
    expect(masked("137.1111.2222")).toBe("137.****.2222");
    expect(masked("手机１３８１２３４５６７８")).toBe("手机１３８****５６７８");
  });

  it("reads digits of any width, and an ID's X in any case or width, or typed as ×", () => {
    expect(masked("１３８ １２３４ ５６７８")).toBe("１３８ **** ５６７８");
    expect(masked("６２２２０２１２３４５６７８９０１２８")).toBe("６２２２***********０１２８");
    expect(masked("11010519491231002x")).toBe("1101**********002x");
    expect(masked("11010519491231002ｘ")).toBe("1101**********002ｘ");
    expect(masked("11010519491231002×")).toBe("1101**********002×");
    expect(masked("𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖")).toBe("𝟏𝟑𝟖****𝟓𝟔𝟕𝟖");
  });

  it("reads separators inside a number: spaces, dashes, dots, slashes, the Chinese full stop, mixed", () => {
    expect(masked("6222.0212.3456.7890.128")).toBe("6222.****.****.***0.128");
    expect(masked("4111/1111/1111/1111")).toBe("4111/****/****/1111");
    expect(masked("4111-1111 1111.1111")).toBe("4111-**** ****.1111");
    expect(masked("4111 – 1111 – 1111 – 1111")).toBe("4111 – **** – **** – 1111");
    expect(masked("110105/19491231/002X")).toBe("1101**/********/002X");
    expect(masked("110105—19491231—002 X")).toBe("1101**—********—002 X");
    expect(masked("42171·0·19360411·007·X")).toBe("4217*·*·********·007·X");
    expect(masked("137。1111。2222")).toBe("137。****。2222");
    expect(masked("137-1111-2222")).toBe("137-****-2222");
    expect(masked("1371 111 2222")).toBe("137* *** 2222");
  });

  it("reads numbers glued to words, in Chinese or English", () => {
    expect(masked("卡号6222021234567890128已挂失")).toBe("卡号6222***********0128已挂失");
    expect(masked("card4111111111111111")).toBe("card4111********1111");
    expect(masked("No.4111111111111111")).toBe("No.4111********1111");
    expect(masked("tel13711112222thanks")).toBe("tel137****2222thanks");
    expect(masked("身份证号:370202197001010032,电话13711112222")).toBe("身份证号:3702**********0032,电话137****2222");
    expect(masked("ID11010519491231002Xplease")).toBe("ID1101**********002Xplease");
  });

  it("reads 15-digit legacy ID numbers in groups and glued to words", () => {
    expect(masked("110105 491231 002")).toBe("1101** *****1 002");
    expect(masked("oldID110105491231002")).toBe("oldID1101*******1002");
  });

  it("reads +86 and 0086 before a mobile, keeping the prefix", () => {
    expect(masked("+8613812345678")).toBe("+86138****5678");
    expect(masked("+86 137.1111.2222")).toBe("+86 137.****.2222");
    expect(masked("0086 13812345678")).toBe("0086 138****5678");
    expect(masked("008613812345678")).toBe("0086138****5678");
    expect(masked("＋８６ １３８ １２３４ ５６７８")).toBe("＋８６ １３８ **** ５６７８");
    expect(findPersonalNumbers("请打 +86 138 1234 5678")).toEqual([
      { kind: "mobile", value: "13812345678", from: 3, to: 20, chars: [7, 8, 9, 11, 12, 13, 14, 16, 17, 18, 19] },
    ]);
  });

  it("tells apart several numbers written side by side", () => {
    expect(masked("138 1234 5678 6222 0212 3456 7890 128")).toBe("138 **** 5678 6222 **** **** ***0 128");
    expect(masked("13812345678 6222021234567890128")).toBe("138****5678 6222***********0128");
    expect(masked("440304 19750615 0029 / 137.1111.2222")).toBe("4403** ******** 0029 / 137.****.2222");
    // Two ID numbers in oddly sized groups: read as two ID numbers, not as a card and a remainder.
    expect(findPersonalNumbers("36 8 17519831 2 0349 8 2 8 31656194311124931").map((n) => n.value)).toEqual([
      "368175198312034982",
      "831656194311124931",
    ]);
    // A number is written on one line: a line break ends it.
    expect(findPersonalNumbers("4111 1111\n1111 1111")).toEqual([]);
    expect(findPersonalNumbers("身份证\n440304 19750615 0029\n13711112222").map((n) => n.value)).toEqual(["440304197506150029", "13711112222"]);
    // A card whose middle groups look like a mobile is still one card.
    expect(masked("6222 0212 1345 6789 013")).toBe("6222 **** **** ***9 013");
  });

  it("replaces exactly the number's digits: the words and separators around stay as written", () => {
    const text = "您好，我的卡号是 6222-0212-3456-7890-128 ，手机（137.1111.2222），谢谢！";
    const out = masked(text);
    expect(out).toHaveLength(text.length);
    for (let i = 0; i < text.length; i++) if (out[i] !== text[i]) expect([out[i], /\d/.test(text[i] ?? "")]).toEqual(["*", true]);
    expect(out).toBe("您好，我的卡号是 6222-****-****-***0-128 ，手机（137.****.2222），谢谢！");
  });

  it("still masks a mistyped number written plainly or in single-spaced groups, as before", () => {
    expect(masked("卡号 6222021234567890123 已冻结")).toBe("卡号 6222***********0123 已冻结");
    expect(masked("6222 0212 3456 7890 129")).toBe("6222 **** **** ***0 129");
    expect(masked("１１０１０５１９４９１２３１００２１")).toBe("１１０１**********００２１");
  });

  it("leaves near misses readable: application numbers, amounts, dates, landlines, failed checks in loose shapes", () => {
    for (const text of [
      "SQ20261207000123",
      "申请号 SQ-20261207-000123 进度",
      "sq 20261207 000123",
      "查SQ20261207000123，手机号不变",
      "交了 1,234,567.89 元",
      "¥12,000，3 000 元",
      "2026-12-07 10:30 办的",
      "2026.12.07",
      "2026/12/07 至 2027/01/31",
      "拨打12333或010-12345678",
      "0755 8600 1234",
      "+86 10 1234 5678",
      "服务器 192.168.100.200",
      "12812345678",
      "138.1234.567",
      // Loose shapes must prove themselves: a failed check digit or Luhn stays as typed.
      "IDNO370202197001010033",
      "ORDER2026120700012345",
      "6222.0212.3456.7890.129",
      "4111/1111/1111/1112",
      "440304.19750615.0028",
    ]) {
      expect(maskPersonalData(text), text).toEqual({ masked: text, changed: false });
    }
  });

  it("finds each kind with the value a machine reads", () => {
    const found = findPersonalNumbers("ID：４４０３０４ １９７５０６１５ ００２９；card 4111-1111-1111-1111；tel 0086 137.1111.2222；身份证110105194912310021");
    expect(found.map(({ kind, value }) => ({ kind, value }))).toEqual([
      { kind: "id_number", value: "440304197506150029" },
      { kind: "bank_card", value: "4111111111111111" },
      { kind: "mobile", value: "13711112222" },
      { kind: "long_number", value: "110105194912310021" },
    ]);
  });
});
