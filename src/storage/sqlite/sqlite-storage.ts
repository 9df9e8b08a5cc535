// Long because it is one adapter of every storage port: the stores share one connection, its
// prepared statements and the group commit of appends; the row mapping (rows.ts), the migrations,
// the cached tails (recent-tails.ts) and the checkpointer are their own files.
import Database from "better-sqlite3";
import type { Locale } from "../../domain/locale.js";
import type {
  ConversationRecord,
  FeedbackRecord,
  HandoffRecord,
  MessageRecord,
  NewMessage,
  Storage,
  StoredJob,
  TicketRecord,
} from "../ports.js";
import { WalCheckpointer } from "./checkpointer.js";
import { GroupCommit } from "./group-commit.js";
import { RECENT_TAIL, RecentTails } from "./recent-tails.js";
import { sqliteAuditStore } from "./audit-store.js";
import { sqliteKnowledgeDraftStore } from "./knowledge-drafts.js";
import { sqliteKnowledgeVersionStore, sqliteRegressionQuestionStore } from "./knowledge-versions.js";
import { type ConversationRow, type MessageRow, toConversation, toMessage } from "./rows.js";
import { sqliteStaffSessionStore, sqliteStaffStore } from "./staff-stores.js";
import { sqliteUnansweredQuestionStore } from "./unanswered-questions.js";
import { migrations } from "./migrations.js";
import { preparePrivateDatabase } from "./private-files.js";

/** Column names of the handoff fields, for reads and partial updates. */
const HANDOFF_COLUMNS: Record<keyof HandoffRecord, string> = {
  id: "id",
  conversationId: "conversation_id",
  status: "status",
  reason: "reason",
  urgency: "urgency",
  language: "language",
  skill: "skill",
  intent: "intent",
  arrivedAt: "arrived_at",
  agentId: "agent_id",
  offeredAt: "offered_at",
  acceptedAt: "accepted_at",
  closedAt: "closed_at",
  wrapUp: "wrap_up",
  closeNote: "close_note",
  transferNote: "transfer_note",
  surveyRating: "survey_rating",
  surveyComment: "survey_comment",
};

const toHandoff = (r: Record<string, unknown>): HandoffRecord =>
  Object.fromEntries(
    Object.entries(HANDOFF_COLUMNS).map(([field, column]) => [field, r[column] ?? null]),
  ) as unknown as HandoffRecord;

const toTicket = (r: Record<string, unknown>): TicketRecord => ({
  id: r.id as string,
  conversationId: r.conversation_id as string,
  language: r.language as string,
  text: r.text as string,
  textSealed: (r.text_sealed as string | null) ?? null,
  hasCallback: r.has_callback === null || r.has_callback === undefined ? null : r.has_callback === 1,
  status: r.status as TicketRecord["status"],
  createdAt: r.created_at as string,
  answeredBy: (r.answered_by as string | null) ?? null,
  answeredAt: (r.answered_at as string | null) ?? null,
});

const isUniqueViolation = (error: unknown) =>
  error instanceof Database.SqliteError && error.code === "SQLITE_CONSTRAINT_UNIQUE";

/** The columns a ConversationRecord has: not the sealed flow state, read only by getFlowState. */
const CONVERSATION_COLUMNS = "id, channel, channel_key, locale, created_at, updated_at";

/** Brings the file's schema up to date; each migration runs in its own transaction. */
export function migrate(db: Database.Database): number {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return migrations.length;
}

/**
 * The embedded store: one SQLite file in WAL mode. Writes go through one group commit
 * (group-commit.ts): each is on disk (in the WAL) before its promise resolves, and seq assignment
 * cannot race, since better-sqlite3 runs each group's transaction synchronously.
 */
export function createSqliteStorage(
  file: string,
  options: { checkpointEveryMs?: number; restartLogAtBytes?: number } = {},
): Storage {
  // Folder 0700, file (and so its -wal and -shm) 0600.
  preparePrivateDatabase(file);
  const db = new Database(file);
  // Small pages for a new file (an existing one keeps its own): a commit writes every page it
  // touched to the log, and a message touches a few scattered index pages; at 1 KB a message
  // writes about 2.6 times fewer bytes than at SQLite's 4 KB, which is what checkpoints must copy.
  db.pragma("page_size = 1024");
  db.pragma("journal_mode = WAL");
  // NORMAL in WAL mode survives a process crash; only a power cut can lose the last commits.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  // Checkpoints happen in a worker thread, so their fsync never stalls a chat; while it empties
  // the log, writes find the file busy and the group commit tries them again a moment later,
  // rather than this thread sleeping in SQLite's busy handler.
  db.pragma("wal_autocheckpoint = 0");
  db.pragma("busy_timeout = 0");
  const checkpointer = new WalCheckpointer(file, options.checkpointEveryMs, options.restartLogAtBytes);

  const q = {
    insertConversation: db.prepare(
      `INSERT INTO conversations (${CONVERSATION_COLUMNS}) VALUES (@id, @channel, @key, @locale, @createdAt, @updatedAt)`,
    ),
    getConversation: db.prepare(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE id = ?`),
    // A second first message from the same follower finds the row the first one inserted.
    insertKeyedConversation: db.prepare(
      `INSERT OR IGNORE INTO conversations (${CONVERSATION_COLUMNS}) VALUES (@id, @channel, @key, @locale, @createdAt, @updatedAt)`,
    ),
    conversationByKey: db.prepare(`SELECT ${CONVERSATION_COLUMNS} FROM conversations WHERE channel = ? AND channel_key = ?`),
    setLocale: db.prepare("UPDATE conversations SET locale = ?, updated_at = ? WHERE id = ?"),
    getFlowState: db.prepare("SELECT flow_state FROM conversations WHERE id = ?"),
    setFlowState: db.prepare("UPDATE conversations SET flow_state = ?, updated_at = ? WHERE id = ?"),
    getContact: db.prepare("SELECT contact_sealed FROM conversations WHERE id = ?").pluck(),
    setContact: db.prepare("UPDATE conversations SET contact_sealed = ? WHERE id = ?"),
    link: db.prepare(
      "INSERT OR IGNORE INTO application_links (application_number, conversation_id, created_at) VALUES (?, ?, ?)",
    ),
    linked: db.prepare("SELECT conversation_id FROM application_links WHERE application_number = ? ORDER BY created_at"),
    saveJob: db.prepare("INSERT OR REPLACE INTO delayed_jobs (kind, key, payload, due_at) VALUES (@kind, @key, @payload, @dueAt)"),
    removeJob: db.prepare("DELETE FROM delayed_jobs WHERE kind = ? AND key = ?"),
    allJobs: db.prepare("SELECT kind, key, payload, due_at FROM delayed_jobs ORDER BY due_at"),
    // The next seq of the conversation, computed inside the INSERT: atomic with the write.
    insertMessage: db.prepare(
      `INSERT INTO messages (id, conversation_id, seq, role, text, text_sealed, client_id, created_at, meta)
       VALUES (@id, @conversationId,
               (SELECT COALESCE(MAX(seq), 0) + 1 FROM messages WHERE conversation_id = @conversationId),
               @role, @text, @textSealed, @clientId, @createdAt, @meta)
       RETURNING seq`,
    ),
    getMessage: db.prepare("SELECT * FROM messages WHERE id = ?"),
    byClientId: db.prepare("SELECT * FROM messages WHERE conversation_id = ? AND client_id = ?"),
    recent: db.prepare("SELECT * FROM (SELECT * FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq"),
    lastSeq: db.prepare("SELECT MAX(seq) FROM messages WHERE conversation_id = ?").pluck(),
    next: db.prepare("SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT 1"),
    setFeedback: db.prepare(
      `INSERT INTO feedback (message_id, conversation_id, rating, created_at) VALUES (@messageId, @conversationId, @rating, @createdAt)
       ON CONFLICT (message_id) DO UPDATE SET rating = excluded.rating, created_at = excluded.created_at`,
    ),
    feedbackFor: db.prepare("SELECT * FROM feedback WHERE conversation_id = ? ORDER BY created_at"),
    insertHandoff: db.prepare(
      `INSERT INTO handoffs (${Object.values(HANDOFF_COLUMNS).join(", ")})
       VALUES (${Object.keys(HANDOFF_COLUMNS).map((k) => `@${k}`).join(", ")})`,
    ),
    getHandoff: db.prepare("SELECT * FROM handoffs WHERE id = ?"),
    openHandoff: db.prepare("SELECT * FROM handoffs WHERE conversation_id = ? AND status IN ('queued', 'active')"),
    listOpenHandoffs: db.prepare("SELECT * FROM handoffs WHERE status IN ('queued', 'active') ORDER BY arrived_at"),
    // Reads the closed-chats index (closed_at, status = 'closed') from the newest back.
    closedBy: db.prepare(
      "SELECT * FROM handoffs WHERE status = 'closed' AND closed_at >= ? AND agent_id = ? ORDER BY closed_at DESC LIMIT ?",
    ),
    meanHandle: db.prepare(
      `SELECT AVG((julianday(closed_at) - julianday(accepted_at)) * 86400.0) AS mean, COUNT(*) AS n FROM
       (SELECT closed_at, accepted_at FROM handoffs WHERE status = 'closed' AND accepted_at IS NOT NULL
        ORDER BY closed_at DESC LIMIT ?)`,
    ),
    insertTicket: db.prepare(
      `INSERT INTO tickets (id, conversation_id, language, text, text_sealed, has_callback, status, created_at, answered_by, answered_at)
       VALUES (@id, @conversationId, @language, @text, @textSealed, @hasCallback, @status, @createdAt, @answeredBy, @answeredAt)`,
    ),
    getTicket: db.prepare("SELECT * FROM tickets WHERE id = ?"),
    listTickets: db.prepare("SELECT * FROM tickets WHERE status = ? ORDER BY created_at LIMIT ?"),
    answerTicket: db.prepare("UPDATE tickets SET status = 'answered', answered_by = ?, answered_at = ? WHERE id = ? AND status = 'open'"),
  };
  const handoffUpdates = new Map<string, Database.Statement>();

  const tails = new RecentTails();
  const writes = new GroupCommit(db);
  /** Every write goes through the group commit; refused once the store is closing. */
  const write = <R>(work: () => R, afterCommit?: (result: R) => void): Promise<R> =>
    closed ? Promise.reject(new Error("storage is closed")) : writes.run(work, afterCommit);
  const appendMessage = (m: NewMessage): MessageRecord & { metaJson?: string } => {
    const metaJson = JSON.stringify(m.meta);
    try {
      const { seq } = q.insertMessage.get({ ...m, meta: metaJson }) as { seq: number };
      return { ...m, seq, metaJson };
    } catch (error) {
      // The same message sent twice (a resend racing the first): the one stored first stands.
      const earlier = m.clientId && isUniqueViolation(error) ? q.byClientId.get(m.conversationId, m.clientId) : undefined;
      if (!earlier) throw error;
      return toMessage(earlier as MessageRow);
    }
  };

  let closed = false;
  return {
    conversations: {
      async create(c: ConversationRecord) {
        await write(() => q.insertConversation.run(c));
      },
      async get(id: string) {
        const r = q.getConversation.get(id) as ConversationRow | undefined;
        return r ? toConversation(r) : undefined;
      },
      async findOrCreateByKey(c: ConversationRecord) {
        // Nearly every message names a conversation that exists: a read, with no write on the way.
        const found = q.conversationByKey.get(c.channel, c.key) as ConversationRow | undefined;
        if (found) return { conversation: toConversation(found), created: false };
        const inserted = await write(() => q.insertKeyedConversation.run(c).changes);
        const r = q.conversationByKey.get(c.channel, c.key) as ConversationRow;
        return { conversation: toConversation(r), created: inserted === 1 };
      },
      async setLocale(id: string, locale: Locale, at: string) {
        await write(() => q.setLocale.run(locale, at, id));
      },
      async getFlowState(id: string) {
        const r = q.getFlowState.get(id) as { flow_state: string | null } | undefined;
        return r?.flow_state ?? null;
      },
      async getContact(id: string) {
        return (q.getContact.get(id) as string | null | undefined) ?? null;
      },
      async setContact(id: string, sealed: string) {
        await write(() => q.setContact.run(sealed, id));
      },
      async setFlowState(id: string, sealed: string | null, at: string) {
        await write(() => q.setFlowState.run(sealed, at, id));
      },
    },
    staff: sqliteStaffStore(db, write),
    staffSessions: sqliteStaffSessionStore(db, write),
    audit: sqliteAuditStore(db, write),
    knowledgeVersions: sqliteKnowledgeVersionStore(db, write),
    regressionQuestions: sqliteRegressionQuestionStore(db, write),
    unansweredQuestions: sqliteUnansweredQuestionStore(db, write),
    knowledgeDrafts: sqliteKnowledgeDraftStore(db, write),
    handoffs: {
      async create(r: HandoffRecord) {
        await write(() => q.insertHandoff.run(r));
      },
      async get(id: string) {
        const r = q.getHandoff.get(id) as Record<string, unknown> | undefined;
        return r ? toHandoff(r) : undefined;
      },
      async open(conversationId: string) {
        const r = q.openHandoff.get(conversationId) as Record<string, unknown> | undefined;
        return r ? toHandoff(r) : undefined;
      },
      async listOpen() {
        return (q.listOpenHandoffs.all() as Record<string, unknown>[]).map(toHandoff);
      },
      async update(id: string, changes: Partial<HandoffRecord>) {
        const fields = Object.keys(changes).filter((k) => k !== "id" && k !== "conversationId" && k in HANDOFF_COLUMNS).sort();
        if (fields.length === 0) return;
        // One prepared statement per set of fields, made once: the sets are few and fixed by the code.
        const key = fields.join(",");
        let statement = handoffUpdates.get(key);
        if (!statement) {
          const sets = fields.map((f) => `${HANDOFF_COLUMNS[f as keyof HandoffRecord]} = @${f}`).join(", ");
          statement = db.prepare(`UPDATE handoffs SET ${sets} WHERE id = @id`);
          handoffUpdates.set(key, statement);
        }
        const run = statement;
        await write(() => run.run({ ...Object.fromEntries(fields.map((f) => [f, changes[f as keyof HandoffRecord] ?? null])), id }));
      },
      async closedBy(agentId: string, since: string, limit: number) {
        return (q.closedBy.all(since, agentId, limit) as Record<string, unknown>[]).map(toHandoff);
      },
      async meanHandleSeconds(limit: number) {
        const r = q.meanHandle.get(limit) as { mean: number | null; n: number };
        return r.n > 0 ? r.mean : null;
      },
    },
    tickets: {
      async create(r: TicketRecord) {
        await write(() => q.insertTicket.run({ ...r, hasCallback: r.hasCallback === null ? null : r.hasCallback ? 1 : 0 }));
      },
      async get(id: string) {
        const r = q.getTicket.get(id) as Record<string, unknown> | undefined;
        return r ? toTicket(r) : undefined;
      },
      async list(status: TicketRecord["status"], limit: number) {
        return (q.listTickets.all(status, limit) as Record<string, unknown>[]).map(toTicket);
      },
      async markAnswered(id: string, agentId: string, at: string) {
        return write(() => q.answerTicket.run(agentId, at, id).changes === 1);
      },
    },
    applicationLinks: {
      async link(applicationNumber: string, conversationId: string, at: string) {
        await write(() => q.link.run(applicationNumber, conversationId, at));
      },
      async conversationsFor(applicationNumber: string) {
        return (q.linked.all(applicationNumber) as { conversation_id: string }[]).map((r) => r.conversation_id);
      },
    },
    delayedJobs: {
      async save(job: StoredJob) {
        await write(() => q.saveJob.run({ ...job, payload: JSON.stringify(job.payload) }));
      },
      async remove(kind: string, key: string) {
        await write(() => q.removeJob.run(kind, key));
      },
      async all() {
        const rows = q.allJobs.all() as { kind: string; key: string; payload: string; due_at: number }[];
        return rows.map((r) => ({ kind: r.kind, key: r.key, payload: JSON.parse(r.payload) as Record<string, string>, dueAt: r.due_at }));
      },
    },
    messages: {
      async append(m: NewMessage) {
        const { metaJson, ...stored } = await write(
          () => appendMessage(m),
          // Committed: now the in-memory tail may show it (not an earlier copy found instead).
          (r) => {
            if (r.metaJson !== undefined) tails.appended(r, r.metaJson);
          },
        );
        return stored;
      },
      async get(id: string) {
        const r = q.getMessage.get(id) as MessageRow | undefined;
        return r ? toMessage(r) : undefined;
      },
      async findByClientId(conversationId: string, clientId: string) {
        const r = q.byClientId.get(conversationId, clientId) as MessageRow | undefined;
        return r ? toMessage(r) : undefined;
      },
      async listRecent(conversationId: string, limit: number) {
        if (limit > RECENT_TAIL) return (q.recent.all(conversationId, limit) as MessageRow[]).map(toMessage);
        // A cached tail is good while the conversation's last seq is still its last: another
        // process sharing the file may have appended, and then it is read again.
        const cached = tails.get(conversationId, limit, (q.lastSeq.get(conversationId) as number | null) ?? 0);
        if (cached) return cached;
        const rows = q.recent.all(conversationId, RECENT_TAIL) as MessageRow[];
        return tails.set(conversationId, rows, rows.length < RECENT_TAIL, limit);
      },
      async next(conversationId: string, seq: number) {
        const r = q.next.get(conversationId, seq) as MessageRow | undefined;
        return r ? toMessage(r) : undefined;
      },
    },
    feedback: {
      async set(f: FeedbackRecord) {
        await write(() => q.setFeedback.run(f));
      },
      async forConversation(conversationId: string) {
        return (
          q.feedbackFor.all(conversationId) as { message_id: string; conversation_id: string; rating: "up" | "down"; created_at: string }[]
        ).map((r) => ({ messageId: r.message_id, conversationId: r.conversation_id, rating: r.rating, createdAt: r.created_at }));
      },
    },
    async ping() {
      if (closed) return false;
      return (db.prepare("SELECT 1 AS ok").get() as { ok: number }).ok === 1;
    },
    async close() {
      if (closed) return;
      closed = true;
      await checkpointer.stop();
      // Nobody else holds the file now: what is still waiting is written before it closes.
      db.pragma("busy_timeout = 5000");
      writes.flush();
      // Checkpoint so the main file holds everything, then close (safe to call twice).
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
    },
  };
}
