import { describe, expect, it } from "vitest";
import { renderReply } from "../../src/dialog/reply.js";
import { realNlu } from "../testing/nlu.js";
import { replyCatalogue } from "../../src/dialog/reply.js";

const { kb } = realNlu();
const catalogue = replyCatalogue(kb.faqs, kb.intents);

describe("the bot's words for a clarification", () => {
  it("asks 'did you mean…?' with yes, no and an agent when there is one close candidate", () => {
    const zh = renderReply({ kind: "clarify", options: [{ intent: "pension.benefit.apply" }], confidence: 0.6 }, catalogue, "zh");
    expect(zh.text).toBe(`您是想问“${catalogue.intents.get("pension.benefit.apply")!.zh}”吗？`);
    expect(zh.quickReplies.map((q) => q.payload)).toEqual([{ intent: "pension.benefit.apply" }, { action: "rephrase" }, { action: "agent" }]);
    expect(zh.quickReplies.map((q) => q.label)).toEqual(["是的", "不是", "转人工客服"]);
    const en = renderReply({ kind: "clarify", options: [{ intent: "pension.benefit.apply" }], confidence: 0.6 }, catalogue, "en");
    expect(en.text).toMatch(/^Did you mean: .+\?$/);
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
