import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadIntentLabels } from "../../src/dialog/intent-labels.js";
import { decisionOn, renderReply, replyCatalogue } from "../../src/dialog/reply.js";
import { FaqSchema } from "../../src/knowledge/faq.js";
import { projectRoot, realNlu } from "../testing/nlu.js";

const { kb } = realNlu();
const ids = kb.intents.map((i) => i.id);
const labels = loadIntentLabels(join(projectRoot, "bot", "intent-labels.tsv"), kb.intents);
const catalogue = replyCatalogue(kb.faqs, kb.intents, labels);
const now = new Date("2026-12-07T08:00:00Z");

describe("the bot's words for a clarification", () => {
  it("asks 'did you mean…?' with yes, no and an agent when there is one close candidate", () => {
    const zh = renderReply({ kind: "clarify", options: [{ intent: "pension.benefit.apply" }], confidence: 0.6 }, catalogue, "zh", now);
    expect(zh.text).toBe("您是想问“办理退休、申领养老金”吗？");
    expect(zh.quickReplies.map((q) => q.payload)).toEqual([{ intent: "pension.benefit.apply" }, { action: "rephrase" }, { action: "agent" }]);
    expect(zh.quickReplies.map((q) => q.label)).toEqual(["是的", "不是", "转人工客服"]);
    const en = renderReply({ kind: "clarify", options: [{ intent: "pension.benefit.apply" }], confidence: 0.6 }, catalogue, "en", now);
    expect(en.text).toBe("Did you mean: Retiring and claiming a pension?");
    expect(en.text).not.toMatch(/\p{Script=Han}/u);
  });

  it("offers a choice only between two or more real options, with an agent besides", () => {
    const r = renderReply(
      { kind: "clarify", options: [{ intent: "card.lost" }, { intent: "card.replace" }], confidence: 0.5 },
      catalogue,
      "zh",
      now,
    );
    expect(r.text).toContain("下面哪一个");
    expect(r.quickReplies.filter((q) => "intent" in q.payload)).toHaveLength(2);
    expect(r.quickReplies.at(-1)?.payload).toEqual({ action: "agent" });
  });
});

describe("button labels", () => {
  it("are written per language for every intent: English in sentence case, no Chinese punctuation", () => {
    for (const id of ids.filter((i) => i !== "none")) {
      const label = catalogue.labels.get(id)!;
      expect(label.en, id).toMatch(/^[A-Z0-9]/);
      expect(label.en, id).not.toMatch(/[\p{Script=Han}：，。（）]/u);
      expect(label.zh, id).toMatch(/\p{Script=Han}/u);
      // Short enough for a button.
      expect(label.zh.length, id).toBeLessThanOrEqual(12);
      expect(label.en.length, id).toBeLessThanOrEqual(40);
    }
  });

  it("name related questions under an English answer in English sentence case", () => {
    const reply = renderReply({ kind: "answer", action: "faq", intent: "card.lost", confidence: 0.9 }, catalogue, "en", now);
    expect(reply.quickReplies.length).toBeGreaterThan(0);
    for (const q of reply.quickReplies) expect(q.label).toBe(catalogue.labels.get((q.payload as { intent: string }).intent)!.en);
  });
});

describe("FAQs in effect only between their effective and expiry days", () => {
  // The card-loss FAQ expires at the start of 2027 (Shanghai time); the PIN one starts then.
  const dated = kb.faqs.map((f) =>
    f.intent === "card.lost" ? { ...f, expires: "2027-01-01" } : f.intent === "card.password" ? { ...f, effective: "2027-01-01" } : f,
  );
  const cat = replyCatalogue(dated, kb.intents, labels);
  const lost = { kind: "answer" as const, action: "faq" as const, intent: "card.lost", confidence: 0.9 };
  const pin = { kind: "answer" as const, action: "faq" as const, intent: "card.password", confidence: 0.9 };
  const lastDay = new Date("2026-12-31T15:59:00Z"); // 23:59 in Shanghai
  const newYear = new Date("2026-12-31T16:00:00Z"); // 00:00 on 1 January in Shanghai

  it("answers until the expiry day begins in the service's time zone, then says the answer no longer applies", () => {
    expect(decisionOn(lost, cat, lastDay)).toEqual(lost);
    const after = decisionOn(lost, cat, newYear);
    expect(after).toMatchObject({ kind: "fallback", reason: "not_in_effect", intent: "card.lost", expired: "2027-01-01" });
    const zh = renderReply(after, cat, "zh", newYear);
    expect(zh.text).toContain("已于2027年1月1日停止适用");
    expect(zh.text).toContain("12333");
    expect(renderReply(after, cat, "en", newYear).text).toContain("stopped applying on 1 January 2027");
    expect(zh.quickReplies.map((q) => q.payload)).toEqual([{ action: "agent" }]);
  });

  it("does not answer before the effective day, nor offer it as a button", () => {
    expect(decisionOn(pin, cat, lastDay)).toMatchObject({ kind: "fallback", reason: "not_in_effect", effective: "2027-01-01" });
    expect(renderReply(decisionOn(pin, cat, lastDay), cat, "zh", lastDay).text).toContain("自2027年1月1日起施行");
    expect(decisionOn(pin, cat, newYear)).toEqual(pin);
    const choice = { kind: "clarify" as const, options: [{ intent: "card.password" }, { intent: "card.lost" }], confidence: 0.5 };
    expect(decisionOn(choice, cat, lastDay)).toEqual({ ...choice, options: [{ intent: "card.lost" }] });
    expect(decisionOn({ ...choice, options: [{ intent: "card.password" }] }, cat, lastDay)).toMatchObject({ kind: "fallback", reason: "low_confidence" });
    // Nor among an answer's related questions.
    expect(cat.faqsByIntent.get("card.replace")?.related).toContain("card.password");
    const replaceAnswer = { ...lost, intent: "card.replace" };
    expect(renderReply(replaceAnswer, cat, "zh", lastDay).quickReplies.map((q) => q.payload)).not.toContainEqual({ intent: "card.password" });
    expect(renderReply(replaceAnswer, cat, "zh", newYear).quickReplies.map((q) => q.payload)).toContainEqual({ intent: "card.password" });
  });

  it("refuses dates that are not days, or an expiry before the effective day", () => {
    const faq = kb.faqs[0] as (typeof kb.faqs)[number];
    expect(FaqSchema.safeParse({ ...faq, effective: "2027-02-30" }).success).toBe(false);
    expect(FaqSchema.safeParse({ ...faq, effective: "2027/01/01" }).success).toBe(false);
    expect(FaqSchema.safeParse({ ...faq, effective: "2027-01-01", expires: "2026-06-01" }).error?.issues[0]?.path).toEqual(["expires"]);
    expect(FaqSchema.safeParse({ ...faq, effective: "2027-01-01", expires: "2028-01-01" }).success).toBe(true);
  });
});
