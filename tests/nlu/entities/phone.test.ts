import { describe, expect, it } from "vitest";
import { extractEntities } from "../../../src/nlu/entities/index.js";
import { findMobile, parseMobile } from "../../../src/nlu/entities/phone.js";

const now = new Date("2026-11-28T00:00:00Z");
const mobiles = (text: string) => extractEntities(text, now).filter((e) => e.type === "mobile").map((e) => e.value);

describe("mobile phone numbers", () => {
  it("finds plain, spaced, dashed and +86 forms", () => {
    expect(mobiles("手机13812345678")).toEqual(["13812345678"]);
    expect(mobiles("打138 1234 5678找我")).toEqual(["13812345678"]);
    expect(mobiles("call +86 139-0000-1111 please")).toEqual(["13900001111"]);
  });

  it("finds mobiles written with dots, slashes, full-width digits, 0086, or glued to words", () => {
    expect(mobiles("137.1111.2222")).toEqual(["13711112222"]);
    expect(mobiles("137/1111/2222 或 137。1111。2223")).toEqual(["13711112222", "13711112223"]);
    expect(mobiles("手机１３８１２３４５６７８")).toEqual(["13812345678"]);
    expect(mobiles("0086 137 1111 2222")).toEqual(["13711112222"]);
    expect(mobiles("tel13711112222")).toEqual(["13711112222"]);
  });

  it("ignores numbers that are not mobiles", () => {
    expect(mobiles("12812345678")).toEqual([]); // second digit 2 is not a mobile prefix
    expect(mobiles("1381234567")).toEqual([]); // ten digits
    expect(mobiles("11010519491231002X")).toEqual([]); // inside an ID number
    expect(mobiles("热线12333")).toEqual([]);
  });

  it("parses a whole answer as a mobile, or refuses it", () => {
    expect(parseMobile(" 158-0000-2222 ")).toBe("15800002222");
    expect(parseMobile("15800002222x")).toBeUndefined();
    expect(parseMobile("我的手机15800002222")).toBeUndefined();
    expect(parseMobile("+86 158.0000.2222")).toBe("15800002222");
    expect(parseMobile("１５８００００２２２２")).toBe("15800002222");
    expect(parseMobile("158.0000.2222.3")).toBeUndefined();
  });

  it("finds the first mobile written anywhere in a text", () => {
    expect(findMobile("请回电 158-0000-2222，或者13900001111")).toBe("15800002222");
    expect(findMobile("+86 139 0000 1111")).toBe("13900001111");
    expect(findMobile("热线12333，身份证11010519491231002X")).toBeUndefined();
    expect(findMobile("留言：回电137.1111.2222")).toBe("13711112222");
  });
});
