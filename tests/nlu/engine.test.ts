import { describe, expect, it } from "vitest";
import { decide } from "../../src/dialog/decide.js";
import { realNlu } from "../testing/nlu.js";

const now = new Date("2026-11-28T04:00:00Z");

describe("understanding with the real model", () => {
  it("never takes a message naming social insurance as out of scope (anchors)", () => {
    const { engine } = realNlu();
    expect(engine.anchored("社保卡密码忘了怎么办")).toBe(true);
    for (const text of ["社保卡密码忘了怎么办", "医保卡被锁了咋办", "12333打不通"]) {
      expect(engine.understand(text, now).outOfScope, text).toBe(false);
    }
  });

  it("keeps near misses out of scope, including those that name insurance in another context", () => {
    const { engine } = realNlu();
    expect(engine.anchored("商业养老保险每年交多少")).toBe(false);
    for (const text of ["信用卡密码忘了怎么办", "商业养老保险每年交多少", "住房公积金怎么提取", "明天会下雨吗"]) {
      const d = decide(engine.understand(text, now));
      expect(d, text).toMatchObject({ kind: "fallback", reason: "out_of_scope" });
    }
  });

  it("reads Traditional characters and full-width text like Simplified", () => {
    const { engine } = realNlu();
    const simplified = engine.understand("社保卡丢了怎么挂失", now);
    const traditional = engine.understand("社保卡丟了怎麼掛失", now);
    expect(traditional.candidates[0]?.intent).toBe(simplified.candidates[0]?.intent);
    expect(traditional.confidence).toBeCloseTo(simplified.confidence, 6);
  });

  it("names the words only out-of-scope examples use, and none in the desk's own questions", () => {
    const { engine } = realNlu();
    expect(engine.understand("股票开户怎么弄", now).foreignWords).toContain("c:股票");
    expect(engine.understand("How do I renew my passport", now).foreignWords).toContain("w:passport");
    for (const text of ["社保卡怎么办理", "在哪里办", "养老金每个月几号发", "What documents do I need?"]) {
      expect(engine.understand(text, now).foreignWords, text).toBeUndefined();
    }
  });
});
