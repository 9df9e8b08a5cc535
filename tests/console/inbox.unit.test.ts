import { describe, expect, it } from "vitest";
import { FLAG_CLOSED, type FlagState, nextFlag } from "../../agent-console/src/features/chats/model/flag";
import {
  type AnswerFeedback,
  inboxQueryString,
  isHighRate,
  parseAnswerFeedback,
  parseInbox,
  percent,
  questionsOf,
  sortByFeedback,
  suggestedFaq,
} from "../../agent-console/src/features/editing/model/inbox";

/** The inbox's and the answer feedback's pure parts in the console, and the agent's flag steps. */

const group = {
  key: "m-1",
  count: 3,
  firstSeen: "2026-03-01T08:00:00.000Z",
  lastSeen: "2026-03-02T08:00:00.000Z",
  examples: ["电子社保卡在微信里怎么解绑", "how do I unbind the e-card from WeChat", "电子社保卡解绑，手机号138****5678"],
  reasons: [
    { reason: "fallback", count: 2 },
    { reason: "flagged", count: 1 },
  ],
  intents: [
    { intent: "card.electronic", count: 2, faqId: null },
    { intent: "card.apply", count: 1, faqId: "faq-card-apply" },
  ],
  notes: ["常有人问"],
  messageIds: ["m-3", "m-2", "m-1"],
};

describe("parseInbox", () => {
  it("reads the groups, dropping parts it does not know", () => {
    const body = { since: "2026-02-01T00:00:00.000Z", truncated: false, questions: 3, groups: [{ ...group, reasons: [...group.reasons, { reason: "bored", count: 1 }] }] };
    expect(parseInbox(body)).toEqual({ since: "2026-02-01T00:00:00.000Z", truncated: false, questions: 3, groups: [group] });
  });

  it("refuses an answer that is not an inbox", () => {
    expect(parseInbox(null)).toBeNull();
    expect(parseInbox({ groups: "x" })).toBeNull();
    expect(parseInbox({ groups: [{ key: 1 }] })).toBeNull();
  });
});

describe("questionsOf", () => {
  it("splits the wordings by script and leaves out one with someone's number while others remain", () => {
    expect(questionsOf(group)).toEqual({ zh: ["电子社保卡在微信里怎么解绑"], en: ["how do I unbind the e-card from WeChat"] });
  });

  it("takes the numbers out when every wording has one, and a Chinese character makes a wording Chinese", () => {
    expect(questionsOf({ examples: ["我的社保卡号1101**********002X", "card 6222***********0128 lost", "我的pension怎么转"] })).toEqual({
      zh: ["我的pension怎么转"],
      en: [],
    });
    expect(questionsOf({ examples: ["手机号138****5678换了怎么办", "new phone 138****5678 what now"] })).toEqual({ zh: ["手机号换了怎么办"], en: ["new phone what now"] });
    expect(questionsOf({ examples: ["same", "same", " "] })).toEqual({ zh: [], en: ["same"] });
  });
});

describe("suggestedFaq", () => {
  it("offers the FAQ of the most guessed intent that has one among the FAQs there are", () => {
    expect(suggestedFaq(group, new Set(["faq-card-apply", "faq-card-lost"]))).toBe("faq-card-apply");
    expect(suggestedFaq({ intents: [{ intent: "a", count: 3, faqId: "faq-a" }, { intent: "b", count: 1, faqId: "faq-b" }] }, new Set(["faq-a", "faq-b"]))).toBe("faq-a");
    expect(suggestedFaq(group, new Set())).toBeNull();
  });
});

describe("inboxQueryString", () => {
  it("asks from the start of the period, and for one reason when chosen", () => {
    const now = Date.parse("2026-03-31T10:00:00.000Z");
    expect(inboxQueryString({ days: 30, reason: "" }, now)).toBe("?since=2026-03-01T10%3A00%3A00.000Z");
    expect(inboxQueryString({ days: 7, reason: "thumbs_down" }, now)).toBe("?since=2026-03-24T10%3A00%3A00.000Z&reason=thumbs_down");
  });
});

describe("answer feedback", () => {
  const body = {
    since: "2026-03-01T00:00:00.000Z",
    faqs: [
      { faqId: "faq-a", answers: 40, thumbsDown: 10, handoffs: 2, thumbsDownRate: 0.25, handoffRate: 0.05 },
      { faqId: "faq-b", answers: 4, thumbsDown: 2, handoffs: 2, thumbsDownRate: 0.5, handoffRate: 0.5 },
      { faqId: "faq-c", answers: 100, thumbsDown: 1, handoffs: 30, thumbsDownRate: 0.01, handoffRate: 0.3 },
    ],
  };

  it("reads the rates by FAQ id, or refuses what is not them", () => {
    const read = parseAnswerFeedback(body);
    expect(read?.get("faq-b")).toEqual(body.faqs[1]);
    expect(read?.size).toBe(3);
    expect(parseAnswerFeedback({ faqs: [{}] })).toBeNull();
    expect(parseAnswerFeedback([])).toBeNull();
  });

  it("marks a rate high only over enough answers, and shows it as a share", () => {
    expect(isHighRate(0.25, 40)).toBe(true);
    expect(isHighRate(0.5, 4)).toBe(false);
    expect(isHighRate(0.19, 100)).toBe(false);
    expect(percent(0.254, 40)).toBe("25%");
    expect(percent(0, 0)).toBe("—");
  });

  it("sorts the FAQ rows by the rate asked for, highest first, those without answers last", () => {
    const feedback = parseAnswerFeedback(body) as Map<string, AnswerFeedback>;
    const rows = [{ id: "faq-none" }, { id: "faq-a" }, { id: "faq-b" }, { id: "faq-c" }];
    expect(sortByFeedback(rows, feedback, "listed").map((r) => r.id)).toEqual(["faq-none", "faq-a", "faq-b", "faq-c"]);
    expect(sortByFeedback(rows, feedback, "thumbsDown").map((r) => r.id)).toEqual(["faq-b", "faq-a", "faq-c", "faq-none"]);
    expect(sortByFeedback(rows, feedback, "handoffs").map((r) => r.id)).toEqual(["faq-b", "faq-c", "faq-a", "faq-none"]);
  });
});

describe("the agent's flag on a citizen's message", () => {
  const refused = { code: "INBOX_NOT_YOUR_CHAT", message: "", status: 403 };
  const run = (...events: Parameters<typeof nextFlag>[1][]) => events.reduce<FlagState>(nextFlag, FLAG_CLOSED);

  it("opens, takes a note, sends it and stays sent", () => {
    expect(run({ type: "open" }, { type: "note", note: "常有人问" })).toEqual({ step: "writing", note: "常有人问" });
    expect(run({ type: "open" }, { type: "note", note: "x" }, { type: "send" })).toEqual({ step: "sending", note: "x" });
    const sent = run({ type: "open" }, { type: "send" }, { type: "sent" });
    expect(sent).toEqual({ step: "sent" });
    expect(nextFlag(sent, { type: "open" })).toBe(sent);
  });

  it("keeps the note when refused, to send again; a second send while sending does nothing", () => {
    const failed = run({ type: "open" }, { type: "note", note: "n" }, { type: "send" }, { type: "refused", error: refused });
    expect(failed).toEqual({ step: "refused", note: "n", error: refused });
    expect(nextFlag(failed, { type: "send" })).toEqual({ step: "sending", note: "n" });
    const sending = run({ type: "open" }, { type: "send" });
    expect(nextFlag(sending, { type: "send" })).toBe(sending);
    expect(nextFlag(sending, { type: "cancel" })).toBe(sending);
    expect(run({ type: "open" }, { type: "cancel" })).toEqual(FLAG_CLOSED);
  });
});
