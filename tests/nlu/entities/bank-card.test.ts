import { describe, expect, it } from "vitest";
import { luhnValid } from "../../../src/nlu/entities/bank-card.js";
import { extractEntities } from "../../../src/nlu/entities/index.js";

const now = new Date("2026-11-28T00:00:00Z");
const cards = (text: string) => extractEntities(text, now).filter((e) => e.type === "bank_card").map((e) => e.value);

describe("bank card numbers (Luhn)", () => {
  it("checks Luhn", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("4111 1111 1111 1111")).toBe(false); // digits only
  });

  it("finds cards however written: grouped, dotted, full-width, glued to words", () => {
    expect(cards("card 4111 1111 1111 1111")).toEqual(["4111111111111111"]);
    expect(cards("卡号6222-0212-3456-7890-128")).toEqual(["6222021234567890128"]);
    expect(cards("6222.0212.3456.7890.128")).toEqual(["6222021234567890128"]);
    expect(cards("６２２２０２１２３４５６７８９０１２８")).toEqual(["6222021234567890128"]);
    expect(cards("card4111111111111111")).toEqual(["4111111111111111"]);
  });

  it("takes no number that fails Luhn for a card, nor an ID number", () => {
    expect(cards("6222021234567890129")).toEqual([]);
    expect(cards("4111.1111.1111.1112")).toEqual([]);
    expect(cards("身份证11010519491231002X")).toEqual([]);
  });
});
