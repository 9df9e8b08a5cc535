import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageRole } from "../../../src/domain/message.js";
import type { HandoffRecord, MessageMeta, MessageRecord, Storage } from "../../../src/storage/ports.js";

/** The stores the inbox contract writes through (to seed) and reads. */
export type InboxContractStorage = Pick<
  Storage,
  "conversations" | "messages" | "feedback" | "handoffs" | "unansweredQuestions"
>;

/**
 * The editors' inbox (UnansweredQuestionStore) as every adapter must show it; run against each.
 * One storage for the whole suite: the second scenario counts what the first one wrote.
 */
export function inboxContract(
  name: string,
  open: () => Promise<{ storage: InboxContractStorage; dispose(): Promise<void> }>,
) {
  describe(`inbox contract: ${name}`, () => {
    let ctx: Awaited<ReturnType<typeof open>>;
    let s: InboxContractStorage;
    beforeAll(async () => {
      ctx = await open();
      s = ctx.storage;
    });
    afterAll(async () => {
      await ctx?.dispose();
    });

    /** Minute `m` after 08:00 on 1 March 2026. */
    const at = (m: number) => new Date(Date.UTC(2026, 2, 1, 8, m)).toISOString();
    const since = at(0);

    /** A conversation written turn by turn, as the transcript writes it (replies name their question). */
    async function conversation() {
      const id = randomUUID();
      await s.conversations.create({
        id,
        channel: "web",
        key: id,
        locale: "zh",
        createdAt: at(0),
        updatedAt: at(0),
      });
      const say = (
        role: MessageRole,
        text: string,
        minute: number,
        meta: MessageMeta = {},
      ): Promise<MessageRecord> =>
        s.messages.append({
          id: randomUUID(),
          conversationId: id,
          role,
          text,
          textSealed: null,
          clientId: role === "citizen" ? randomUUID() : null,
          createdAt: at(minute),
          meta,
        });
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
      // Answered, fine: not listed.
      await a.turn("社保卡丢了怎么办", 4, {
        decision: "faq",
        faqId: "faq-card-lost",
        intent: "card.lost",
        confidence: 0.93,
      });
      // Answered, then the next turn asked for a person (a pressed "agent" button).
      const thenPerson = await a.turn("养老金什么时候到账", 5, {
        decision: "faq",
        faqId: "faq-pension-date",
        intent: "pension.payment",
        confidence: 0.8,
      });
      await a.turn(
        "转人工",
        6,
        { decision: "handoff_waiting", handoff: "explicit", intent: "pension.payment" },
        { decision: "handoff" },
      );

      const b = await conversation();
      // Answered and rated down.
      const down = await b.turn("生育津贴多久到账", 7, {
        decision: "faq",
        faqId: "faq-maternity-allowance",
        intent: "maternity.allowance",
        confidence: 0.7,
      });
      await s.feedback.set({
        messageId: down.answer.id,
        conversationId: b.id,
        rating: "down",
        createdAt: at(8),
      });
      const up = await b.turn("生育津贴怎么领", 9, {
        decision: "faq",
        faqId: "faq-maternity-allowance",
        intent: "maternity.allowance",
        confidence: 0.95,
      });
      await s.feedback.set({ messageId: up.answer.id, conversationId: b.id, rating: "up", createdAt: at(9) });
      // A button pressed from a choice is not a question, even when its answer is rated down.
      const pressed = await b.turn(
        "补卡",
        10,
        { decision: "faq", faqId: "faq-card-replace", intent: "card.replace", confidence: 1 },
        { intent: "card.replace" },
      );
      await s.feedback.set({
        messageId: pressed.answer.id,
        conversationId: b.id,
        rating: "down",
        createdAt: at(10),
      });
      // Words to an agent (no bot reply), flagged by the agent who had the chat.
      const toAgent = await b.say("citizen", "电子社保卡在微信里怎么解绑，手机号138****5678", 11);
      const inbox = s.unansweredQuestions;
      expect(
        await inbox.flag({ messageId: toAgent.id, agentId: "agent-1", note: "常有人问", at: at(12) }),
      ).toBe(true);
      expect(
        await inbox.flag({
          messageId: toAgent.id,
          agentId: "agent-1",
          note: "常有人问，机器人应该会答",
          at: at(13),
        }),
      ).toBe(false);
      expect(await inbox.flag({ messageId: toAgent.id, agentId: "agent-2", note: "", at: at(14) })).toBe(
        true,
      );

      const listed = await inbox.unanswered({ since, limit: 100 });
      expect(listed.map((q) => q.text)).toEqual([
        "电子社保卡在微信里怎么解绑，手机号138****5678",
        "生育津贴多久到账",
        "养老金什么时候到账",
        "卡的照片被退回了",
        "我家猫不吃饭",
      ]);
      const byId = new Map(listed.map((q) => [q.messageId, q]));
      expect(byId.get(fell.question.id)).toEqual({
        messageId: fell.question.id,
        text: "我家猫不吃饭",
        createdAt: at(1),
        reasons: ["fallback"],
        intents: ["pension.payment"],
        confidence: 0.12,
        notes: [],
      });
      expect(byId.get(asked.question.id)).toMatchObject({
        reasons: ["clarify"],
        intents: ["card.replace", "card.apply"],
        confidence: 0.41,
      });
      expect(byId.get(thenPerson.question.id)).toMatchObject({
        reasons: ["handoff"],
        intents: ["pension.payment"],
        confidence: 0.8,
      });
      expect(byId.get(down.question.id)).toMatchObject({
        reasons: ["thumbs_down"],
        intents: ["maternity.allowance"],
      });
      expect(byId.get(toAgent.id)).toMatchObject({
        reasons: ["flagged"],
        intents: [],
        confidence: null,
        notes: ["常有人问，机器人应该会答"],
      });
      expect(await inbox.flagsOn(toAgent.id)).toEqual([
        { messageId: toAgent.id, agentId: "agent-1", note: "常有人问，机器人应该会答", at: at(13) },
        { messageId: toAgent.id, agentId: "agent-2", note: "", at: at(14) },
      ]);
      expect(await inbox.flagsOn(randomUUID())).toEqual([]);

      // Bounded: by the time asked, and by the number of questions (newest kept).
      expect((await inbox.unanswered({ since: at(5), limit: 100 })).map((q) => q.text)).toEqual([
        "电子社保卡在微信里怎么解绑，手机号138****5678",
        "生育津贴多久到账",
        "养老金什么时候到账",
      ]);
      expect((await inbox.unanswered({ since, limit: 2 })).map((q) => q.text)).toEqual([
        "电子社保卡在微信里怎么解绑，手机号138****5678",
        "生育津贴多久到账",
      ]);
      expect(await inbox.unanswered({ since: at(1000), limit: 100 })).toEqual([]);

      // Handled questions leave the inbox for good; a second mark keeps the first.
      const marks = [
        { messageId: fell.question.id, by: "editor-1", how: "dismissed" as const, faqId: null, at: at(20) },
        {
          messageId: asked.question.id,
          by: "editor-1",
          how: "added_to_faq" as const,
          faqId: "faq-card-apply",
          at: at(20),
        },
      ];
      expect(await inbox.markHandled(marks)).toBe(2);
      expect(await inbox.markHandled([{ ...marks[0]!, how: "new_faq", at: at(21) }])).toBe(0);
      expect(await inbox.markHandled([])).toBe(0);
      const marked = await inbox.handledMarks([fell.question.id, asked.question.id, toAgent.id]);
      expect(marked).toHaveLength(2);
      expect(marked).toEqual(expect.arrayContaining(marks));
      expect(await inbox.handledMarks([])).toEqual([]);
      const after = (await inbox.unanswered({ since, limit: 100 })).map((q) => q.messageId);
      expect(after).not.toContain(fell.question.id);
      expect(after).not.toContain(asked.question.id);
      expect(after).toContain(toAgent.id);
    });

    it("counts one mark of a question given twice in one call", async () => {
      const c = await conversation();
      const q = await c.say("citizen", "医保怎么转移", 15);
      const mark = {
        messageId: q.id,
        by: "editor-2",
        how: "new_faq" as const,
        faqId: "faq-medical-transfer",
        at: at(16),
      };
      expect(
        await s.unansweredQuestions.markHandled([
          mark,
          { ...mark, by: "editor-3", how: "dismissed", faqId: null },
        ]),
      ).toBe(1);
      expect(await s.unansweredQuestions.handledMarks([q.id])).toEqual([mark]);
    });

    it("keeps one flag per agent and one mark per question when they come at once", async () => {
      const c = await conversation();
      const q = await c.say("citizen", "工伤怎么认定", 17);
      const inbox = s.unansweredQuestions;
      const firsts = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          inbox.flag({ messageId: q.id, agentId: "agent-5", note: `第${i}次`, at: at(18) }),
        ),
      );
      expect(firsts.filter(Boolean)).toHaveLength(1);
      expect(await inbox.flagsOn(q.id)).toHaveLength(1);
      const newly = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          inbox.markHandled([
            { messageId: q.id, by: `editor-${i}`, how: "dismissed", faqId: null, at: at(19) },
          ]),
        ),
      );
      expect(newly.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await inbox.handledMarks([q.id])).toHaveLength(1);
    });

    it("counts each FAQ's answers, thumbs-down and the requests for a person right after them", async () => {
      const before = new Map((await s.unansweredQuestions.answerFeedback(since)).map((c) => [c.faqId, c]));
      const c = await conversation();
      const later = 50;
      const first = await c.turn("退休金怎么算", later, {
        decision: "faq",
        faqId: "faq-pension-calc",
        intent: "pension.calc",
        confidence: 0.9,
      });
      await s.feedback.set({
        messageId: first.answer.id,
        conversationId: c.id,
        rating: "down",
        createdAt: at(later + 1),
      });
      // A typed request for a person after the answer: the bot's next message is the way to a person.
      await c.turn("我要人工", later + 2, {
        decision: "handoff",
        handoff: "explicit",
        intent: "pension.calc",
      });
      // Another answer of the same FAQ, then a question the bot answered, then a person: that person follows the other answer.
      await c.turn("养老金的计算公式", later + 3, {
        decision: "faq",
        faqId: "faq-pension-calc",
        intent: "pension.calc",
        confidence: 0.9,
      });
      await c.turn("灵活就业怎么交", later + 4, {
        decision: "faq",
        faqId: "faq-flexible",
        intent: "contribution.flexible",
        confidence: 0.9,
      });
      await c.turn(
        "转人工",
        later + 5,
        { decision: "handoff_unavailable", handoff: "explicit" },
        { decision: "handoff" },
      );
      // An answer in the middle of an application counts as that FAQ's answer too.
      await c.turn("失业金能领多久", later + 6, {
        decision: "faq_in_flow",
        faqId: "faq-flexible",
        intent: "contribution.flexible",
      });

      const counts = new Map((await s.unansweredQuestions.answerFeedback(since)).map((x) => [x.faqId, x]));
      const delta = (faqId: string) => {
        const now = counts.get(faqId);
        const was = before.get(faqId) ?? { answers: 0, thumbsDown: 0, handoffs: 0 };
        return (
          now && {
            answers: now.answers - was.answers,
            thumbsDown: now.thumbsDown - was.thumbsDown,
            handoffs: now.handoffs - was.handoffs,
          }
        );
      };
      expect(delta("faq-pension-calc")).toEqual({ answers: 2, thumbsDown: 1, handoffs: 1 });
      expect(delta("faq-flexible")).toEqual({ answers: 2, thumbsDown: 0, handoffs: 1 });
      // From the first scenario's conversations.
      expect(counts.get("faq-maternity-allowance")).toMatchObject({ answers: 2, thumbsDown: 1, handoffs: 0 });
      expect(counts.get("faq-pension-date")).toMatchObject({ answers: 1, thumbsDown: 0, handoffs: 1 });
      // Sorted by FAQ id.
      const ids = [...counts.keys()];
      expect(ids).toEqual([...ids].sort());
      // Bounded by when the answers were given: those before `since` are not counted, nor what followed them.
      const recent = await s.unansweredQuestions.answerFeedback(at(later));
      expect(recent.map((x) => x.faqId).sort()).toEqual(["faq-flexible", "faq-pension-calc"]);
      expect(recent.find((x) => x.faqId === "faq-pension-calc")).toEqual({
        faqId: "faq-pension-calc",
        answers: 2,
        thumbsDown: 1,
        handoffs: 1,
      });
      expect(await s.unansweredQuestions.answerFeedback(at(1000))).toEqual([]);
    });

    it("finds the answer before a request for a person however many messages lie between, and only inside the window", async () => {
      const c = await conversation();
      const start = 100;
      const answered = await c.turn("异地就医怎么备案", start, {
        decision: "faq",
        faqId: "faq-far-back",
        intent: "medical.remote",
        confidence: 0.6,
      });
      // A long exchange with no bot message in it (an agent's chat), then the way to a person.
      for (let i = 1; i <= 12; i++)
        await c.say(i % 2 ? "citizen" : "agent", `第${i}句`, start + 1, i % 2 ? {} : { agentId: "agent-3" });
      await c.turn("还是要人工", start + 2, { decision: "handoff", handoff: "explicit" });

      expect(await s.unansweredQuestions.answerFeedback(at(start))).toEqual([
        { faqId: "faq-far-back", answers: 1, thumbsDown: 0, handoffs: 1 },
      ]);
      expect(await s.unansweredQuestions.unanswered({ since: at(start), limit: 10 })).toEqual([
        {
          messageId: answered.question.id,
          text: "异地就医怎么备案",
          createdAt: at(start),
          reasons: ["handoff"],
          intents: ["medical.remote"],
          confidence: 0.6,
          notes: [],
        },
      ]);
      // The answer is older than the window: neither its handoff nor its question is counted.
      expect(await s.unansweredQuestions.answerFeedback(at(start + 1))).toEqual([]);
      expect(await s.unansweredQuestions.unanswered({ since: at(start + 1), limit: 10 })).toEqual([]);
    });

    it("lists a flagged button press (the agent saw it), with the reply's guesses", async () => {
      const c = await conversation();
      const start = 200;
      const pressed = await c.turn(
        "补卡",
        start,
        {
          decision: "clarify",
          confidence: 0.5,
          quickReplies: [{ label: "补卡进度", payload: { intent: "card.progress" } }],
        },
        { intent: "card.replace" },
      );
      // Asked back on a pressed button: not a question by itself.
      expect(await s.unansweredQuestions.unanswered({ since: at(start), limit: 10 })).toEqual([]);
      await s.unansweredQuestions.flag({
        messageId: pressed.question.id,
        agentId: "agent-4",
        note: "按钮不对",
        at: at(start + 1),
      });
      expect(await s.unansweredQuestions.unanswered({ since: at(start), limit: 10 })).toEqual([
        {
          messageId: pressed.question.id,
          text: "补卡",
          createdAt: at(start),
          reasons: ["clarify", "flagged"],
          intents: ["card.progress"],
          confidence: 0.5,
          notes: ["按钮不对"],
        },
      ]);
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
  });
}
