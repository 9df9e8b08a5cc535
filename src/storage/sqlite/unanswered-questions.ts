import type Database from "better-sqlite3";
import type {
  FaqAnswerCounts,
  HandledHow,
  HandledMark,
  InboxWindow,
  MessageMeta,
  QuestionFlag,
  UnansweredQuestion,
  UnansweredQuestionStore,
  UnansweredReason,
} from "../ports.js";
import { UNANSWERED_REASONS } from "../ports.js";
import type { Write } from "./staff-stores.js";

/** The bot's messages that were the way to a person (src/domain/decision.ts: HandoffDecision). */
const TO_A_PERSON = "('handoff', 'handoff_waiting', 'handoff_unavailable')";
/** An FAQ's answer: asked outright, or in the middle of a guided application. */
const FAQ_ANSWER = "('faq', 'faq_in_flow')";
/** Replies a question can be listed through: the bot answered, asked back, or could not help. */
const ANSWERED_OR_TRIED: ReadonlySet<string> = new Set(["faq", "faq_in_flow", "clarify", "fallback"]);

/** The bot message before `h` in its conversation: the answer the citizen's next turn reacted to. */
const BOT_MESSAGE_BEFORE = (h: string) =>
  `(SELECT x.id FROM messages x WHERE x.conversation_id = ${h}.conversation_id AND x.seq < ${h}.seq AND x.role = 'bot' ORDER BY x.seq DESC LIMIT 1)`;

/**
 * The reads, each starting from an index over a window of time (the migration that made
 * messages_bot_decision says which), never from a scan of the messages table; exported for the
 * test that asks SQLite for each one's plan.
 */
export const INBOX_SQL = {
  // Replies that fell back or asked back, newest first (messages_bot_decision).
  failedReplies: `SELECT r.meta AS reply FROM messages r
    WHERE r.role = 'bot' AND json_extract(r.meta, '$.decision') IN ('fallback', 'clarify') AND r.created_at >= ?
    ORDER BY r.created_at DESC LIMIT ?`,
  // The ways to a person, each with the bot message before it (messages_bot_decision, then the
  // conversation's (conversation_id, seq) key backwards to its previous bot message).
  repliesBeforeAPerson: `SELECT p.meta AS reply FROM messages h JOIN messages p ON p.id = ${BOT_MESSAGE_BEFORE("h")}
    WHERE h.role = 'bot' AND json_extract(h.meta, '$.decision') IN ${TO_A_PERSON} AND h.created_at >= ? AND p.created_at >= ?
    ORDER BY h.created_at DESC LIMIT ?`,
  // Replies rated down (feedback_rating).
  ratedDown: `SELECT b.meta AS reply FROM feedback f JOIN messages b ON b.id = f.message_id
    WHERE f.rating = 'down' AND f.created_at >= ? AND b.created_at >= ?
    ORDER BY f.created_at DESC LIMIT ?`,
  // Flags (inbox_flags_at).
  flagsSince: "SELECT * FROM inbox_flags WHERE flagged_at >= ? ORDER BY flagged_at DESC LIMIT ?",
  // The questions themselves, by id, and whether an editor handled them.
  questions: `SELECT m.id, m.conversation_id, m.seq, m.role, m.text, m.created_at, m.meta,
      EXISTS (SELECT 1 FROM inbox_handled h WHERE h.message_id = m.id) AS handled
    FROM messages m WHERE m.id IN (SELECT value FROM json_each(?))`,
  // The bot's next message after a question: its reply when it names it (replyTo).
  nextBotMessage: "SELECT meta FROM messages WHERE conversation_id = ? AND seq > ? AND role = 'bot' ORDER BY seq LIMIT 1",
  flagsOn: "SELECT * FROM inbox_flags WHERE message_id = ? ORDER BY flagged_at, agent_id",
  handledMarks: "SELECT * FROM inbox_handled WHERE message_id IN (SELECT value FROM json_each(?))",
  // Per FAQ: its answers (messages_bot_decision), those rated down (feedback_rating), and those
  // the next bot message after which was the way to a person (messages_bot_decision, then backwards).
  answers: `SELECT json_extract(meta, '$.faqId') AS faq_id, COUNT(*) AS n FROM messages
    WHERE role = 'bot' AND json_extract(meta, '$.decision') IN ${FAQ_ANSWER} AND created_at >= ?
    GROUP BY faq_id`,
  answersRatedDown: `SELECT json_extract(b.meta, '$.faqId') AS faq_id, COUNT(*) AS n FROM feedback f JOIN messages b ON b.id = f.message_id
    WHERE f.rating = 'down' AND f.created_at >= ? AND b.created_at >= ? AND json_extract(b.meta, '$.decision') IN ${FAQ_ANSWER}
    GROUP BY faq_id`,
  answersBeforeAPerson: `SELECT json_extract(p.meta, '$.faqId') AS faq_id, COUNT(*) AS n FROM messages h JOIN messages p ON p.id = ${BOT_MESSAGE_BEFORE("h")}
    WHERE h.role = 'bot' AND json_extract(h.meta, '$.decision') IN ${TO_A_PERSON} AND h.created_at >= ?
      AND p.created_at >= ? AND json_extract(p.meta, '$.decision') IN ${FAQ_ANSWER}
    GROUP BY faq_id`,
  // handoffs_conversation, then the conversation's messages by its key.
  tookPart: `SELECT EXISTS (SELECT 1 FROM handoffs WHERE conversation_id = @conversationId AND agent_id = @agentId)
      OR EXISTS (SELECT 1 FROM messages WHERE conversation_id = @conversationId AND role = 'agent' AND json_extract(meta, '$.agentId') = @agentId)`,
} as const;

interface QuestionRow {
  id: string;
  conversation_id: string;
  seq: number;
  role: string;
  text: string;
  created_at: string;
  meta: string;
  handled: number;
}

const parse = (meta: string | null): MessageMeta => (meta ? (JSON.parse(meta) as MessageMeta) : {});

/**
 * The intents a reply shows the bot guessed: its own, then those its buttons offered (a "did you
 * mean", a choice, related questions after a fallback). An FAQ answer's buttons are related FAQs,
 * not guesses, so only its own intent counts.
 */
function guessedIntents(reply: MessageMeta): string[] {
  const out: string[] = [];
  if (reply.intent && reply.intent !== "agent.request") out.push(reply.intent);
  if (reply.decision === "clarify" || reply.decision === "fallback") {
    for (const q of reply.quickReplies ?? []) if ("intent" in q.payload && !out.includes(q.payload.intent)) out.push(q.payload.intent);
  }
  return out;
}

/**
 * The inbox's reads and writes over `messages`, `feedback`, `handoffs` and its own two tables,
 * `inbox_flags` and `inbox_handled`.
 */
export function sqliteUnansweredQuestionStore(db: Database.Database, write: Write): UnansweredQuestionStore {
  const q = {
    failedReplies: db.prepare(INBOX_SQL.failedReplies),
    repliesBeforeAPerson: db.prepare(INBOX_SQL.repliesBeforeAPerson),
    ratedDown: db.prepare(INBOX_SQL.ratedDown),
    flagsSince: db.prepare(INBOX_SQL.flagsSince),
    questions: db.prepare(INBOX_SQL.questions),
    nextBotMessage: db.prepare(INBOX_SQL.nextBotMessage).pluck(),
    findFlag: db.prepare("SELECT 1 FROM inbox_flags WHERE message_id = ? AND agent_id = ?").pluck(),
    upsertFlag: db.prepare(
      `INSERT INTO inbox_flags (message_id, agent_id, note, flagged_at) VALUES (@messageId, @agentId, @note, @at)
       ON CONFLICT (message_id, agent_id) DO UPDATE SET note = excluded.note, flagged_at = excluded.flagged_at`,
    ),
    flagsOn: db.prepare(INBOX_SQL.flagsOn),
    markHandled: db.prepare(
      "INSERT OR IGNORE INTO inbox_handled (message_id, handled_by, how, faq_id, handled_at) VALUES (@messageId, @by, @how, @faqId, @at)",
    ),
    handledMarks: db.prepare(INBOX_SQL.handledMarks),
    answers: db.prepare(INBOX_SQL.answers),
    answersRatedDown: db.prepare(INBOX_SQL.answersRatedDown),
    answersBeforeAPerson: db.prepare(INBOX_SQL.answersBeforeAPerson),
    tookPart: db.prepare(INBOX_SQL.tookPart).pluck(),
  };

  const toFlag = (r: Record<string, unknown>): QuestionFlag => ({
    messageId: r.message_id as string,
    agentId: r.agent_id as string,
    note: r.note as string,
    at: r.flagged_at as string,
  });
  const toMark = (r: Record<string, unknown>): HandledMark => ({
    messageId: r.message_id as string,
    by: r.handled_by as string,
    how: r.how as HandledHow,
    faqId: (r.faq_id as string | null) ?? null,
    at: r.handled_at as string,
  });

  return {
    async unanswered({ since, limit }: InboxWindow) {
      // Why each question is here, and the reply that shows what the bot guessed.
      const found = new Map<string, { reasons: Set<UnansweredReason>; reply?: MessageMeta; notes: string[] }>();
      const note = (messageId: string | undefined, reason: UnansweredReason, reply?: MessageMeta) => {
        if (!messageId) return;
        const entry = found.get(messageId) ?? { reasons: new Set<UnansweredReason>(), notes: [] };
        found.set(messageId, entry);
        entry.reasons.add(reason);
        if (reply && !entry.reply) entry.reply = reply;
        return entry;
      };
      for (const { reply } of q.failedReplies.all(since, limit) as { reply: string }[]) {
        const meta = parse(reply);
        note(meta.replyTo, meta.decision === "clarify" ? "clarify" : "fallback", meta);
      }
      for (const { reply } of q.repliesBeforeAPerson.all(since, since, limit) as { reply: string }[]) {
        const meta = parse(reply);
        if (meta.decision && ANSWERED_OR_TRIED.has(meta.decision)) note(meta.replyTo, "handoff", meta);
      }
      for (const { reply } of q.ratedDown.all(since, since, limit) as { reply: string }[]) {
        const meta = parse(reply);
        note(meta.replyTo, "thumbs_down", meta);
      }
      const flagged = new Set<string>();
      for (const flag of (q.flagsSince.all(since, limit) as Record<string, unknown>[]).map(toFlag).reverse()) {
        note(flag.messageId, "flagged")?.notes.push(flag.note);
        flagged.add(flag.messageId);
      }
      const rows = q.questions.all(JSON.stringify([...found.keys()])) as QuestionRow[];
      const questions: UnansweredQuestion[] = [];
      for (const row of rows) {
        const entry = found.get(row.id);
        if (!entry || row.handled || row.role !== "citizen" || row.created_at < since) continue;
        const own = parse(row.meta);
        // A pressed button's text is its label: the question behind it was typed before. An agent
        // flags what they saw, typed or not.
        if ((own.decision || own.intent) && !flagged.has(row.id)) continue;
        let reply = entry.reply;
        if (!reply) {
          const next = parse((q.nextBotMessage.get(row.conversation_id, row.seq) as string | undefined) ?? null);
          if (next.replyTo === row.id) reply = next;
        }
        questions.push({
          messageId: row.id,
          text: row.text,
          createdAt: row.created_at,
          reasons: UNANSWERED_REASONS.filter((r) => entry.reasons.has(r)),
          intents: reply ? guessedIntents(reply) : [],
          confidence: typeof reply?.confidence === "number" ? reply.confidence : null,
          notes: entry.notes.filter((n) => n !== ""),
        });
      }
      questions.sort((a, b) => (a.createdAt === b.createdAt ? (a.messageId < b.messageId ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
      return questions.slice(0, limit);
    },

    flag(flag: QuestionFlag) {
      return write(() => {
        const existed = q.findFlag.get(flag.messageId, flag.agentId) !== undefined;
        q.upsertFlag.run(flag);
        return !existed;
      });
    },

    async flagsOn(messageId: string) {
      return (q.flagsOn.all(messageId) as Record<string, unknown>[]).map(toFlag);
    },

    markHandled(marks: readonly HandledMark[]) {
      return write(() => marks.reduce((n, mark) => n + q.markHandled.run(mark).changes, 0));
    },

    async handledMarks(messageIds: readonly string[]) {
      return (q.handledMarks.all(JSON.stringify(messageIds)) as Record<string, unknown>[]).map(toMark);
    },

    async answerFeedback(since: string) {
      const byFaq = new Map<string, FaqAnswerCounts>();
      const add = (rows: { faq_id: string | null; n: number }[], field: "answers" | "thumbsDown" | "handoffs") => {
        for (const { faq_id, n } of rows) {
          if (!faq_id) continue;
          const counts = byFaq.get(faq_id) ?? { faqId: faq_id, answers: 0, thumbsDown: 0, handoffs: 0 };
          byFaq.set(faq_id, counts);
          counts[field] += n;
        }
      };
      add(q.answers.all(since) as { faq_id: string | null; n: number }[], "answers");
      add(q.answersRatedDown.all(since, since) as { faq_id: string | null; n: number }[], "thumbsDown");
      add(q.answersBeforeAPerson.all(since, since) as { faq_id: string | null; n: number }[], "handoffs");
      return [...byFaq.values()].filter((c) => c.answers > 0).sort((a, b) => (a.faqId < b.faqId ? -1 : 1));
    },

    async agentTookPart(conversationId: string, agentId: string) {
      return q.tookPart.get({ conversationId, agentId }) === 1;
    },
  };
}
