/**
 * What each SQLite table becomes in MongoDB: for every collection, the rows it is read from and the
 * document each row becomes, exactly as the Mongo adapter of its port writes it
 * (src/storage/mongo/*-stores.ts: the same `_id`, field names, helper keys such as `clientKey` and
 * `openKey`, and the marker documents those adapters insert beside a record). Pure data and
 * functions: sqlite-to-mongo.ts reads and writes.
 */
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { Types } from "mongoose";

export type Row = Record<string, unknown>;
export type Doc = Record<string, unknown> & { _id: unknown };

/** One collection's copy: the SQLite rows it comes from and the document each becomes. */
export interface CopyPlan {
  /** The Mongo collection (as the adapter names it). */
  collection: string;
  /** The SQLite table the rows come from. */
  table: string;
  /** The rows, in a stable order. */
  select: string;
  toDoc(row: Row, db: Database.Database): Doc;
}

const snakeToCamel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A deterministic ObjectId for documents whose adapter lets MongoDB pick one (a re-run must hit the same `_id`). */
const objectIdOf = (...parts: string[]) =>
  new Types.ObjectId(createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 24));

const OPEN_STATUSES = ["queued", "active"];
const HANDOFF_COLUMNS = [
  "conversation_id",
  "status",
  "reason",
  "urgency",
  "language",
  "skill",
  "intent",
  "arrived_at",
  "agent_id",
  "offered_at",
  "accepted_at",
  "closed_at",
  "wrap_up",
  "close_note",
  "transfer_note",
  "survey_rating",
  "survey_comment",
];

const str = (v: unknown) => v as string;
const nullable = (v: unknown) => (v === undefined || v === null ? null : v);

/** The copy plans, in an order that keeps references valid (conversations before messages, …). */
export const COPY_PLANS: readonly CopyPlan[] = [
  {
    collection: "conversations",
    table: "conversations",
    select: "SELECT * FROM conversations ORDER BY id",
    toDoc: (r) => ({
      _id: r.id,
      channel: r.channel,
      key: r.channel_key ?? r.id,
      locale: r.locale,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      flowState: nullable(r.flow_state),
      contactSealed: nullable(r.contact_sealed),
    }),
  },
  {
    collection: "messages",
    table: "messages",
    select: "SELECT * FROM messages ORDER BY conversation_id, seq",
    toDoc: (r) => ({
      _id: r.id,
      conversationId: r.conversation_id,
      seq: r.seq,
      role: r.role,
      text: r.text,
      textSealed: nullable(r.text_sealed),
      clientId: nullable(r.client_id),
      clientKey: r.client_id !== null && r.client_id !== undefined ? `client:${str(r.client_id)}` : `id:${str(r.id)}`,
      createdAt: r.created_at,
      meta: JSON.parse(str(r.meta ?? "{}")),
    }),
  },
  {
    collection: "feedback",
    table: "feedback",
    select: "SELECT * FROM feedback ORDER BY message_id",
    toDoc: (r) => ({ _id: r.message_id, conversationId: r.conversation_id, rating: r.rating, createdAt: r.created_at }),
  },
  {
    collection: "applicationLinks",
    table: "application_links",
    select: "SELECT * FROM application_links ORDER BY application_number, conversation_id",
    toDoc: (r) => ({
      _id: objectIdOf("applicationLink", str(r.application_number), str(r.conversation_id)),
      applicationNumber: r.application_number,
      conversationId: r.conversation_id,
      createdAt: r.created_at,
    }),
  },
  {
    collection: "staff",
    table: "staff",
    select: "SELECT * FROM staff ORDER BY id",
    toDoc: (r) => ({
      _id: r.id,
      username: r.username,
      displayName: r.display_name,
      passwordHash: r.password_hash,
      languages: JSON.parse(str(r.languages)),
      skills: JSON.parse(str(r.skills)),
      capacity: r.capacity,
      disabled: r.disabled === 1,
      createdAt: r.created_at,
      roles: JSON.parse(str(r.roles ?? '["agent"]')),
      totpSecretSealed: nullable(r.totp_secret),
      totpLastStep: r.totp_last_step ?? 0,
      recoveryCodeHashes: JSON.parse(str(r.recovery_codes ?? "[]")),
      // Names the set of recovery codes (the adapter picks a random one): SQLite kept only the unused codes.
      recoveryCodeSet: `sqlite:${str(r.id)}`,
      requireSecondFactor: r.require_second_factor === 1,
    }),
  },
  {
    collection: "staffSessions",
    table: "staff_sessions",
    select: "SELECT * FROM staff_sessions ORDER BY id",
    toDoc: (r) => ({
      _id: r.id,
      staffId: r.staff_id,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      endedAt: nullable(r.ended_at),
      endedReason: nullable(r.ended_reason),
    }),
  },
  {
    // The adapter's "ended once" marker, beside each ended session.
    collection: "staffSessionEnds",
    table: "staff_sessions",
    select: "SELECT * FROM staff_sessions WHERE ended_at IS NOT NULL ORDER BY id",
    toDoc: (r) => ({ _id: r.id, at: r.ended_at, reason: r.ended_reason ?? "" }),
  },
  {
    collection: "auditLog",
    table: "audit_log",
    select: "SELECT * FROM audit_log ORDER BY seq",
    toDoc: (r) => ({
      _id: r.seq,
      at: r.at,
      actor: nullable(r.actor),
      action: r.action,
      target: nullable(r.target),
      detail: JSON.parse(str(r.detail)),
      prevHash: r.prev_hash,
      hash: r.hash,
    }),
  },
  {
    collection: "delayedJobs",
    table: "delayed_jobs",
    select: "SELECT * FROM delayed_jobs ORDER BY kind, key",
    toDoc: (r) => ({
      _id: JSON.stringify([r.kind, r.key]),
      kind: r.kind,
      key: r.key,
      payload: JSON.parse(str(r.payload)),
      dueAt: r.due_at,
    }),
  },
  {
    collection: "handoffs",
    table: "handoffs",
    select: "SELECT * FROM handoffs ORDER BY id",
    toDoc: (r) => ({
      _id: r.id,
      ...Object.fromEntries(HANDOFF_COLUMNS.map((c) => [snakeToCamel(c), nullable(r[c])])),
      openKey: OPEN_STATUSES.includes(str(r.status)) ? `open:${str(r.conversation_id)}` : `done:${str(r.id)}`,
    }),
  },
  {
    collection: "tickets",
    table: "tickets",
    select: "SELECT * FROM tickets ORDER BY id",
    toDoc: (r) => ({
      _id: r.id,
      conversationId: r.conversation_id,
      language: r.language,
      text: r.text,
      textSealed: nullable(r.text_sealed),
      hasCallback: r.has_callback === null || r.has_callback === undefined ? null : r.has_callback === 1,
      status: r.status,
      createdAt: r.created_at,
      answeredBy: nullable(r.answered_by),
      answeredAt: nullable(r.answered_at),
    }),
  },
  {
    // The adapter's "answered once" claim, beside each answered ticket.
    collection: "ticket_answers",
    table: "tickets",
    select: "SELECT * FROM tickets WHERE status = 'answered' ORDER BY id",
    toDoc: (r) => ({ _id: r.id, answeredBy: r.answered_by ?? "", answeredAt: r.answered_at ?? "" }),
  },
  {
    collection: "knowledge_texts",
    table: "knowledge_texts",
    select: "SELECT * FROM knowledge_texts ORDER BY hash",
    toDoc: (r) => ({ _id: r.hash, text: r.text }),
  },
  {
    collection: "knowledge_versions",
    table: "knowledge_versions",
    select: "SELECT * FROM knowledge_versions ORDER BY version",
    toDoc: (r, db) => ({
      _id: r.version,
      author: r.author,
      note: r.note,
      publishedAt: r.published_at,
      origin: r.origin,
      documents: (
        db.prepare("SELECT name, hash FROM knowledge_documents WHERE version = ? ORDER BY name").all(r.version) as Row[]
      ).map((d) => ({ name: d.name, hash: d.hash })),
    }),
  },
  {
    collection: "regression_questions",
    table: "regression_questions",
    select: "SELECT rowid AS row_number, * FROM regression_questions ORDER BY rowid",
    toDoc: (r) => ({
      _id: r.text,
      intent: r.intent,
      addedBy: r.added_by,
      addedAt: r.added_at,
      // Ties of addedAt in SQLite's insertion order; below every ObjectId a later add makes.
      seq: new Types.ObjectId((r.row_number as number).toString(16).padStart(24, "0")),
    }),
  },
  {
    // A draft as the adapter's create() writes it: step 0 holding the whole draft.
    collection: "knowledge_drafts",
    table: "knowledge_drafts",
    select: "SELECT * FROM knowledge_drafts ORDER BY id",
    toDoc: (r) => {
      const { id, changes, ...rest } = JSON.parse(str(r.body)) as Record<string, unknown> & {
        id: string;
        changes: Record<string, string | null>;
      };
      return {
        _id: `${id}@0`,
        draftId: id,
        step: 0,
        ...rest,
        changes: Object.entries(changes ?? {}).map(([name, text]) => ({ name, text })),
      };
    },
  },
  {
    collection: "inboxFlags",
    table: "inbox_flags",
    select: "SELECT * FROM inbox_flags ORDER BY message_id, agent_id",
    toDoc: (r) => ({
      _id: objectIdOf("inboxFlag", str(r.message_id), str(r.agent_id)),
      messageId: r.message_id,
      agentId: r.agent_id,
      note: r.note,
      at: r.flagged_at,
    }),
  },
  {
    collection: "inboxHandled",
    table: "inbox_handled",
    select: "SELECT * FROM inbox_handled ORDER BY message_id",
    toDoc: (r) => ({ _id: r.message_id, by: r.handled_by, how: r.how, faqId: nullable(r.faq_id), at: r.handled_at }),
  },
];
