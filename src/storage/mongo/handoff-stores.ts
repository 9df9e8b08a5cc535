// Long because the one-open-handoff key, the ticket claim and the per-handoff update queue are FerretDB workarounds that only make sense beside the two stores' schemas.
import { type Connection, type Model, Schema } from "mongoose";
import { isDuplicateKey } from "./connection.js";
import type { HandoffRecord, HandoffStatus, HandoffStore, Storage, TicketRecord, TicketStore } from "../ports.js";

// Instants stay ISO strings, as the ports give them and the SQLite adapter keeps them: every one
// comes from toISOString(), so string order is time order and a read returns exactly what was
// written.

/** A handoff as stored: the record, `_id` = its id, plus the key that keeps one open per conversation. */
interface HandoffDoc extends Omit<HandoffRecord, "id"> {
  _id: string;
  /**
   * `open:<conversationId>` while queued or active, `done:<id>` after: a plain unique index on it
   * allows one open handoff per conversation. Neither a partial index (FerretDB 1.24 refuses
   * `partialFilterExpression`: "not implemented yet") nor a second document is needed, and each
   * write stays atomic on one document.
   */
  openKey: string;
}

interface TicketDoc extends Omit<TicketRecord, "id"> {
  _id: string;
}

/**
 * Who answered a ticket, `_id` = the ticket's id: inserted before the ticket is marked, so the
 * unique `_id` makes one winner. A conditional update (`status: "open"` in the filter) does not:
 * FerretDB 1.24 reads, modifies and writes back, and several of 50 racing agents "won" in a test.
 * Kept after the ticket is marked; removing it would let a late racer win again.
 */
interface TicketAnswerDoc {
  _id: string;
  answeredBy: string;
  answeredAt: string;
}

const OPEN_STATUSES: readonly HandoffStatus[] = ["queued", "active"];

/** The fields of a handoff, in the port's order: what a read returns and an update may set. */
const HANDOFF_FIELDS = [
  "id",
  "conversationId",
  "status",
  "reason",
  "urgency",
  "language",
  "skill",
  "intent",
  "arrivedAt",
  "agentId",
  "offeredAt",
  "acceptedAt",
  "closedAt",
  "wrapUp",
  "closeNote",
  "transferNote",
  "surveyRating",
  "surveyComment",
] as const satisfies readonly (keyof HandoffRecord)[];

const openKeyOf = (status: HandoffStatus, conversationId: string, id: string) =>
  OPEN_STATUSES.includes(status) ? `open:${conversationId}` : `done:${id}`;

const nullableString = { type: String, default: null };

const handoffSchema = new Schema<HandoffDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    status: { type: String, required: true, enum: ["queued", "active", "closed", "cancelled"] },
    reason: { type: String, required: true },
    urgency: { type: String, required: true },
    language: { type: String, required: true },
    skill: { type: String, required: true },
    intent: nullableString,
    arrivedAt: { type: String, required: true },
    agentId: nullableString,
    offeredAt: nullableString,
    acceptedAt: nullableString,
    closedAt: nullableString,
    wrapUp: nullableString,
    closeNote: nullableString,
    transferNote: nullableString,
    surveyRating: { type: Number, default: null },
    surveyComment: nullableString,
    openKey: { type: String, required: true },
  },
  { versionKey: false },
);
// open(conversationId), and the one-open-handoff rule: a second open one is a duplicate key.
handoffSchema.index({ openKey: 1 }, { unique: true, name: "handoffs_one_open" });
// listOpen: the open ones by arrival.
handoffSchema.index({ status: 1, arrivedAt: 1 }, { name: "handoffs_status_arrived" });
// closedBy: one agent's closed chats, newest first.
handoffSchema.index({ agentId: 1, status: 1, closedAt: -1 }, { name: "handoffs_agent_closed" });
// meanHandleSeconds: the last closed chats.
handoffSchema.index({ status: 1, closedAt: -1 }, { name: "handoffs_closed" });

const ticketSchema = new Schema<TicketDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    language: { type: String, required: true },
    text: { type: String, required: true },
    // Sealed by the caller (AES-256-GCM); stored as given, never opened here.
    textSealed: nullableString,
    hasCallback: { type: Boolean, default: null },
    status: { type: String, required: true, enum: ["open", "answered"] },
    createdAt: { type: String, required: true },
    answeredBy: nullableString,
    answeredAt: nullableString,
  },
  { versionKey: false },
);
// list(status, limit): by status in created order.
ticketSchema.index({ status: 1, createdAt: 1 }, { name: "tickets_status" });

const ticketAnswerSchema = new Schema<TicketAnswerDoc>(
  {
    _id: { type: String, required: true },
    answeredBy: { type: String, required: true },
    answeredAt: { type: String, required: true },
  },
  { versionKey: false },
);

/** A model on this connection, defined once even if the stores are made again on it. */
function modelOn<T>(conn: Connection, name: string, schema: Schema<T>, collection: string): Model<T> {
  return (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema, collection);
}

/**
 * SQLite's LIMIT as MongoDB's: 0 gives nothing (MongoDB would read it as "no limit"), a negative
 * one gives everything.
 */
const sqlLimit = (limit: number): number | "none" | "all" => (limit === 0 ? "none" : limit < 0 ? "all" : limit);

const toHandoff = (d: HandoffDoc): HandoffRecord =>
  Object.fromEntries(
    HANDOFF_FIELDS.map((field) => [field, field === "id" ? d._id : ((d as unknown as Record<string, unknown>)[field] ?? null)]),
  ) as unknown as HandoffRecord;

const toTicket = (d: TicketDoc): TicketRecord => ({
  id: d._id,
  conversationId: d.conversationId,
  language: d.language,
  text: d.text,
  textSealed: d.textSealed ?? null,
  hasCallback: d.hasCallback ?? null,
  status: d.status,
  createdAt: d.createdAt,
  answeredBy: d.answeredBy ?? null,
  answeredAt: d.answeredAt ?? null,
});

/** Reads the conversation's queued or active handoff (through the one-open key); undefined if none. */
async function findOpenHandoff(handoffs: Model<HandoffDoc>, conversationId: string): Promise<HandoffRecord | undefined> {
  const d = await handoffs.findOne({ openKey: `open:${conversationId}` }).lean<HandoffDoc>();
  return d ? toHandoff(d) : undefined;
}

/** Reads every queued or active handoff; returns them oldest arrival first. */
async function listOpenHandoffs(handoffs: Model<HandoffDoc>): Promise<HandoffRecord[]> {
  const docs = await handoffs.find({ status: { $in: OPEN_STATUSES } }).sort({ arrivedAt: 1 }).lean<HandoffDoc[]>();
  return docs.map(toHandoff);
}

/** Reads the chats `agentId` closed at or after `since`; returns at most `limit`, newest close first. */
async function findClosedBy(handoffs: Model<HandoffDoc>, agentId: string, since: string, limit: number): Promise<HandoffRecord[]> {
  const n = sqlLimit(limit);
  if (n === "none") return [];
  const query = handoffs.find({ agentId, status: "closed", closedAt: { $gte: since } }).sort({ closedAt: -1 });
  const docs = await (n === "all" ? query : query.limit(n)).lean<HandoffDoc[]>();
  return docs.map(toHandoff);
}

/**
 * Reads the accept and close times of the last `limit` closed, accepted chats; returns the mean
 * seconds between them, null when there are none. Averaged here, not by `$avg`: FerretDB's
 * `$group` has only `$sum` and `$count`, and the read is bounded by `limit`.
 */
async function meanHandleSeconds(handoffs: Model<HandoffDoc>, limit: number): Promise<number | null> {
  const n = sqlLimit(limit);
  if (n === "none") return null;
  const query = handoffs
    .find({ status: "closed", acceptedAt: { $ne: null } }, { _id: 0, acceptedAt: 1, closedAt: 1 })
    .sort({ closedAt: -1 });
  const docs = await (n === "all" ? query : query.limit(n)).lean<Pick<HandoffDoc, "acceptedAt" | "closedAt">[]>();
  if (docs.length === 0) return null;
  const total = docs.reduce((sum, d) => sum + (Date.parse(d.closedAt ?? "") - Date.parse(d.acceptedAt ?? "")) / 1000, 0);
  return total / docs.length;
}

/** Reads up to `limit` tickets of a status; returns them in created order. */
async function listTickets(tickets: Model<TicketDoc>, status: TicketRecord["status"], limit: number): Promise<TicketRecord[]> {
  const n = sqlLimit(limit);
  if (n === "none") return [];
  const query = tickets.find({ status }).sort({ createdAt: 1 });
  const docs = await (n === "all" ? query : query.limit(n)).lean<TicketDoc[]>();
  return docs.map(toTicket);
}

/**
 * Runs the work given for one key after the earlier work for that key (failed or not). FerretDB
 * 1.24 applies an update by reading the document and writing it back whole, so two updates of
 * one handoff at once can undo each other's fields (MongoDB cannot lose them): in one process
 * they go one at a time. Across instances the risk stays on FerretDB.
 */
class OneAtATime {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => {});
    this.tails.set(key, tail);
    // Forgotten once nothing waits behind it, so the map holds only handoffs being updated now.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** Sets the given fields of a handoff, and its open key with its status; nothing when it is unknown. */
async function updateHandoff(handoffs: Model<HandoffDoc>, id: string, changes: Partial<Omit<HandoffRecord, "id" | "conversationId">>): Promise<void> {
  const set: Record<string, unknown> = {};
  for (const field of HANDOFF_FIELDS) {
    if (field === "id" || field === "conversationId" || !(field in changes)) continue;
    set[field] = changes[field] ?? null;
  }
  if (Object.keys(set).length === 0) return;
  if (changes.status) {
    // The conversation never changes, so reading it first is no read-modify-write race; the
    // status and its open key are then set together in one single-document write, and a
    // reopening that would make a second open handoff fails on the unique key.
    const current = await handoffs.findById(id, { conversationId: 1 }).lean<Pick<HandoffDoc, "conversationId">>();
    if (!current) return;
    set.openKey = openKeyOf(changes.status, current.conversationId, id);
  }
  await handoffs.updateOne({ _id: id }, { $set: set });
}

function handoffStore(handoffs: Model<HandoffDoc>): HandoffStore {
  const updates = new OneAtATime();
  return {
    async create(r: HandoffRecord) {
      const { id, ...fields } = r;
      // A second open handoff of the conversation fails on handoffs_one_open with the driver's
      // duplicate-key error (code 11000), as SQLite's unique index fails with its own; callers
      // let it propagate. 50 racing creates leave exactly one open.
      await handoffs.create({ ...fields, _id: id, openKey: openKeyOf(r.status, r.conversationId, id) });
    },
    async get(id: string) {
      const d = await handoffs.findById(id).lean<HandoffDoc>();
      return d ? toHandoff(d) : undefined;
    },
    open: (conversationId: string) => findOpenHandoff(handoffs, conversationId),
    listOpen: () => listOpenHandoffs(handoffs),
    update: (id: string, changes: Partial<Omit<HandoffRecord, "id" | "conversationId">>) =>
      updates.run(id, () => updateHandoff(handoffs, id, changes)),
    closedBy: (agentId: string, since: string, limit: number) => findClosedBy(handoffs, agentId, since, limit),
    meanHandleSeconds: (limit: number) => meanHandleSeconds(handoffs, limit),
  };
}

/**
 * Marks the ticket answered as its claim says. Every writer writes the same values (the claim's),
 * so writes racing or repeated after a crash between claim and mark leave the same ticket.
 */
async function markFromClaim(tickets: Model<TicketDoc>, claim: TicketAnswerDoc): Promise<void> {
  await tickets.updateOne({ _id: claim._id }, { $set: { status: "answered", answeredBy: claim.answeredBy, answeredAt: claim.answeredAt } });
}

function ticketStore(tickets: Model<TicketDoc>, answers: Model<TicketAnswerDoc>): TicketStore {
  return {
    async create(r: TicketRecord) {
      const { id, ...fields } = r;
      await tickets.create({ ...fields, _id: id });
    },
    async get(id: string) {
      const d = await tickets.findById(id).lean<TicketDoc>();
      return d ? toTicket(d) : undefined;
    },
    list: (status: TicketRecord["status"], limit: number) => listTickets(tickets, status, limit),
    async markAnswered(id: string, agentId: string, at: string) {
      const current = await tickets.findById(id, { status: 1 }).lean<Pick<TicketDoc, "status">>();
      if (current?.status !== "open") return false;
      const claim: TicketAnswerDoc = { _id: id, answeredBy: agentId, answeredAt: at };
      try {
        await answers.create(claim);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Someone else answered first. Their mark may not be written yet (they are racing us, or
        // crashed just after claiming): finish it, so the ticket leaves the open list.
        const winner = await answers.findById(id).lean<TicketAnswerDoc>();
        if (winner) await markFromClaim(tickets, winner);
        return false;
      }
      await markFromClaim(tickets, claim);
      return true;
    },
  };
}

/**
 * The handoff and ticket stores in MongoDB (collections `handoffs`, `tickets` and
 * `ticket_answers`), behaving as the SQLite adapter's. Defines the models on `conn` and creates their indexes before returning.
 */
export async function mongoHandoffStores(conn: Connection): Promise<Pick<Storage, "handoffs" | "tickets">> {
  const handoffs = modelOn(conn, "Handoff", handoffSchema, "handoffs");
  const tickets = modelOn(conn, "Ticket", ticketSchema, "tickets");
  const ticketAnswers = modelOn(conn, "TicketAnswer", ticketAnswerSchema, "ticket_answers");
  await Promise.all([handoffs.createIndexes(), tickets.createIndexes(), ticketAnswers.createIndexes()]);
  return { handoffs: handoffStore(handoffs), tickets: ticketStore(tickets, ticketAnswers) };
}
