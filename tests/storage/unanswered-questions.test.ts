import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageRole } from "../../src/domain/message.js";
import type { HandoffRecord, MessageMeta, MessageRecord, Storage } from "../../src/storage/ports.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { INBOX_SQL } from "../../src/storage/sqlite/unanswered-questions.js";

const dir = mkdtempSync(join(tmpdir(), "inbox-store-"));
const file = join(dir, "desk.sqlite");
let s: Storage;
beforeAll(() => {
  s = createSqliteStorage(file);
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Minute `m` of 1 March 2026. */
const at = (m: number) => new Date(Date.UTC(2026, 2, 1, 8, m)).toISOString();
const since = at(0);

/** A conversation written turn by turn, as the transcript writes it (replies name their question). */
async function conversation() {
  const id = randomUUID();
  await s.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: at(0), updatedAt: at(0) });
  const say = (role: MessageRole, text: string, minute: number, meta: MessageMeta = {}): Promise<MessageRecord> =>
    s.messages.append({ id: randomUUID(), conversationId: id, role, text, textSealed: null, clientId: role === "citizen" ? randomUUID() : null, createdAt: at(minute), meta });
  return {
    id,
    say,
    /** A citizen's words and the bot's reply to them. */
    async turn(text: string, minute: number, reply: MessageMeta, citizenMeta: MessageMeta = {}) {
      const question = await say("citizen", text, minute, citizenMeta);
      const answer = await say("bot", "…", minute, { ...reply, replyTo: question.id });
      return { question, answer };
    },
  };
}

const handoff = (conversationId: string, agentId: string | null): HandoffRecord => ({
  id: randomUUID(),
  conversationId,
  status: "closed",
  reason: "explicit",
  urgency: "normal",
  language: "zh",
  skill: "card",
  intent: null,
  arrivedAt: at(30),
  agentId,
  offeredAt: null,
  acceptedAt: at(31),
  closedAt: at(40),
  wrapUp: "resolved",
  closeNote: null,
  transferNote: null,
  surveyRating: null,
  surveyComment: null,
});

describe("sqlite adapter: the editors' inbox", () => {
  it("lists the questions the bot did not answer well, each with why and what it guessed", async () => {
    const a = await conversation();
    // Fell back, with related questions offered.
    const fell = await a.turn("我家猫不吃饭", 1, {
      decision: "fallback",
      confidence: 0.12,
      quickReplies: [
        { label: "养老金", payload: { intent: "pension.payment" } },
        { label: "转人工", payload: { action: "agent" } },
      ],
    });
    // Asked back ("did you mean"), then the citizen pressed "none of these": the press is not a question.
    const asked = await a.turn("卡的照片被退回了", 2, {
      decision: "clarify",
      confidence: 0.41,
      quickReplies: [
        { label: "补卡", payload: { intent: "card.replace" } },
        { label: "申领", payload: { intent: "card.apply" } },
      ],
    });
    await a.turn("都不是", 3, { decision: "rephrase" }, { decision: "rephrase_asked" });
    // Answered, fine, and rated up: not listed.
    await a.turn("社保卡丢了怎么办", 4, { decision: "faq", faqId: "faq-card-lost", intent: "card.lost", confidence: 0.93 });
    // Answered, then the next turn asked for a person (a pressed "agent" button).
    const thenPerson = await a.turn("养老金什么时候到账", 5, { decision: "faq", faqId: "faq-pension-date", intent: "pension.payment", confidence: 0.8 });
    await a.turn("转人工", 6, { decision: "handoff_waiting", handoff: "explicit", intent: "pension.payment" }, { decision: "handoff" });

    const b = await conversation();
    // Answered and rated down.
    const down = await b.turn("生育津贴多久到账", 7, { decision: "faq", faqId: "faq-maternity-allowance", intent: "maternity.allowance", confidence: 0.7 });
    await s.feedback.set({ messageId: down.answer.id, conversationId: b.id, rating: "down", createdAt: at(8) });
    const up = await b.turn("生育津贴怎么领", 9, { decision: "faq", faqId: "faq-maternity-allowance", intent: "maternity.allowance", confidence: 0.95 });
    await s.feedback.set({ messageId: up.answer.id, conversationId: b.id, rating: "up", createdAt: at(9) });
    // A button pressed from a choice is not a question, even when its answer is rated down.
    const pressed = await b.turn("补卡", 10, { decision: "faq", faqId: "faq-card-replace", intent: "card.replace", confidence: 1 }, { intent: "card.replace" });
    await s.feedback.set({ messageId: pressed.answer.id, conversationId: b.id, rating: "down", createdAt: at(10) });
    // Words to an agent (no bot reply), flagged by the agent who had the chat.
    const toAgent = await b.say("citizen", "电子社保卡在微信里怎么解绑，手机号138****5678", 11);
    expect(await s.unansweredQuestions.flag({ messageId: toAgent.id, agentId: "agent-1", note: "常有人问", at: at(12) })).toBe(true);
    expect(await s.unansweredQuestions.flag({ messageId: toAgent.id, agentId: "agent-1", note: "常有人问，机器人应该会答", at: at(13) })).toBe(false);
    await s.unansweredQuestions.flag({ messageId: toAgent.id, agentId: "agent-2", note: "", at: at(14) });

    const inbox = await s.unansweredQuestions.unanswered({ since, limit: 100 });
    expect(inbox.map((q) => q.text)).toEqual(["电子社保卡在微信里怎么解绑，手机号138****5678", "生育津贴多久到账", "养老金什么时候到账", "卡的照片被退回了", "我家猫不吃饭"]);
    const byId = new Map(inbox.map((q) => [q.messageId, q]));
    expect(byId.get(fell.question.id)).toEqual({
      messageId: fell.question.id,
      text: "我家猫不吃饭",
      createdAt: at(1),
      reasons: ["fallback"],
      intents: ["pension.payment"],
      confidence: 0.12,
      notes: [],
    });
    expect(byId.get(asked.question.id)).toMatchObject({ reasons: ["clarify"], intents: ["card.replace", "card.apply"], confidence: 0.41 });
    expect(byId.get(thenPerson.question.id)).toMatchObject({ reasons: ["handoff"], intents: ["pension.payment"], confidence: 0.8 });
    expect(byId.get(down.question.id)).toMatchObject({ reasons: ["thumbs_down"], intents: ["maternity.allowance"] });
    expect(byId.get(toAgent.id)).toMatchObject({ reasons: ["flagged"], intents: [], confidence: null, notes: ["常有人问，机器人应该会答"] });
    expect(await s.unansweredQuestions.flagsOn(toAgent.id)).toEqual([
      { messageId: toAgent.id, agentId: "agent-1", note: "常有人问，机器人应该会答", at: at(13) },
      { messageId: toAgent.id, agentId: "agent-2", note: "", at: at(14) },
    ]);

    // Bounded: by the time asked, and by the number of questions.
    expect((await s.unansweredQuestions.unanswered({ since: at(5), limit: 100 })).map((q) => q.text)).toEqual([
      "电子社保卡在微信里怎么解绑，手机号138****5678",
      "生育津贴多久到账",
      "养老金什么时候到账",
    ]);
    expect((await s.unansweredQuestions.unanswered({ since, limit: 2 })).map((q) => q.text)).toEqual(["电子社保卡在微信里怎么解绑，手机号138****5678", "生育津贴多久到账"]);

    // Handled questions leave the inbox for good; a second mark keeps the first.
    const marks = [
      { messageId: fell.question.id, by: "editor-1", how: "dismissed" as const, faqId: null, at: at(20) },
      { messageId: asked.question.id, by: "editor-1", how: "added_to_faq" as const, faqId: "faq-card-apply", at: at(20) },
    ];
    expect(await s.unansweredQuestions.markHandled(marks)).toBe(2);
    expect(await s.unansweredQuestions.markHandled([{ ...marks[0]!, how: "new_faq", at: at(21) }])).toBe(0);
    expect(await s.unansweredQuestions.handledMarks([fell.question.id, asked.question.id, toAgent.id])).toEqual(expect.arrayContaining(marks));
    expect((await s.unansweredQuestions.unanswered({ since, limit: 100 })).map((q) => q.messageId)).not.toContain(fell.question.id);
    expect((await s.unansweredQuestions.unanswered({ since, limit: 100 })).map((q) => q.messageId)).not.toContain(asked.question.id);
  });

  it("counts each FAQ's answers, thumbs-down and the requests for a person right after them", async () => {
    const before = new Map((await s.unansweredQuestions.answerFeedback(since)).map((c) => [c.faqId, c]));
    const c = await conversation();
    const later = 50;
    const first = await c.turn("退休金怎么算", later, { decision: "faq", faqId: "faq-pension-calc", intent: "pension.calc", confidence: 0.9 });
    await s.feedback.set({ messageId: first.answer.id, conversationId: c.id, rating: "down", createdAt: at(later + 1) });
    // A typed request for a person after the answer: the bot's next message is the way to a person.
    await c.turn("我要人工", later + 2, { decision: "handoff", handoff: "explicit", intent: "pension.calc" });
    // Another answer of the same FAQ, then a question the bot answered, then a person: that person follows the other answer.
    await c.turn("养老金的计算公式", later + 3, { decision: "faq", faqId: "faq-pension-calc", intent: "pension.calc", confidence: 0.9 });
    await c.turn("灵活就业怎么交", later + 4, { decision: "faq", faqId: "faq-flexible", intent: "contribution.flexible", confidence: 0.9 });
    await c.turn("转人工", later + 5, { decision: "handoff_unavailable", handoff: "explicit" }, { decision: "handoff" });
    // An answer in the middle of an application counts as that FAQ's answer too.
    await c.turn("失业金能领多久", later + 6, { decision: "faq_in_flow", faqId: "faq-flexible", intent: "contribution.flexible" });

    const counts = new Map((await s.unansweredQuestions.answerFeedback(since)).map((x) => [x.faqId, x]));
    const delta = (faqId: string) => {
      const now = counts.get(faqId);
      const was = before.get(faqId) ?? { answers: 0, thumbsDown: 0, handoffs: 0 };
      return now && { answers: now.answers - was.answers, thumbsDown: now.thumbsDown - was.thumbsDown, handoffs: now.handoffs - was.handoffs };
    };
    expect(delta("faq-pension-calc")).toEqual({ answers: 2, thumbsDown: 1, handoffs: 1 });
    expect(delta("faq-flexible")).toEqual({ answers: 2, thumbsDown: 0, handoffs: 1 });
    // From the earlier test's conversations.
    expect(counts.get("faq-maternity-allowance")).toMatchObject({ answers: 2, thumbsDown: 1, handoffs: 0 });
    expect(counts.get("faq-pension-date")).toMatchObject({ answers: 1, thumbsDown: 0, handoffs: 1 });
    // Bounded by when the answers were given: those before `since` are not counted, nor what followed them.
    const recent = await s.unansweredQuestions.answerFeedback(at(later));
    expect(recent.map((x) => x.faqId).sort()).toEqual(["faq-flexible", "faq-pension-calc"]);
    expect(recent.find((x) => x.faqId === "faq-pension-calc")).toEqual({ faqId: "faq-pension-calc", answers: 2, thumbsDown: 1, handoffs: 1 });
  });

  it("knows which agents had a part in a conversation: its handoffs, or their own messages after a transfer", async () => {
    const c = await conversation();
    await s.handoffs.create(handoff(c.id, "agent-kept"));
    await c.say("agent", "您好", 32, { agentId: "agent-before-transfer", handoffId: "h" });
    expect(await s.unansweredQuestions.agentTookPart(c.id, "agent-kept")).toBe(true);
    expect(await s.unansweredQuestions.agentTookPart(c.id, "agent-before-transfer")).toBe(true);
    expect(await s.unansweredQuestions.agentTookPart(c.id, "agent-elsewhere")).toBe(false);
    expect(await s.unansweredQuestions.agentTookPart(randomUUID(), "agent-kept")).toBe(false);
  });

  it("reads every window through an index, never a scan of a table", () => {
    const db = new Database(file, { readonly: true });
    // Binds "x" to every parameter: EXPLAIN needs values, not meaningful ones.
    const planOf = (sql: string) => {
      const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const rows = sql.includes("@") ? statement.all({ conversationId: "x", agentId: "x" }) : statement.all(...Array((sql.match(/\?/g) ?? []).length).fill("x"));
      return (rows as { detail: string }[]).map((r) => r.detail).join("\n");
    };
    try {
      for (const [name, sql] of Object.entries(INBOX_SQL)) {
        // json_each is the list of ids given; every table is searched through a key or an index.
        expect(planOf(sql), name).not.toMatch(/\bSCAN (?!json_each|CONSTANT ROW)/);
      }
      // The windows start from the indexes the inbox's migration made.
      expect(planOf(INBOX_SQL.failedReplies)).toContain("messages_bot_decision");
      expect(planOf(INBOX_SQL.repliesBeforeAPerson)).toContain("messages_bot_decision");
      expect(planOf(INBOX_SQL.answers)).toContain("messages_bot_decision");
      expect(planOf(INBOX_SQL.answersBeforeAPerson)).toContain("messages_bot_decision");
      expect(planOf(INBOX_SQL.ratedDown)).toContain("feedback_rating");
      expect(planOf(INBOX_SQL.answersRatedDown)).toContain("feedback_rating");
      expect(planOf(INBOX_SQL.flagsSince)).toContain("inbox_flags_at");
    } finally {
      db.close();
    }
  });
});
