import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { readKnowledgeFolder } from "../../src/knowledge/documents.js";
import { knowledgeBaseFrom } from "../../src/knowledge/load.js";
import { addFaq, addQuestions, applyPatch, draftConflicts, editFaq, faqText, mergePatch, restoreFaq, retireFaq } from "../../src/publishing/draft-edits.js";
import { projectRoot } from "../testing/nlu.js";

const docs = readKnowledgeFolder(join(projectRoot, "knowledge-base"), join(projectRoot, "bot", "out-of-scope.yaml"));
const kb = knowledgeBaseFrom(docs);
const lost = kb.faqs.find((f) => f.id === "faq-card-lost");
if (!lost) throw new Error("the seed has faq-card-lost");
const { id: _id, intent: _intent, ...fields } = lost;

describe("draft edits, as changes to the knowledge documents", () => {
  it("an FAQ written back unchanged is the same text; an edited one changes only its fields' lines", () => {
    expect(faqText(lost, docs.get("card/card-lost.yaml"))).toBe(docs.get("card/card-lost.yaml"));
    const patch = editFaq(docs, kb, "faq-card-lost", { ...fields, tags: [...fields.tags, "补办"], expires: "2030-01-01" });
    const before = (docs.get("card/card-lost.yaml") as string).split("\n");
    const after = (patch["card/card-lost.yaml"] as string).split("\n");
    const changed = after.filter((l) => !before.includes(l));
    expect(changed).toEqual(["tags: [社保卡, 挂失, 丢失, 冻结, 解挂, 补办]", 'expires: "2030-01-01"']);
    // The edited file reads back as the FAQ the editor saved.
    expect(parse(after.join("\n"))).toMatchObject({ expires: "2030-01-01", tags: [...fields.tags, "补办"] });
    expect(knowledgeBaseFrom(applyPatch(docs, patch)).faqs.find((f) => f.id === "faq-card-lost")?.expires).toBe("2030-01-01");
  });

  it("an answer is written as a block and read back exactly, Markdown and all", () => {
    const answer = "**先挂失**：\n\n1. 拨打12333\n2. 到银行网点\n\n见[说明](https://example.gov.cn)。";
    const patch = editFaq(docs, kb, "faq-card-lost", { ...fields, answer: { ...fields.answer, zh: answer } });
    const read = knowledgeBaseFrom(applyPatch(docs, patch)).faqs.find((f) => f.id === "faq-card-lost");
    expect(read?.answer.zh.trimEnd()).toBe(answer);
    expect(patch["card/card-lost.yaml"]).toContain("  zh: |\n    **先挂失**：\n\n    1. 拨打12333");
  });

  it("question variants are added once each, skipping ones the FAQ has", () => {
    const patch = addQuestions(docs, kb, "faq-card-lost", { zh: ["社保卡丢了", "社保卡掉在地铁上了", "社保卡掉在地铁上了"], en: ["card gone missing"] });
    const read = knowledgeBaseFrom(applyPatch(docs, patch)).faqs.find((f) => f.id === "faq-card-lost");
    expect(read?.questions.zh.length).toBe(lost.questions.zh.length + 1);
    expect(read?.questions.zh.at(-1)).toBe("社保卡掉在地铁上了");
    expect(read?.questions.en.at(-1)).toBe("card gone missing");
  });

  it("a new intent adds its taxonomy row and its file; retiring one removes both and the related links to it", () => {
    const added = addFaq(docs, kb, { id: "card.fee", domain: "card", zh: "补卡工本费", en: "card fee" }, { ...fields, flow: undefined, related: [] });
    expect(Object.keys(added).sort()).toEqual(["card/card-fee.yaml", "intents.tsv"]);
    const withFee = knowledgeBaseFrom(applyPatch(docs, added));
    expect(withFee.faqs.find((f) => f.intent === "card.fee")?.id).toBe("faq-card-fee");

    const retired = retireFaq(docs, kb, "faq-card-electronic", new Set());
    expect(retired["card/card-electronic.yaml"]).toBeNull();
    const without = knowledgeBaseFrom(applyPatch(docs, retired));
    expect(without.intents.some((i) => i.id === "card.electronic")).toBe(false);
    expect(without.faqs.some((f) => f.related.includes("card.electronic"))).toBe(false);
    expect(() => retireFaq(docs, kb, "faq-agent-request", new Set(["agent.request"]))).toThrow(/relies on/);

    // Restoring puts the taxonomy row back where it was.
    const draft = applyPatch(docs, retired);
    const restored = applyPatch(draft, restoreFaq(draft, docs, "card/card-electronic.yaml"));
    expect(restored.get("intents.tsv")).toBe(docs.get("intents.tsv"));
    expect(restored.get("card/card-electronic.yaml")).toBe(docs.get("card/card-electronic.yaml"));
  });

  it("a change back to the published text is no change; a document changed since the draft began is a conflict", () => {
    const edited = editFaq(docs, kb, "faq-card-lost", { ...fields, tags: ["x"] });
    const changes = mergePatch(docs, {}, edited);
    expect(Object.keys(changes)).toEqual(["card/card-lost.yaml"]);
    expect(mergePatch(docs, changes, { "card/card-lost.yaml": docs.get("card/card-lost.yaml") as string })).toEqual({});
    const newer = new Map(docs);
    newer.set("card/card-lost.yaml", `${docs.get("card/card-lost.yaml")}# a colleague's change\n`);
    expect(draftConflicts(docs, newer, changes)).toEqual(["card/card-lost.yaml"]);
    expect(draftConflicts(docs, docs, changes)).toEqual([]);
  });
});
