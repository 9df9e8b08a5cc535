import { describe, expect, it } from "vitest";
import {
  duplicatesOf,
  EMPTY_FORM,
  type FaqFields,
  faqIdOf,
  fieldsOf,
  formOf,
  formProblems,
  intentIdsOf,
  intentProblems,
  isCalendarDay,
  itemsOf,
  linesOf,
  orderDrafts,
  parseDraftAnswer,
  parseDraftDetail,
  parseDraftFaq,
  parseDraftList,
  parsePublishedFaq,
  parseTryResult,
  percent,
  sameFields,
  shareDone,
} from "../../agent-console/src/features/editing/model/drafts";

/** The drafts' answers as the console reads them, and the FAQ form's pure parts. */

const draftView = (over: Record<string, unknown> = {}) => ({
  id: "7d3c2c1e-1111-4222-8333-944455556666",
  title: "挂失说明更新",
  author: "s-1",
  authorName: "drafts.li",
  editors: ["s-1"],
  baseVersion: 1,
  status: "open",
  notes: [{ kind: "comment", by: "s-2", byName: "drafts.wang", at: "2026-05-02T08:00:00.000Z", text: "其余没问题" }],
  approvedRevision: null,
  outcome: null,
  createdAt: "2026-05-02T07:00:00.000Z",
  updatedAt: "2026-05-02T08:00:00.000Z",
  revision: 3,
  changes: [{ file: "card/card-lost.yaml", faqId: "faq-card-lost", kind: "changed", patch: "--- a\n+++ b\n" }],
  conflicts: [],
  problem: null,
  newestVersion: 1,
  reviewRequired: true,
  allowed: ["edit", "comment", "submit", "discard", "fly"],
  publication: null,
  ...over,
});

const faq = {
  id: "faq-card-lost",
  intent: "card.lost",
  domain: "card",
  tags: ["社保卡", "挂失"],
  flow: "card.lost",
  legalBasis: ["《社会保险法》第五十八条"],
  related: ["card.replace"],
  questions: { zh: ["社保卡丢了", "社保卡挂失", "社保卡掉了", "社保卡不见了", "怎么挂失社保卡"], en: ["lost my card", "report a lost card"] },
  answer: { zh: "**请先挂失**。\n拨打 12333。", en: "Report it lost first." },
  effective: "2020-01-01",
};

describe("parseDraftAnswer / parseDraftDetail", () => {
  it("reads a draft view, keeping only the steps and note kinds it knows", () => {
    const draft = parseDraftAnswer({ draft: draftView() });
    expect(draft).toMatchObject({
      id: "7d3c2c1e-1111-4222-8333-944455556666",
      status: "open",
      revision: 3,
      reviewRequired: true,
      allowed: ["edit", "comment", "submit", "discard"],
      changes: [{ file: "card/card-lost.yaml", faqId: "faq-card-lost", kind: "changed" }],
      notes: [{ kind: "comment", byName: "drafts.wang", text: "其余没问题" }],
      publication: null,
      outcome: null,
    });
  });

  it("refuses what is not a draft", () => {
    expect(parseDraftAnswer(null)).toBeNull();
    expect(parseDraftAnswer({ draft: draftView({ status: "pending" }) })).toBeNull();
    expect(parseDraftAnswer({ draft: draftView({ revision: "3" }) })).toBeNull();
    expect(parseDraftAnswer({ draft: draftView({ changes: [{ file: "x", kind: "moved", patch: "" }] }) })).toBeNull();
  });

  it("reads a publication under way and each kind of outcome, with the guard's figures", () => {
    const publishing = parseDraftAnswer({
      draft: draftView({ status: "publishing", publication: { phase: "training", step: "fold 2/4", done: 2, total: 4, startedAt: "t" } }),
    });
    expect(publishing?.publication).toEqual({ phase: "training", step: "fold 2/4", done: 2, total: 4, startedAt: "t" });
    const checking = parseDraftAnswer({ draft: draftView({ status: "publishing", publication: { phase: "checking", startedAt: "t" } }) });
    expect(checking?.publication).toEqual({ phase: "checking", step: null, done: null, total: null, startedAt: "t" });

    expect(parseDraftAnswer({ draft: draftView({ status: "published", outcome: { kind: "published", version: 2, at: "t" } }) })?.outcome).toEqual({
      kind: "published",
      version: 2,
      at: "t",
    });
    const refused = parseDraftAnswer({
      draft: draftView({
        outcome: {
          kind: "refused",
          at: "t",
          reason: "the regression guard refused it",
          verdict: { questions: 200, before: 0.95, after: 0.9, fixed: 1, regressed: [{ text: "社保卡丢了", expected: "card.lost", now: "card.replace" }, { bad: 1 }] },
        },
      }),
    });
    expect(refused?.outcome).toEqual({
      kind: "refused",
      at: "t",
      reason: "the regression guard refused it",
      verdict: { questions: 200, before: 0.95, after: 0.9, fixed: 1, regressed: [{ text: "社保卡丢了", expected: "card.lost", now: "card.replace" }] },
    });
    expect(parseDraftAnswer({ draft: draftView({ outcome: { kind: "refused", at: "t", reason: "r" } }) })?.outcome).toMatchObject({ verdict: null });
    expect(parseDraftAnswer({ draft: draftView({ outcome: { kind: "failed", at: "t", reason: "disk full" } }) })?.outcome).toEqual({
      kind: "failed",
      at: "t",
      reason: "disk full",
    });
  });

  it("reads the detail with what the forms choose from", () => {
    const detail = parseDraftDetail({
      draft: draftView(),
      intents: [{ id: "card.lost", domain: "card" }, { id: 3 }],
      domains: ["card", "pension"],
      flows: ["card.lost"],
    });
    expect(detail).toMatchObject({ intents: [{ id: "card.lost", domain: "card" }], domains: ["card", "pension"], flows: ["card.lost"] });
    expect(parseDraftDetail({ intents: [] })).toBeNull();
  });
});

describe("parseDraftList", () => {
  it("reads the list and orders working drafts before finished ones", () => {
    const list = parseDraftList({
      reviewRequired: false,
      drafts: [
        { id: "a", title: "A", authorName: "li", status: "published", changed: 1, notes: 2, updatedAt: "t", outcome: { kind: "published", version: 2, at: "t" } },
        { id: "b", title: "B", authorName: "li", status: "open", changed: 0, notes: 0, updatedAt: "t", outcome: null },
        { id: "c", title: "C", authorName: "wang", status: "publishing", changed: 3, notes: 1, updatedAt: "t", outcome: null },
      ],
    });
    expect(list?.reviewRequired).toBe(false);
    expect(orderDrafts(list?.drafts ?? []).map((d) => d.id)).toEqual(["b", "c", "a"]);
    expect(parseDraftList({ drafts: [{ id: "x", status: "lost" }] })).toBeNull();
    expect(parseDraftList({})).toBeNull();
  });
});

describe("parseDraftFaq / parsePublishedFaq", () => {
  it("reads the FAQ's fields apart from its id and intent, with the draft's revision", () => {
    const read = parseDraftFaq({ faq, file: "card/card-lost.yaml", changed: true, publishedVersion: 1, revision: 4 });
    expect(read).toMatchObject({ id: "faq-card-lost", intent: "card.lost", file: "card/card-lost.yaml", changed: true, revision: 4 });
    expect(read?.fields).toEqual({
      domain: "card",
      tags: ["社保卡", "挂失"],
      flow: "card.lost",
      legalBasis: ["《社会保险法》第五十八条"],
      related: ["card.replace"],
      questions: faq.questions,
      answer: faq.answer,
      effective: "2020-01-01",
    });
    expect(read?.fields).not.toHaveProperty("expires");
  });

  it("reads the published FAQ without a revision, and refuses a malformed one", () => {
    expect(parsePublishedFaq({ version: 1, faq, file: "card/card-lost.yaml", text: "id: x", status: "in_effect" })).toMatchObject({ revision: null, changed: false });
    expect(parseDraftFaq({ faq: { ...faq, questions: { zh: "社保卡丢了" } }, file: "f", revision: 1 })).toBeNull();
    expect(parseDraftFaq({ faq, file: "f" })).toBeNull();
  });
});

describe("parseTryResult", () => {
  it("reads an answer with its intent, confidence and buttons", () => {
    expect(
      parseTryResult({
        ready: true,
        locale: "zh",
        decision: { kind: "answer", action: "faq", intent: "card.lost", confidence: 0.93 },
        reply: { text: "【2027年起】请先挂失", quickReplies: [{ label: "补办社保卡", payload: { intent: "card.replace" } }], faqId: "faq-card-lost" },
        intent: "card.lost",
        confidence: 0.93,
      }),
    ).toEqual({ ready: true, locale: "zh", text: "【2027年起】请先挂失", options: ["补办社保卡"], decision: "answer", intent: "card.lost", confidence: 0.93 });
  });

  it("reads the training's progress while the draft's model is made", () => {
    expect(parseTryResult({ ready: false, training: { step: "fold 1/4", done: 1, total: 4, startedAt: "t" } })).toEqual({
      ready: false,
      training: { step: "fold 1/4", done: 1, total: 4, startedAt: "t" },
    });
    expect(parseTryResult({ ready: false, training: { startedAt: "t" } })).toEqual({ ready: false, training: { step: null, done: null, total: null, startedAt: "t" } });
    expect(parseTryResult({ ready: false })).toBeNull();
    expect(parseTryResult({ ready: true, reply: {} })).toBeNull();
  });
});

describe("the FAQ form", () => {
  const fields: FaqFields = parseDraftFaq({ faq, file: "f", revision: 1 })!.fields;

  it("goes from fields to text and back unchanged", () => {
    const form = formOf(fields);
    expect(form.questionsZh.split("\n")).toHaveLength(5);
    expect(form.tags).toBe("社保卡, 挂失");
    expect(form.expires).toBe("");
    expect(fieldsOf(form)).toEqual(fields);
    expect(sameFields(fields, fieldsOf(form))).toBe(true);
    expect(sameFields(fields, { ...fields, answer: { ...fields.answer, zh: "另一个答复" } })).toBe(false);
  });

  it("sends no key for an empty flow or date, trims lines and answers", () => {
    const sent = fieldsOf({ ...formOf(fields), flow: "", effective: "", questionsEn: "  lost card \n\n report it  \n", answerEn: "  Report it.\n" });
    expect(sent).not.toHaveProperty("flow");
    expect(sent).not.toHaveProperty("effective");
    expect(sent.questions.en).toEqual(["lost card", "report it"]);
    expect(sent.answer.en).toBe("Report it.");
    expect(JSON.parse(JSON.stringify(sent))).toEqual(sent);
  });

  it("splits lists the ways editors type them", () => {
    expect(linesOf("a\r\n\n b \n")).toEqual(["a", "b"]);
    expect(itemsOf("社保卡，挂失、 lost card ,冻结")).toEqual(["社保卡", "挂失", "lost card", "冻结"]);
    expect(intentIdsOf(" card.replace, card.electronic  pension.query，")).toEqual(["card.replace", "card.electronic", "pension.query"]);
    expect(duplicatesOf(["a", "b", "a", "c", "b", "a"])).toEqual(["a", "b"]);
    expect(duplicatesOf(["a", "b"])).toEqual([]);
  });

  it("finds what the server would refuse: too few variants, empty answers, unknown related intents, dates", () => {
    const intents = new Set(["card.lost", "card.replace"]);
    expect(formProblems(formOf(fields), intents)).toEqual([]);
    const bad = {
      ...formOf(fields),
      questionsZh: "只有一个问题",
      questionsEn: "",
      answerEn: "  ",
      related: "card.replace, no.such",
      effective: "2027-02-01",
      expires: "2027-01-01",
    };
    expect(formProblems(bad, intents)).toEqual([
      { field: "questionsZh", kind: "few", min: 5, count: 1 },
      { field: "questionsEn", kind: "few", min: 2, count: 0 },
      { field: "answerEn", kind: "empty" },
      { field: "related", kind: "unknown", ids: ["no.such"] },
      { field: "expires", kind: "order" },
    ]);
    expect(formProblems({ ...formOf(fields), effective: "2027-02-30" }, intents)).toEqual([{ field: "effective", kind: "not_a_day" }]);
    expect(formProblems(EMPTY_FORM, intents).map((p) => p.field)).toEqual(["domain", "questionsZh", "questionsEn", "answerZh", "answerEn"]);
  });

  it("checks a new intent's id as the server does, and names its FAQ", () => {
    const intents = new Set(["card.lost"]);
    expect(intentProblems({ id: "card.fee", zh: "补换卡工本费", en: "card fee" }, intents)).toEqual([]);
    expect(intentProblems({ id: "card_fee.extra", zh: "x", en: "x" }, intents)).toEqual([]);
    for (const id of ["Card.fee", "card-fee", "card.", ".card", "card..fee", "card.fee2", ""]) {
      expect(intentProblems({ id, zh: "x", en: "x" }, intents), id).toEqual([{ field: "intentId", kind: "format" }]);
    }
    expect(intentProblems({ id: "card.lost", zh: "", en: " " }, intents)).toEqual([
      { field: "intentId", kind: "exists" },
      { field: "intentZh", kind: "empty" },
      { field: "intentEn", kind: "empty" },
    ]);
    expect(faqIdOf("card.fee")).toBe("faq-card-fee");
    expect(faqIdOf("pension_early.retire")).toBe("faq-pension-early-retire");
  });

  it("reads days and shares", () => {
    expect(isCalendarDay("2024-02-29")).toBe(true);
    expect(isCalendarDay("2023-02-29")).toBe(false);
    expect(isCalendarDay("2024-2-1")).toBe(false);
    expect(shareDone(2, 4)).toBe(0.5);
    expect(shareDone(5, 4)).toBe(1);
    expect(shareDone(null, 4)).toBeNull();
    expect(shareDone(0, 0)).toBeNull();
    expect(percent(0.934)).toBe("93.4%");
  });
});
