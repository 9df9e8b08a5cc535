import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadIntentLabels } from "../../src/dialog/intent-labels.js";
import { renderReply, replyCatalogue } from "../../src/dialog/reply.js";
import { projectRoot, realNlu } from "../testing/nlu.js";

const { kb } = realNlu();
const ids = kb.intents.map((i) => i.id);
const catalogue = replyCatalogue(kb.faqs, kb.intents, loadIntentLabels(join(projectRoot, "bot", "intent-labels.tsv"), ids));

describe("the bot's words for a clarification", () => {
  it("asks 'did you mean…?' with yes, no and an agent when there is one close candidate", () => {
    const zh = renderReply({ kind: "clarify", options: [{ intent: "pension.benefit.apply" }], confidence: 0.6 }, catalogue, "zh");
    expect(zh.text).toBe("您是想问“办理退休、申领养老金”吗？");
    expect(zh.quickReplies.map((q) => q.payload)).toEqual([{ intent: "pension.benefit.apply" }, { action: "rephrase" }, { action: "agent" }]);
    expect(zh.quickReplies.map((q) => q.label)).toEqual(["是的", "不是", "转人工客服"]);
    const en = renderReply({ kind: "clarify", options: [{ intent: "pension.benefit.apply" }], confidence: 0.6 }, catalogue, "en");
    expect(en.text).toBe("Did you mean: Retiring and claiming a pension?");
    expect(en.text).not.toMatch(/\p{Script=Han}/u);
  });

  it("offers a choice only between two or more real options, with an agent besides", () => {
    const r = renderReply(
      { kind: "clarify", options: [{ intent: "card.lost" }, { intent: "card.replace" }], confidence: 0.5 },
      catalogue,
      "zh",
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
    const reply = renderReply({ kind: "answer", action: "faq", intent: "card.lost", confidence: 0.9 }, catalogue, "en");
    expect(reply.quickReplies.length).toBeGreaterThan(0);
    for (const q of reply.quickReplies) expect(q.label).toBe(catalogue.labels.get((q.payload as { intent: string }).intent)!.en);
  });
});
