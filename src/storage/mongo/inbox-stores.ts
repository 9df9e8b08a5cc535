// Long because MongoDB without $lookup (FerretDB has none) joins in code: each reason's read, its bounded follow-up reads by id, and the per-FAQ tally are spelled out here, mirroring sqlite/unanswered-questions.ts query for query.
import { type Collection, type Connection, type Model, Schema } from "mongoose";
import type {
  FaqAnswerCounts,
  HandledMark,
  InboxWindow,
  MessageMeta,
  QuestionFlag,
  Storage,
  UnansweredQuestion,
  UnansweredQuestionStore,
  UnansweredReason,
} from "../ports.js";
import { HANDLED_HOW, UNANSWERED_REASONS } from "../ports.js";
import { isDuplicateKey } from "./connection.js";
import { CONVERSATION_COLLECTIONS } from "./conversation-stores.js";

// The editors' inbox in MongoDB, behaving as src/storage/sqlite/unanswered-questions.ts. It reads
// collections other stores write (`messages` and `feedback`: conversation-stores.ts, which names
// them in CONVERSATION_COLLECTIONS; `handoffs`: handoff-stores.ts) and owns two: `inboxFlags` and
// `inboxHandled`. No $lookup (FerretDB has none) and no transaction: every join is done here, from
// reads bounded by a limit or by a list of ids (`$in`), CHUNK documents at a time.

/** The bot's messages that were the way to a person (src/domain/decision.ts: HandoffDecision). */
const TO_A_PERSON = ["handoff", "handoff_waiting", "handoff_unavailable"];
/** An FAQ's answer: asked outright, or in the middle of a guided application. */
const FAQ_ANSWER = ["faq", "faq_in_flow"];
/** Replies that list their question as it is: the bot fell back or asked back. */
const FAILED = ["fallback", "clarify"];
/** Replies a question can be listed through: the bot answered, asked back, or could not help. */
const ANSWERED_OR_TRIED: ReadonlySet<string> = new Set(["faq", "faq_in_flow", "clarify", "fallback"]);
/** How many documents a join reads per round trip (its `$in` list, its `$or` branches). */
const CHUNK = 200;
/**
 * How far back (in seq) one batched read looks for the bot message before a given one; a bot
 * message further back (a long agent chat in between) is found by a read of its own.
 */
const LOOK_BACK = 8;

/** A message as conversation-stores.ts keeps it (`_id` = its id); the fields the inbox reads. */
interface MessageDoc {
  _id: string;
  conversationId: string;
  seq: number;
  role: string;
  text: string;
  createdAt: string;
  meta?: MessageMeta | null;
}
/** A rating as conversation-stores.ts keeps it (one per message, `_id` = the message's id). */
interface FeedbackDoc {
  _id: string;
  conversationId: string;
  rating: "up" | "down";
  createdAt: string;
}
/** A handoff as handoff-stores.ts keeps it; the fields the inbox reads. */
interface HandoffDoc {
  _id: string;
  conversationId: string;
  agentId: string | null;
}

/** An agent's flag: one per message and agent (inbox_flags_message_agent). */
interface FlagDoc {
  messageId: string;
  agentId: string;
  note: string;
  at: string;
}
/** An editor's mark on a question, `_id` = the message's id: one per question. */
interface HandledDoc {
  _id: string;
  by: string;
  how: HandledMark["how"];
  faqId: string | null;
  at: string;
}

const flagSchema = new Schema<FlagDoc>(
  {
    messageId: { type: String, required: true },
    agentId: { type: String, required: true },
    // "" when the agent wrote nothing (so not `required`, which refuses "").
    note: { type: String, default: "" },
    at: { type: String, required: true },
  },
  { versionKey: false },
);
// flag (one per message and agent: a second is an update) and flagsOn (by message).
flagSchema.index({ messageId: 1, agentId: 1 }, { unique: true, name: "inbox_flags_message_agent" });
// unanswered: the flags of a window, newest first.
flagSchema.index({ at: -1 }, { name: "inbox_flags_at" });

const handledSchema = new Schema<HandledDoc>(
  {
    _id: { type: String, required: true },
    by: { type: String, required: true },
    how: { type: String, required: true, enum: HANDLED_HOW },
    faqId: { type: String, default: null },
    at: { type: String, required: true },
  },
  { versionKey: false },
);
// handledMarks and unanswered read marks by message id: the `_id` index, nothing more.

/**
 * The indexes the inbox's reads need on collections other stores own, created at start by
 * mongoInboxStores (named `inbox_*` so they clash with none of the owners'). Compound, not partial:
 * FerretDB 1.24 refuses `partialFilterExpression`.
 */
export const INBOX_FOREIGN_INDEXES = [
  // The bot's replies of a few decisions since a date (fell back, asked back, the way to a person,
  // an FAQ answer): SQLite's messages_bot_decision.
  {
    collection: CONVERSATION_COLLECTIONS.messages,
    key: { role: 1, "meta.decision": 1, createdAt: -1 },
    name: "inbox_messages_bot_decision",
  },
  // The thumbs-down of a window: SQLite's feedback_rating.
  {
    collection: CONVERSATION_COLLECTIONS.feedback,
    key: { rating: 1, createdAt: -1 },
    name: "inbox_feedback_rating",
  },
  // agentTookPart: the conversation's handoffs assigned to an agent (SQLite's handoffs_conversation).
  {
    collection: "handoffs",
    key: { conversationId: 1, agentId: 1 },
    name: "inbox_handoffs_conversation_agent",
  },
] as const;

/** A model on this connection, defined once even if the stores are made again on it. */
function modelOn<T>(conn: Connection, name: string, schema: Schema<T>, collection: string): Model<T> {
  return (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema, collection);
}

/** The documents of a cursor, `size` at a time. */
async function* inChunks<T>(cursor: AsyncIterable<T>, size = CHUNK): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of cursor) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * The intents a reply shows the bot guessed: its own, then those its buttons offered (a "did you
 * mean", a choice, related questions after a fallback). An FAQ answer's buttons are related FAQs,
 * not guesses, so only its own intent counts.
 */
function guessedIntents(reply: MessageMeta): string[] {
  const out: string[] = [];
  if (reply.intent && reply.intent !== "agent.request") out.push(reply.intent);
  if (reply.decision === "clarify" || reply.decision === "fallback") {
    for (const q of reply.quickReplies ?? []) {
      if ("intent" in q.payload && !out.includes(q.payload.intent)) out.push(q.payload.intent);
    }
  }
  return out;
}

type Step = Pick<MessageDoc, "_id" | "conversationId" | "seq" | "createdAt">;
type Reply = Pick<MessageDoc, "_id" | "conversationId" | "seq" | "createdAt" | "meta">;
const STEP = { _id: 1, conversationId: 1, seq: 1, createdAt: 1 } as const;
const REPLY = { ...STEP, meta: 1 } as const;

/**
 * Reads the bot's messages of these decisions created at or after `since`, newest first
 * (inbox_messages_bot_decision); returns a cursor of their keys and meta.
 */
function botMessagesSince(messages: Collection<MessageDoc>, decisions: readonly string[], since: string) {
  return messages
    .find(
      { role: "bot", "meta.decision": { $in: [...decisions] }, createdAt: { $gte: since } },
      { projection: REPLY },
    )
    .sort({ createdAt: -1 })
    .batchSize(CHUNK);
}

/**
 * Reads, for each message given, the bot message before it in its conversation (the answer the
 * citizen's next turn reacted to): one read of the last LOOK_BACK seqs before each (an `$or` over
 * the conversation's seq key), then one read each for those whose bot message is further back.
 * Returns them by the given message's id; a message with no bot message before it is absent.
 */
async function botMessagesBefore(
  messages: Collection<MessageDoc>,
  after: readonly Step[],
): Promise<Map<string, Reply>> {
  const found = new Map<string, Reply>();
  if (after.length === 0) return found;
  const near = await messages
    .find(
      {
        role: "bot",
        $or: after.map((h) => ({
          conversationId: h.conversationId,
          seq: { $gte: h.seq - LOOK_BACK, $lt: h.seq },
        })),
      },
      { projection: REPLY },
    )
    .toArray();
  const byConversation = new Map<string, Reply[]>();
  for (const m of near)
    byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m]);
  const farther: Step[] = [];
  for (const h of after) {
    let best: Reply | undefined;
    for (const m of byConversation.get(h.conversationId) ?? []) {
      if (m.seq < h.seq && m.seq >= h.seq - LOOK_BACK && (!best || m.seq > best.seq)) best = m;
    }
    if (best) found.set(h._id, best);
    else if (h.seq - LOOK_BACK > 1) farther.push(h);
  }
  await Promise.all(
    farther.map(async (h) => {
      const m = await messages.findOne(
        { conversationId: h.conversationId, role: "bot", seq: { $lt: h.seq - LOOK_BACK } },
        { projection: REPLY, sort: { seq: -1 } },
      );
      if (m) found.set(h._id, m);
    }),
  );
  return found;
}

/**
 * Reads the ways to a person given since `since`, newest first, each with the bot message before
 * it when that one was given since `since` too; returns those bot messages (the replies the
 * citizens reacted to by asking for a person), at most `limit` (SQLite: repliesBeforeAPerson).
 */
async function repliesBeforeAPerson(
  messages: Collection<MessageDoc>,
  since: string,
  limit: number,
): Promise<Reply[]> {
  const out: Reply[] = [];
  for await (const chunk of inChunks(botMessagesSince(messages, TO_A_PERSON, since))) {
    const before = await botMessagesBefore(messages, chunk);
    for (const h of chunk) {
      const p = before.get(h._id);
      if (p && p.createdAt >= since) out.push(p);
      if (out.length === limit) return out;
    }
  }
  return out;
}

/**
 * Reads the thumbs-down given since `since`, newest first (inbox_feedback_rating), and the bot
 * messages they rate when those were given since `since` too (by id); returns those messages, at
 * most `limit` (SQLite: ratedDown).
 */
async function ratedDown(
  messages: Collection<MessageDoc>,
  feedback: Collection<FeedbackDoc>,
  since: string,
  limit: number,
): Promise<Reply[]> {
  const out: Reply[] = [];
  const downs = feedback
    .find({ rating: "down", createdAt: { $gte: since } }, { projection: { _id: 1 } })
    .sort({ createdAt: -1 })
    .batchSize(CHUNK);
  for await (const chunk of inChunks(downs)) {
    const rated = await messages
      .find({ _id: { $in: chunk.map((f) => f._id) }, createdAt: { $gte: since } }, { projection: REPLY })
      .toArray();
    const byId = new Map(rated.map((m) => [m._id, m]));
    for (const f of chunk) {
      const m = byId.get(f._id);
      if (m) out.push(m);
      if (out.length === limit) return out;
    }
  }
  return out;
}

/** Reads the bot's next message after a question in its conversation; returns its meta, {} if none. */
async function nextBotMeta(messages: Collection<MessageDoc>, question: Step): Promise<MessageMeta> {
  const next = await messages.findOne(
    { conversationId: question.conversationId, role: "bot", seq: { $gt: question.seq } },
    { projection: { meta: 1 }, sort: { seq: 1 } },
  );
  return next?.meta ?? {};
}

/**
 * Counts per FAQ the answers given since `since` (an aggregation over inbox_messages_bot_decision:
 * `$match` and `$group` with `$sum`, which FerretDB has); returns [faqId, count] pairs.
 */
async function answersPerFaq(messages: Collection<MessageDoc>, since: string): Promise<[string, number][]> {
  const rows = await messages
    .aggregate<{ _id: string | null; n: number }>([
      { $match: { role: "bot", "meta.decision": { $in: FAQ_ANSWER }, createdAt: { $gte: since } } },
      { $group: { _id: "$meta.faqId", n: { $sum: 1 } } },
    ])
    .toArray();
  return rows
    .filter((r): r is { _id: string; n: number } => typeof r._id === "string")
    .map((r) => [r._id, r.n]);
}

/**
 * Counts per FAQ the answers given since `since` that were rated down since `since`: the window's
 * thumbs-down (inbox_feedback_rating), then their messages by id, CHUNK at a time.
 */
async function answersRatedDownPerFaq(
  messages: Collection<MessageDoc>,
  feedback: Collection<FeedbackDoc>,
  since: string,
): Promise<[string, number][]> {
  const counts = new Map<string, number>();
  const downs = feedback
    .find({ rating: "down", createdAt: { $gte: since } }, { projection: { _id: 1 } })
    .batchSize(CHUNK);
  for await (const chunk of inChunks(downs)) {
    const answers = messages.find(
      {
        _id: { $in: chunk.map((f) => f._id) },
        createdAt: { $gte: since },
        "meta.decision": { $in: FAQ_ANSWER },
      },
      { projection: { meta: 1 } },
    );
    for await (const m of answers) {
      if (m.meta?.faqId) counts.set(m.meta.faqId, (counts.get(m.meta.faqId) ?? 0) + 1);
    }
  }
  return [...counts];
}

/**
 * Counts per FAQ the answers given since `since` right after which the citizen asked for a person:
 * the window's ways to a person (inbox_messages_bot_decision), each with the bot message before it.
 */
async function answersBeforeAPersonPerFaq(
  messages: Collection<MessageDoc>,
  since: string,
): Promise<[string, number][]> {
  const counts = new Map<string, number>();
  for await (const chunk of inChunks(botMessagesSince(messages, TO_A_PERSON, since))) {
    for (const p of (await botMessagesBefore(messages, chunk)).values()) {
      const faqId = p.meta?.faqId;
      if (p.createdAt >= since && p.meta?.decision && FAQ_ANSWER.includes(p.meta.decision) && faqId) {
        counts.set(faqId, (counts.get(faqId) ?? 0) + 1);
      }
    }
  }
  return [...counts];
}

function inboxStore(
  messages: Collection<MessageDoc>,
  feedback: Collection<FeedbackDoc>,
  handoffs: Collection<HandoffDoc>,
  flags: Model<FlagDoc>,
  handled: Model<HandledDoc>,
): UnansweredQuestionStore {
  const toFlag = (d: FlagDoc): QuestionFlag => ({
    messageId: d.messageId,
    agentId: d.agentId,
    note: d.note ?? "",
    at: d.at,
  });
  // FerretDB 1.24 leaves out a null set by $setOnInsert: a missing faqId is null.
  const toMark = (d: HandledDoc): HandledMark => ({
    messageId: d._id,
    by: d.by,
    how: d.how,
    faqId: d.faqId ?? null,
    at: d.at,
  });

  return {
    async unanswered({ since, limit }: InboxWindow) {
      if (limit <= 0) return [];
      // Why each question is here, and the reply that shows what the bot guessed.
      const found = new Map<
        string,
        { reasons: Set<UnansweredReason>; reply?: MessageMeta; notes: string[] }
      >();
      const note = (messageId: string | undefined, reason: UnansweredReason, reply?: MessageMeta) => {
        if (!messageId) return;
        const entry = found.get(messageId) ?? { reasons: new Set<UnansweredReason>(), notes: [] };
        found.set(messageId, entry);
        entry.reasons.add(reason);
        if (reply && !entry.reply) entry.reply = reply;
        return entry;
      };
      const [failed, beforeAPerson, down, recentFlags] = await Promise.all([
        botMessagesSince(messages, FAILED, since).limit(limit).toArray(),
        repliesBeforeAPerson(messages, since, limit),
        ratedDown(messages, feedback, since, limit),
        flags
          .find({ at: { $gte: since } })
          .sort({ at: -1 })
          .limit(limit)
          .lean<FlagDoc[]>(),
      ]);
      for (const { meta } of failed)
        note(meta?.replyTo, meta?.decision === "clarify" ? "clarify" : "fallback", meta ?? {});
      for (const { meta } of beforeAPerson) {
        if (meta?.decision && ANSWERED_OR_TRIED.has(meta.decision)) note(meta.replyTo, "handoff", meta);
      }
      for (const { meta } of down) note(meta?.replyTo, "thumbs_down", meta ?? {});
      const flagged = new Set<string>();
      for (const flag of recentFlags.map(toFlag).reverse()) {
        note(flag.messageId, "flagged")?.notes.push(flag.note);
        flagged.add(flag.messageId);
      }

      const ids = [...found.keys()];
      const [rows, marks] = await Promise.all([
        messages.find({ _id: { $in: ids } }, { projection: { ...REPLY, role: 1, text: 1 } }).toArray(),
        handled.find({ _id: { $in: ids } }, { _id: 1 }).lean<Pick<HandledDoc, "_id">[]>(),
      ]);
      const handledIds = new Set(marks.map((m) => m._id));
      const listed = rows.filter((row) => {
        if (handledIds.has(row._id) || row.role !== "citizen" || row.createdAt < since) return false;
        const own = row.meta ?? {};
        // A pressed button's text is its label: the question behind it was typed before. An agent
        // flags what they saw, typed or not.
        return !(own.decision || own.intent) || flagged.has(row._id);
      });
      const questions = await Promise.all(
        listed.map(async (row): Promise<UnansweredQuestion> => {
          const entry = found.get(row._id)!;
          let reply = entry.reply;
          if (!reply) {
            const next = await nextBotMeta(messages, row);
            if (next.replyTo === row._id) reply = next;
          }
          return {
            messageId: row._id,
            text: row.text,
            createdAt: row.createdAt,
            reasons: UNANSWERED_REASONS.filter((r) => entry.reasons.has(r)),
            intents: reply ? guessedIntents(reply) : [],
            confidence: typeof reply?.confidence === "number" ? reply.confidence : null,
            notes: entry.notes.filter((n) => n !== ""),
          };
        }),
      );
      questions.sort((a, b) =>
        a.createdAt === b.createdAt
          ? a.messageId < b.messageId
            ? 1
            : -1
          : a.createdAt < b.createdAt
            ? 1
            : -1,
      );
      return questions.slice(0, limit);
    },

    async flag(flag: QuestionFlag) {
      const write = () =>
        flags.updateOne(
          { messageId: flag.messageId, agentId: flag.agentId },
          { $set: { note: flag.note, at: flag.at } },
          { upsert: true },
        );
      try {
        return (await write()).upsertedCount === 1;
      } catch (error) {
        // Two first flags of one agent at once: the other upsert inserted it, so this one replaces.
        if (!isDuplicateKey(error)) throw error;
        await write();
        return false;
      }
    },

    async flagsOn(messageId: string) {
      const docs = await flags.find({ messageId }).sort({ at: 1, agentId: 1 }).lean<FlagDoc[]>();
      return docs.map(toFlag);
    },

    async markHandled(marks: readonly HandledMark[]) {
      if (marks.length === 0) return 0;
      // One bulk write, each mark an insert-if-absent on the question's `_id` (no transaction:
      // each is idempotent, so a retry after a failure counts only what was still unmarked).
      const ops = marks.map((m) => ({
        updateOne: {
          filter: { _id: m.messageId },
          update: { $setOnInsert: { by: m.by, how: m.how, faqId: m.faqId, at: m.at } },
          upsert: true,
        },
      }));
      try {
        return (await handled.bulkWrite(ops, { ordered: false })).upsertedCount;
      } catch (error) {
        // Marked at the same moment by another editor: theirs is the first mark, not ours.
        const e = error as { writeErrors?: unknown[]; result?: { upsertedCount?: number } };
        const errors = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
        if (!errors.every(isDuplicateKey) || typeof e.result?.upsertedCount !== "number") throw error;
        return e.result.upsertedCount;
      }
    },

    async handledMarks(messageIds: readonly string[]) {
      if (messageIds.length === 0) return [];
      const docs = await handled.find({ _id: { $in: [...messageIds] } }).lean<HandledDoc[]>();
      return docs.map(toMark);
    },

    async answerFeedback(since: string) {
      const byFaq = new Map<string, FaqAnswerCounts>();
      const add = (rows: [string, number][], field: "answers" | "thumbsDown" | "handoffs") => {
        for (const [faqId, n] of rows) {
          const counts = byFaq.get(faqId) ?? { faqId, answers: 0, thumbsDown: 0, handoffs: 0 };
          byFaq.set(faqId, counts);
          counts[field] += n;
        }
      };
      const [answers, thumbsDown, beforeAPerson] = await Promise.all([
        answersPerFaq(messages, since),
        answersRatedDownPerFaq(messages, feedback, since),
        answersBeforeAPersonPerFaq(messages, since),
      ]);
      add(answers, "answers");
      add(thumbsDown, "thumbsDown");
      add(beforeAPerson, "handoffs");
      return [...byFaq.values()].filter((c) => c.answers > 0).sort((a, b) => (a.faqId < b.faqId ? -1 : 1));
    },

    async agentTookPart(conversationId: string, agentId: string) {
      // inbox_handoffs_conversation_agent, then the conversation's messages by its key.
      const [assigned, wrote] = await Promise.all([
        handoffs.findOne({ conversationId, agentId }, { projection: { _id: 1 } }),
        messages.findOne(
          { conversationId, role: "agent", "meta.agentId": agentId },
          { projection: { _id: 1 } },
        ),
      ]);
      return assigned !== null || wrote !== null;
    },
  };
}

/**
 * The editors' inbox in MongoDB: defines its models on `conn` (collections `inboxFlags` and
 * `inboxHandled`), creates their indexes and the ones its reads need on `messages`, `feedback` and
 * `handoffs` (INBOX_FOREIGN_INDEXES), then returns the store.
 */
export async function mongoInboxStores(conn: Connection): Promise<Pick<Storage, "unansweredQuestions">> {
  const flags = modelOn(conn, "InboxFlag", flagSchema, "inboxFlags");
  const handled = modelOn(conn, "InboxHandled", handledSchema, "inboxHandled");
  await Promise.all([
    flags.createIndexes(),
    handled.createIndexes(),
    ...INBOX_FOREIGN_INDEXES.map(({ collection, key, name }) =>
      conn.collection(collection).createIndex({ ...key }, { name }),
    ),
  ]);
  return {
    unansweredQuestions: inboxStore(
      conn.collection<MessageDoc>(CONVERSATION_COLLECTIONS.messages),
      conn.collection<FeedbackDoc>(CONVERSATION_COLLECTIONS.feedback),
      conn.collection<HandoffDoc>("handoffs"),
      flags,
      handled,
    ),
  };
}
