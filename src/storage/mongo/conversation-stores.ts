// Long because the four stores share the message model and the seq and client-key allocation, and each FerretDB workaround sits beside the query it serves; splitting by store would spread one model over four files.
/**
 * MongoDB adapters (mongoose) of the conversation ports: conversations, messages, feedback and
 * application links. Every write is one insert or one single-document update, with no
 * transactions; whatever must happen once (one conversation per channel key, one seq per message,
 * one message per client id, one link) is refused by a unique index and the loser reads the
 * winner, because FerretDB (CI) applies $inc and $push by reading and writing back.
 *
 * Collections and fields, for other stores that read them (the editors' inbox reads `messages`
 * and `feedback`): conversations {_id, channel, key, locale, createdAt, updatedAt, flowState, contactSealed},
 * messages {_id, conversationId, seq, role, text, textSealed, clientId, clientKey, createdAt, meta},
 * feedback {_id: messageId, conversationId, rating, createdAt},
 * applicationLinks {applicationNumber, conversationId, createdAt}. Times are the ISO strings the
 * callers give (they sort as text); sealed values are stored exactly as the caller sealed them.
 */
import { type Connection, type Model, Schema } from "mongoose";
import type { Locale } from "../../domain/locale.js";
import type {
  ApplicationLinkStore,
  ConversationRecord,
  ConversationStore,
  FeedbackRecord,
  FeedbackStore,
  MessageMeta,
  MessageRecord,
  MessageStore,
  NewMessage,
  Storage,
} from "../ports.js";
import { isDuplicateKey } from "./connection.js";

export const CONVERSATION_COLLECTIONS = {
  conversations: "conversations",
  messages: "messages",
  feedback: "feedback",
  applicationLinks: "applicationLinks",
} as const;

interface ConversationDoc {
  _id: string;
  channel: string;
  key: string;
  locale: string;
  createdAt: string;
  updatedAt: string;
  /** The guided-application state as the caller sealed it; null when none. */
  flowState: string | null;
  /** How the channel reaches the citizen later, sealed (a WeChat OpenID); the key is its hash. */
  contactSealed?: string | null;
}

interface MessageDoc {
  _id: string;
  conversationId: string;
  seq: number;
  role: string;
  text: string;
  textSealed: string | null;
  clientId: string | null;
  /**
   * What makes a resend the same message: `client:<clientId>`, or `id:<id>` when the sender gave
   * none. Always present, so a plain unique index can hold it: FerretDB refuses
   * `partialFilterExpression`, and SQLite's "unique where client_id is not null" needs one.
   */
  clientKey: string;
  createdAt: string;
  meta: MessageMeta;
}

interface FeedbackDoc {
  /** The rated message's id: one rating per message. */
  _id: string;
  conversationId: string;
  rating: "up" | "down";
  createdAt: string;
}

interface ApplicationLinkDoc {
  applicationNumber: string;
  conversationId: string;
  createdAt: string;
}

const schemaOptions = { versionKey: false, strict: "throw", minimize: false } as const;

const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: { type: String, required: true },
    channel: { type: String, required: true },
    key: { type: String, required: true },
    locale: { type: String, required: true },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
    flowState: { type: String, default: null },
    contactSealed: { type: String, default: null },
  },
  schemaOptions,
);
// findOrCreateByKey: the channel's own name is one conversation.
conversationSchema.index({ channel: 1, key: 1 }, { unique: true, name: "conversations_channel_key" });

const messageSchema = new Schema<MessageDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    seq: { type: Number, required: true },
    role: { type: String, required: true },
    text: { type: String, default: "" },
    textSealed: { type: String, default: null },
    clientId: { type: String, default: null },
    clientKey: { type: String, required: true },
    createdAt: { type: String, required: true },
    meta: { type: Schema.Types.Mixed, default: {} },
  },
  schemaOptions,
);
// One seq per conversation (the allocator's guard); also serves listRecent, next and lastSeq.
messageSchema.index({ conversationId: 1, seq: 1 }, { unique: true, name: "messages_conversation_seq" });
// A resent message is stored once (append's guard); also serves findByClientId.
messageSchema.index({ conversationId: 1, clientKey: 1 }, { unique: true, name: "messages_client_key" });

const feedbackSchema = new Schema<FeedbackDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    rating: { type: String, enum: ["up", "down"], required: true },
    createdAt: { type: String, required: true },
  },
  schemaOptions,
);
// forConversation, in the order it returns them.
feedbackSchema.index({ conversationId: 1, createdAt: 1 }, { name: "feedback_conversation" });

const applicationLinkSchema = new Schema<ApplicationLinkDoc>(
  {
    applicationNumber: { type: String, required: true },
    conversationId: { type: String, required: true },
    createdAt: { type: String, required: true },
  },
  schemaOptions,
);
// One link per pair (link is idempotent); also serves conversationsFor.
applicationLinkSchema.index(
  { applicationNumber: 1, conversationId: 1 },
  { unique: true, name: "application_links_number_conversation" },
);

/** The model `name` on `conn`: made once per connection, and never a model of that name with another schema. */
function modelOn<T>(conn: Connection, name: string, schema: Schema<T>, collection: string): Model<T> {
  const existing = conn.models[name] as Model<T> | undefined;
  if (existing) {
    if (existing.schema !== schema) throw new Error(`mongoose model ${name} is already defined with another schema`);
    return existing;
  }
  return conn.model<T>(name, schema, collection);
}

/** Give up allocating a seq after this many lost races: far more writers than one conversation has. */
const MAX_SEQ_ATTEMPTS = 1_000;

const clientKeyOf = (m: Pick<NewMessage, "id" | "clientId">) => (m.clientId !== null ? `client:${m.clientId}` : `id:${m.id}`);

/** The meta as SQLite's JSON column keeps it (undefined fields dropped), so both adapters read back alike. */
const storedMeta = (meta: MessageMeta): MessageMeta => JSON.parse(JSON.stringify(meta ?? {})) as MessageMeta;

const toConversation = (d: ConversationDoc): ConversationRecord => ({
  id: d._id,
  channel: d.channel as ConversationRecord["channel"],
  key: d.key,
  locale: d.locale as Locale,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

const toMessage = (d: MessageDoc): MessageRecord => ({
  id: d._id,
  conversationId: d.conversationId,
  seq: d.seq,
  role: d.role as MessageRecord["role"],
  text: d.text,
  textSealed: d.textSealed ?? null,
  clientId: d.clientId ?? null,
  createdAt: d.createdAt,
  meta: d.meta ?? {},
});

const toFeedback = (d: FeedbackDoc): FeedbackRecord => ({
  messageId: d._id,
  conversationId: d.conversationId,
  rating: d.rating,
  createdAt: d.createdAt,
});

/** The fields a ConversationRecord has: the sealed flow state is read only by getFlowState. */
const CONVERSATION_FIELDS = { _id: 1, channel: 1, key: 1, locale: 1, createdAt: 1, updatedAt: 1 } as const;

export type ConversationStores = Pick<Storage, "conversations" | "messages" | "feedback" | "applicationLinks">;

/**
 * The conversation stores on `conn`: defines their models, creates the indexes their queries and
 * guards need (before the first write, so no duplicate slips in), and returns the stores.
 */
export async function mongoConversationStores(conn: Connection): Promise<ConversationStores> {
  const Conversations = modelOn(conn, "Conversation", conversationSchema, CONVERSATION_COLLECTIONS.conversations);
  const Messages = modelOn(conn, "Message", messageSchema, CONVERSATION_COLLECTIONS.messages);
  const Feedback = modelOn(conn, "MessageFeedback", feedbackSchema, CONVERSATION_COLLECTIONS.feedback);
  const Links = modelOn(conn, "ApplicationLink", applicationLinkSchema, CONVERSATION_COLLECTIONS.applicationLinks);
  await Promise.all([Conversations.createIndexes(), Messages.createIndexes(), Feedback.createIndexes(), Links.createIndexes()]);

  /** Reads the conversation its channel knows by `key`, without the flow state; undefined when none. */
  async function conversationByKey(channel: string, key: string): Promise<ConversationRecord | undefined> {
    const d = await Conversations.findOne({ channel, key }, CONVERSATION_FIELDS).lean<ConversationDoc>();
    return d ? toConversation(d) : undefined;
  }

  /** Reads whether a conversation of that id exists (messages and links must name one, as SQLite's foreign keys say). */
  async function conversationExists(id: string): Promise<boolean> {
    return (await Conversations.exists({ _id: id })) !== null;
  }

  /** Reads the conversation's highest seq (messages_conversation_seq, from the top); 0 when it has none. */
  async function lastSeq(conversationId: string): Promise<number> {
    const d = await Messages.findOne({ conversationId }, { seq: 1 }).sort({ seq: -1 }).lean<Pick<MessageDoc, "seq">>();
    return d?.seq ?? 0;
  }

  /** Reads the conversation's message sent with `clientId`, if any (messages_client_key). */
  async function messageByClientId(conversationId: string, clientId: string): Promise<MessageRecord | undefined> {
    const d = await Messages.findOne({ conversationId, clientKey: clientKeyOf({ id: "", clientId }) }).lean<MessageDoc>();
    return d ? toMessage(d) : undefined;
  }

  /**
   * Inserts the message under the conversation's next seq. The unique (conversationId, seq) index
   * lets one of two racing writers have a seq; the other reads the top again and tries the one
   * after it. A seq is only tried when the one before it exists, so the numbers have no gap.
   * FerretDB's duplicate-key error does not say which index refused: when the seq tried is still
   * free, another key did, so the loser asks which (an earlier copy with the same client id is
   * returned; a reused message id is refused) instead of asking on every lost race.
   */
  async function insertMessage(m: NewMessage): Promise<MessageRecord> {
    if (!(await conversationExists(m.conversationId))) throw new Error(`no conversation ${m.conversationId} to append to`);
    const meta = storedMeta(m.meta);
    const clientKey = clientKeyOf(m);
    let seq = (await lastSeq(m.conversationId)) + 1;
    for (let attempt = 1; ; attempt++) {
      const record: MessageRecord = { ...m, meta, seq };
      try {
        await Messages.insertOne({ ...toMessageDoc(record), clientKey });
        return record;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const top = await lastSeq(m.conversationId);
        if (top < seq) {
          // The seq was free: the client id or the message id was taken.
          // The same message sent twice (a resend racing the first): the one stored first stands.
          const earlier = m.clientId !== null ? await messageByClientId(m.conversationId, m.clientId) : undefined;
          if (earlier) return earlier;
          if ((await Messages.exists({ _id: m.id })) !== null) throw error;
        }
        if (attempt >= MAX_SEQ_ATTEMPTS) throw new Error(`no free seq for conversation ${m.conversationId} after ${attempt} attempts`);
        seq = top + 1;
      }
    }
  }

  /**
   * Appends of one conversation from this process go one after another: the unique index keeps
   * the numbers right without it (other processes still race), but 50 writers racing for each
   * seq make about 50²/2 inserts where this makes 50.
   */
  const appending = new Map<string, Promise<unknown>>();
  function appendMessage(m: NewMessage): Promise<MessageRecord> {
    const before = appending.get(m.conversationId) ?? Promise.resolve();
    const run = before.then(() => insertMessage(m));
    const settled = run.catch(() => {});
    appending.set(m.conversationId, settled);
    void settled.then(() => {
      if (appending.get(m.conversationId) === settled) appending.delete(m.conversationId);
    });
    return run;
  }

  const toMessageDoc = (r: MessageRecord): Omit<MessageDoc, "clientKey"> => ({
    _id: r.id,
    conversationId: r.conversationId,
    seq: r.seq,
    role: r.role,
    text: r.text,
    textSealed: r.textSealed,
    clientId: r.clientId,
    createdAt: r.createdAt,
    meta: r.meta,
  });

  /** Reads the latest `limit` messages, newest first from the index, and returns them oldest first. */
  async function recentMessages(conversationId: string, limit: number): Promise<MessageRecord[]> {
    // The latest 0 are none, as SQL's LIMIT 0 (MongoDB reads limit 0 as "all"); a negative limit, as SQL's, all.
    if (limit === 0) return [];
    const query = Messages.find({ conversationId }).sort({ seq: -1 });
    if (limit > 0) query.limit(limit);
    const docs = await query.lean<MessageDoc[]>();
    return docs.reverse().map(toMessage);
  }

  /** Reads the first message of the conversation after `seq`, if any. */
  async function messageAfter(conversationId: string, seq: number): Promise<MessageRecord | undefined> {
    const d = await Messages.findOne({ conversationId, seq: { $gt: seq } })
      .sort({ seq: 1 })
      .lean<MessageDoc>();
    return d ? toMessage(d) : undefined;
  }

  const conversations: ConversationStore = {
    async create(c) {
      await Conversations.insertOne({ _id: c.id, channel: c.channel, key: c.key, locale: c.locale, createdAt: c.createdAt, updatedAt: c.updatedAt, flowState: null });
    },
    async get(id) {
      const d = await Conversations.findById(id, CONVERSATION_FIELDS).lean<ConversationDoc>();
      return d ? toConversation(d) : undefined;
    },
    async findOrCreateByKey(c) {
      // Nearly every message names a conversation that exists: a read, with no write on the way.
      const found = await conversationByKey(c.channel, c.key);
      if (found) return { conversation: found, created: false };
      try {
        await conversations.create(c);
        return { conversation: toConversation({ ...c, _id: c.id, flowState: null }), created: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Another first message of the same follower got there first: its conversation stands.
        const winner = await conversationByKey(c.channel, c.key);
        if (!winner) throw error;
        return { conversation: winner, created: false };
      }
    },
    async setLocale(id, locale, at) {
      await Conversations.updateOne({ _id: id }, { $set: { locale, updatedAt: at } });
    },
    async getFlowState(id) {
      const d = await Conversations.findById(id, { flowState: 1 }).lean<Pick<ConversationDoc, "flowState">>();
      return d?.flowState ?? null;
    },
    async getContact(id) {
      const d = await Conversations.findById(id, { contactSealed: 1 }).lean<Pick<ConversationDoc, "contactSealed">>();
      return d?.contactSealed ?? null;
    },
    async setContact(id, sealed) {
      await Conversations.updateOne({ _id: id }, { $set: { contactSealed: sealed } });
    },
    async setFlowState(id, sealed, at) {
      await Conversations.updateOne({ _id: id }, { $set: { flowState: sealed, updatedAt: at } });
    },
  };

  const messages: MessageStore = {
    append: appendMessage,
    async get(id) {
      const d = await Messages.findById(id).lean<MessageDoc>();
      return d ? toMessage(d) : undefined;
    },
    findByClientId: messageByClientId,
    listRecent: recentMessages,
    next: messageAfter,
  };

  const feedback: FeedbackStore = {
    async set(f) {
      // As SQLite's foreign key: a rating is of a stored message.
      if ((await Messages.exists({ _id: f.messageId })) === null) throw new Error(`no message ${f.messageId} to rate`);
      const doc = { conversationId: f.conversationId, rating: f.rating, createdAt: f.createdAt };
      // A whole-document replace keyed by the message: the latest rating wins. Two first ratings
      // racing may both try the insert on MongoDB; the loser's second try replaces.
      for (let attempt = 1; ; attempt++) {
        try {
          await Feedback.replaceOne({ _id: f.messageId }, doc, { upsert: true });
          return;
        } catch (error) {
          if (!isDuplicateKey(error) || attempt >= 3) throw error;
        }
      }
    },
    async forConversation(conversationId) {
      // Oldest first, as SQLite; the message id orders equal times (SQLite's order there is its row order).
      const docs = await Feedback.find({ conversationId }).sort({ createdAt: 1, _id: 1 }).lean<FeedbackDoc[]>();
      return docs.map(toFeedback);
    },
  };

  const applicationLinks: ApplicationLinkStore = {
    async link(applicationNumber, conversationId, at) {
      if (!(await conversationExists(conversationId))) throw new Error(`no conversation ${conversationId} to link`);
      try {
        await Links.insertOne({ applicationNumber, conversationId, createdAt: at });
      } catch (error) {
        // Linked already (a retried filing): the first link stands, as SQLite's INSERT OR IGNORE.
        if (!isDuplicateKey(error)) throw error;
      }
    },
    async conversationsFor(applicationNumber) {
      const docs = await Links.find({ applicationNumber }, { conversationId: 1 })
        .sort({ createdAt: 1, conversationId: 1 })
        .lean<Pick<ApplicationLinkDoc, "conversationId">[]>();
      return docs.map((d) => d.conversationId);
    },
  };

  return { conversations, messages, feedback, applicationLinks };
}
