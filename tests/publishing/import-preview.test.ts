import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readKnowledgeFolder } from "../../src/knowledge/documents.js";
import { knowledgeBaseFrom } from "../../src/knowledge/load.js";
import type { ImportRow } from "../../src/publishing/import-file.js";
import { comparableQuestion, previewImport } from "../../src/publishing/import-preview.js";
import { projectRoot } from "../testing/nlu.js";

const documents = () => readKnowledgeFolder(join(projectRoot, "knowledge-base"), join(projectRoot, "bot", "out-of-scope.yaml"));
const kb = knowledgeBaseFrom(documents());

type Cells = Partial<Omit<ImportRow, "row">>;
const rows = (...cells: Cells[]): ImportRow[] => cells.map((c, i) => ({ row: i + 2, intent: "", faq: "", lang: "", question: "", answer: "", ...c }));
const codesByRow = (preview: ReturnType<typeof previewImport>) => Object.fromEntries(preview.rows.map((r) => [r.row, r.errors.map((e) => e.code)]));
const messageOf = (preview: ReturnType<typeof previewImport>, row: number) => preview.rows.find((r) => r.row === row)?.errors.map((e) => e.message).join(" | ");

describe("comparableQuestion", () => {
  it("reads questions as the NLU does, without punctuation or spaces", () => {
    expect(comparableQuestion("社保卡在地鐵上丟了，怎麼掛失！")).toBe(comparableQuestion("社保卡在地铁上丢了怎么挂失"));
    expect(comparableQuestion("ＬＯＳＴ  my Card?")).toBe("lostmycard");
    expect(comparableQuestion("？！")).toBe("");
  });
});

describe("previewImport on the real knowledge base", () => {
  const file = rows(
    /* 2 */ { intent: "card.lost", question: "社保卡在地铁上丢了怎么挂失" },
    /* 3 */ { intent: "card.lost", lang: "英文", question: "I dropped my social security card on the train" },
    /* 4 */ { faq: "faq-card-password", lang: "en", question: "PIN locked after three tries, help" },
    /* 5 */ { question: "社保卡丢在出租车上了" },
    /* 6 */ { intent: "card.lots", question: "社保卡丢在出租车上了" },
    /* 7 */ { intent: "丢失挂失", question: "社保卡丢在公交车上了" },
    /* 8 */ { intent: "weather", question: "明天下雨吗" },
    /* 9 */ { faq: "faq-card-lots", question: "社保卡丢在飞机上了" },
    /* 10 */ { intent: "card.password", faq: "faq-card-lost", question: "社保卡丢在火车上了" },
    /* 11 */ { intent: "card.lost", lang: "法语", question: "社保卡丢在轮船上了" },
    /* 12 */ { intent: "card.lost", question: "SQ2026" },
    /* 13 */ { intent: "card.lost", lang: "zh", question: "How do I freeze my card right now" },
    /* 14 */ { intent: "card.lost", question: `社保卡${"丢".repeat(200)}` },
    /* 15 */ { intent: "card.lost", question: "社保卡在地鐵上丟了，怎麼掛失！" },
    /* 16 */ { intent: "card.lost", question: "社保卡丢了！" },
    /* 17 */ { intent: "card.lost", question: "社保卡密码忘记" },
    /* 18 */ { intent: "card.lost", question: "今天气温多少度？" },
    /* 19 */ { intent: "card.password", question: "社保卡在地铁上丢了怎么挂失" },
    /* 20 */ { intent: "card.password", question: "社保卡密码连输三次被锁了", answer: "请带身份证到银行网点重置密码。" },
    /* 21 */ { intent: "card.password", question: "社保卡密码被锁要去哪", answer: "请拨打12333。" },
    /* 22 */ { intent: "card.lost", lang: "en", answer: "Call 12333 at once to freeze the card." },
    /* 23 */ { intent: "card.lost", question: "？！" },
    /* 24 */ { intent: "card.lost" },
    /* 25 */ { intent: "card.lost", lang: "zh", question: "社保卡丢了要多久才能补好", answer: "补".repeat(4001) },
  );
  const preview = previewImport(file, kb, "en");

  it("says, row by row, what is wrong", () => {
    expect(codesByRow(preview)).toEqual({
      2: [],
      3: [],
      4: [],
      5: ["MISSING_FIELD"],
      6: ["UNKNOWN_INTENT"],
      7: ["UNKNOWN_INTENT"],
      8: ["UNKNOWN_INTENT"],
      9: ["UNKNOWN_FAQ"],
      10: ["INTENT_FAQ_MISMATCH"],
      11: ["UNKNOWN_LANG"],
      12: ["UNKNOWN_LANG"],
      13: ["LANGUAGE_MISMATCH"],
      14: ["TOO_LONG"],
      15: ["DUPLICATE_IN_FILE"],
      16: ["ALREADY_A_VARIANT"],
      17: ["USED_BY_OTHER_INTENT"],
      18: ["USED_BY_OTHER_INTENT"],
      19: ["USED_BY_OTHER_INTENT"],
      20: ["CONFLICTING_ANSWER"],
      21: ["CONFLICTING_ANSWER"],
      22: [],
      23: ["MISSING_FIELD", "UNKNOWN_LANG"],
      24: ["MISSING_FIELD"],
      25: ["TOO_LONG"],
    });
    expect(preview).toMatchObject({ valid: 4, invalid: 20 });
  });

  it("words each error so an editor knows what to change", () => {
    expect(messageOf(preview, 5)).toBe("Both intent and FAQ id are empty: fill in one of them.");
    expect(messageOf(preview, 6)).toBe('There is no intent "card.lots". Did you mean "card.lost"?');
    // An intent's name in the taxonomy, written instead of its id.
    expect(messageOf(preview, 7)).toBe('There is no intent "丢失挂失". Did you mean "card.lost"?');
    expect(messageOf(preview, 8)).toBe('There is no intent "weather".');
    expect(messageOf(preview, 9)).toBe('There is no FAQ "faq-card-lots". Did you mean "faq-card-lost"?');
    expect(messageOf(preview, 10)).toBe('The FAQ "faq-card-lost" belongs to the intent "card.lost", not "card.password".');
    expect(messageOf(preview, 11)).toContain('The language "法语" is not known');
    expect(messageOf(preview, 12)).toContain("Cannot tell whether this is Chinese or English");
    expect(messageOf(preview, 13)).toBe("The question is in English, but the language column says Chinese.");
    expect(messageOf(preview, 14)).toBe("The question has 203 characters; at most 200.");
    expect(messageOf(preview, 15)).toContain("The same question as row 2");
    expect(messageOf(preview, 16)).toBe('Already a variant of the FAQ "faq-card-lost": "社保卡丢了".');
    expect(messageOf(preview, 17)).toBe(
      'Already a variant of another intent, "card.password" (FAQ "faq-card-password"): "社保卡密码忘记". Importing it would teach the model two answers for one question.',
    );
    expect(messageOf(preview, 18)).toContain('Already an out-of-scope example (weather): "今天气温多少度"');
    expect(messageOf(preview, 19)).toBe('Row 2 gives the same question to the intent "card.lost": one question cannot teach the model two answers.');
    expect(messageOf(preview, 20)).toBe("Row 21 gives this FAQ a different Chinese answer: keep only one.");
    expect(messageOf(preview, 21)).toBe("Row 20 gives this FAQ a different Chinese answer: keep only one.");
    expect(messageOf(preview, 25)).toBe("The answer has 4001 characters; at most 4000.");
  });

  it("shows each row as resolved: the FAQ's intent, and the language told from the text", () => {
    expect(preview.rows[0]).toEqual({ row: 2, intent: "card.lost", faq: "faq-card-lost", lang: "zh", question: "社保卡在地铁上丢了怎么挂失", errors: [] });
    expect(preview.rows[2]).toMatchObject({ row: 4, intent: "card.password", faq: "faq-card-password", lang: "en" });
    expect(preview.rows[6]).toMatchObject({ row: 8, intent: "weather", lang: "zh" });
  });

  it("turns the valid rows into one change per FAQ, in the order the file names them", () => {
    expect(preview.changes).toEqual([
      {
        faqId: "faq-card-lost",
        questions: { zh: ["社保卡在地铁上丢了怎么挂失"], en: ["I dropped my social security card on the train"] },
        answer: { en: "Call 12333 at once to freeze the card." },
      },
      { faqId: "faq-card-password", questions: { zh: [], en: ["PIN locked after three tries, help"] } },
    ]);
  });

  it("writes its messages in Chinese when asked", () => {
    const zh = previewImport(file, kb, "zh");
    expect(codesByRow(zh)).toEqual(codesByRow(preview));
    expect(messageOf(zh, 6)).toBe("没有意图“card.lots”。您是不是要写“card.lost”？");
    expect(messageOf(zh, 17)).toContain("已经是另一个意图“card.password”（FAQ“faq-card-password”）的问法");
  });

  it("accepts the same answer written twice", () => {
    const twice = previewImport(
      rows(
        { intent: "card.password", question: "社保卡密码连输三次被锁了", answer: "请带身份证到银行网点重置密码。" },
        { intent: "card.password", question: "社保卡密码被锁要去哪", answer: "请带身份证到银行网点重置密码。" },
      ),
      kb,
    );
    expect(twice).toMatchObject({ valid: 2, invalid: 0, changes: [{ faqId: "faq-card-password", answer: { zh: "请带身份证到银行网点重置密码。" } }] });
  });

  it("asks for the FAQ id when an intent has several FAQs", () => {
    const docs = documents();
    docs.set("card/card-lost-abroad.yaml", (docs.get("card/card-lost.yaml") as string).replace("id: faq-card-lost", "id: faq-card-lost-abroad"));
    const two = knowledgeBaseFrom(docs);
    const preview = previewImport(rows({ intent: "card.lost", question: "在国外丢了社保卡" }, { faq: "faq-card-lost-abroad", question: "在国外丢了社保卡怎么办" }), two, "en");
    expect(codesByRow(preview)).toEqual({ 2: ["AMBIGUOUS_INTENT"], 3: [] });
    expect(messageOf(preview, 2)).toBe('The intent "card.lost" has several FAQs (faq-card-lost, faq-card-lost-abroad): name one in the faq column.');
  });
});
