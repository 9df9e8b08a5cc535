import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectLocale } from "../../src/nlu/locale.js";
import { projectRoot, readDevSet, realNlu } from "../testing/nlu.js";

describe("the message's language", () => {
  it("is English for the English questions of the knowledge base, the dev set and the challenge sets", () => {
    const { kb } = realNlu();
    const challenge = ["challenge.jsonl", "challenge-2.jsonl"].flatMap((f) =>
      readDevSet(join(projectRoot, "bench", "nlu", f)),
    );
    const english = [
      ...kb.faqs.flatMap((f) => f.questions.en),
      ...readDevSet().filter((e) => e.lang === "en").map((e) => e.text),
      ...challenge.filter((e) => e.lang === "en").map((e) => e.text),
    ];
    const missed = english.filter((t) => detectLocale(t) !== "en");
    // Left undecided (the conversation's language stays): greetings any chat uses ("hi", "bye"),
    // pinyin typed for Chinese ("yanglao jin renzheng"), keyboard noise labelled English.
    expect(missed.length / english.length, missed.join(" | ")).toBeLessThan(0.02);
    expect(missed.filter((t) => detectLocale(t) === "zh")).toEqual([]);
  });

  it("is Chinese for Chinese, also with English terms in it, and English with one Chinese term", () => {
    expect(detectLocale("我的pension怎么转到北京")).toBe("zh");
    expect(detectLocale("社保卡丢了怎么办")).toBe("zh");
    expect(detectLocale("What is 养老金?")).toBe("en");
  });

  it("is not decided by keyboard noise, numbers or a lone loanword: the conversation's language stays", () => {
    for (const text of ["asdfgh", "qwerty", "sdfsdf jkl", "SQ20261128000123", "12333", "ok", "OK", "hi", "app", "😀", "……"]) {
      expect(detectLocale(text), text).toBeUndefined();
    }
    expect(detectLocale("ok thanks")).toBe("en");
    expect(detectLocale("help")).toBe("en");
  });
});
