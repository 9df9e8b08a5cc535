// Long because one-winner rules (TOTP steps, recovery codes, session ends, audit seq) are each an insert on a unique key with its read-side merge, FerretDB letting conditional updates through; they share the staff models.
// The staff group of storage in MongoDB: accounts, sessions, the audit log and delayed jobs.
//
// Every "only one winner" rule here is an insert guarded by a unique key (the duplicate-key refusal,
// code 11000, says who lost), never a conditional update: FerretDB (CI) runs an update as read,
// modify, write back, so two conditional `$set`s on one document can both report a change, and
// concurrent updates of one document can lose each other. A document that several writers race on
// is therefore only ever written by the one writer that won an insert first.
import { randomUUID } from "node:crypto";
import { type Connection, type Model, Schema } from "mongoose";
import { STAFF_ROLES } from "../../domain/staff-role.js";
import {
  AUDIT_GENESIS,
  type AuditRecord,
  type AuditStore,
  type DelayedJobStore,
  type StaffChanges,
  type StaffRecord,
  type StaffSessionRecord,
  type StaffSessionStore,
  type StaffStore,
  type Storage,
  type StoredJob,
} from "../ports.js";
import { isDuplicateKey } from "./connection.js";

// ---------------------------------------------------------------------------------------------
// Documents and schemas (each schema's indexes next to it; created by the factory at start).

/** A staff account; `totpLastStep` is the floor an admin set, the used steps are in `staffOnceUsed`. */
interface StaffDoc extends Omit<StaffRecord, "id"> {
  _id: string;
  /** Names the current set of recovery codes: a use is recorded against one set, so a new set starts unused. */
  recoveryCodeSet: string;
}

const staffSchema = new Schema<StaffDoc>(
  {
    _id: { type: String, required: true },
    // Not `required`: mongoose would refuse "", which SQLite takes; the unique index is the rule.
    username: String,
    displayName: String,
    passwordHash: String,
    languages: [String],
    skills: [String],
    // The same bounds as the SQLite CHECK, so both adapters refuse the same accounts.
    capacity: { type: Number, min: 0, max: 20, required: true },
    disabled: Boolean,
    createdAt: String,
    roles: [{ type: String, enum: STAFF_ROLES }],
    totpSecretSealed: { type: String, default: null },
    totpLastStep: { type: Number, default: 0 },
    recoveryCodeHashes: [String],
    recoveryCodeSet: String,
    requireSecondFactor: Boolean,
  },
  { versionKey: false },
);
// findByUsername and list (ordered by username); and one account per username.
staffSchema.index({ username: 1 }, { unique: true });

/**
 * One use of something that works once: a TOTP step (`totp:<staff>:<step>`) or a recovery code of
 * one set (`recovery:<staff>:<set>:<hash>`). The unique `_id` makes the first use the only one.
 */
interface OnceUsedDoc {
  _id: string;
  staffId: string;
  kind: "totp" | "recovery";
  step?: number;
  codeSet?: string;
  hash?: string;
}

const onceUsedSchema = new Schema<OnceUsedDoc>(
  {
    _id: { type: String, required: true },
    staffId: { type: String, required: true },
    kind: { type: String, enum: ["totp", "recovery"], required: true },
    step: Number,
    codeSet: String,
    hash: String,
  },
  { versionKey: false },
);
// Each account's uses (read with the account; the latest step first).
onceUsedSchema.index({ staffId: 1, kind: 1, step: -1 });

/** A session as created; `endedAt` is copied here by the one writer that won its `staffSessionEnds` insert. */
interface SessionDoc extends Omit<StaffSessionRecord, "id"> {
  _id: string;
}

const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String, required: true },
    staffId: { type: String, required: true },
    createdAt: String,
    expiresAt: String,
    endedAt: { type: String, default: null },
    endedReason: { type: String, default: null },
  },
  { versionKey: false },
);
// An account's open sessions (endAllFor).
sessionSchema.index({ staffId: 1, endedAt: 1 });

/** The end of one session: its `_id` is the session's, so a session ends once. */
interface SessionEndDoc {
  _id: string;
  at: string;
  reason: string;
}

const sessionEndSchema = new Schema<SessionEndDoc>(
  { _id: { type: String, required: true }, at: String, reason: String },
  { versionKey: false },
);

/** One audit record; `_id` is its seq, so two appends cannot both take a number. */
interface AuditDoc extends Omit<AuditRecord, "seq"> {
  _id: number;
}

const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: Number, required: true },
    at: { type: String, required: true },
    actor: { type: String, default: null },
    action: String,
    target: { type: String, default: null },
    detail: { type: Schema.Types.Mixed, default: {} },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  // minimize: false keeps an empty `detail` ({}) instead of dropping it (the hash covers it).
  { versionKey: false, minimize: false },
);
// The audit page's filters, newest first.
auditSchema.index({ actor: 1, _id: -1 });
auditSchema.index({ action: 1, _id: -1 });
auditSchema.index({ target: 1, _id: -1 });
auditSchema.index({ at: 1 });

/** A delayed job; `_id` is its kind and key, so a job replaces the one of the same kind and key. */
interface JobDoc extends StoredJob {
  _id: string;
}

const jobSchema = new Schema<JobDoc>(
  {
    _id: { type: String, required: true },
    kind: String,
    key: String,
    payload: { type: Schema.Types.Mixed, default: {} },
    dueAt: { type: Number, required: true },
  },
  { versionKey: false, minimize: false },
);
// all(), in due order.
jobSchema.index({ dueAt: 1 });

// ---------------------------------------------------------------------------------------------

/** The model of `name` on this connection, defined once (a second factory call reuses it). */
function modelOn<T>(conn: Connection, name: string, schema: Schema<T>, collection: string): Model<T> {
  return (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema, collection);
}

interface StaffModels {
  staff: Model<StaffDoc>;
  onceUsed: Model<OnceUsedDoc>;
  sessions: Model<SessionDoc>;
  sessionEnds: Model<SessionEndDoc>;
  audit: Model<AuditDoc>;
  jobs: Model<JobDoc>;
}

/**
 * The staff group of storage on a MongoDB connection: defines the models, creates their indexes
 * (and collections) and returns the stores.
 */
export async function mongoStaffStores(conn: Connection): Promise<Pick<Storage, "staff" | "staffSessions" | "audit" | "delayedJobs">> {
  const models: StaffModels = {
    staff: modelOn(conn, "Staff", staffSchema, "staff"),
    onceUsed: modelOn(conn, "StaffOnceUsed", onceUsedSchema, "staffOnceUsed"),
    sessions: modelOn(conn, "StaffSession", sessionSchema, "staffSessions"),
    sessionEnds: modelOn(conn, "StaffSessionEnd", sessionEndSchema, "staffSessionEnds"),
    audit: modelOn(conn, "AuditRecord", auditSchema, "auditLog"),
    jobs: modelOn(conn, "DelayedJob", jobSchema, "delayedJobs"),
  };
  for (const model of Object.values(models) as Model<unknown>[]) {
    await model.init();
    await model.createIndexes();
  }
  return {
    staff: mongoStaffStore(models),
    staffSessions: mongoStaffSessionStore(models),
    audit: mongoAuditStore(models.audit),
    delayedJobs: mongoDelayedJobStore(models.jobs),
  };
}

// ---------------------------------------------------------------------------------------------
// Staff accounts.

/** What the once-used markers of one account say: its latest used step, and its used codes by set. */
interface Uses {
  lastStep: number;
  usedCodes: Set<string>;
}

const codeKey = (codeSet: string, hash: string) => `${codeSet}:${hash}`;

/** Reads the once-used markers of these accounts; returns each account's uses (absent: none). */
async function usesOf(onceUsed: Model<OnceUsedDoc>, staffIds: string[]): Promise<Map<string, Uses>> {
  const uses = new Map<string, Uses>();
  if (staffIds.length === 0) return uses;
  const markers = await onceUsed.find({ staffId: { $in: staffIds } }).lean();
  for (const m of markers) {
    const u = uses.get(m.staffId) ?? { lastStep: 0, usedCodes: new Set<string>() };
    uses.set(m.staffId, u);
    if (m.kind === "totp") u.lastStep = Math.max(u.lastStep, m.step ?? 0);
    else u.usedCodes.add(codeKey(m.codeSet ?? "", m.hash ?? ""));
  }
  return uses;
}

/** Reads the latest TOTP step used by one account (its marker with the highest step); 0 when none. */
async function latestUsedStep(onceUsed: Model<OnceUsedDoc>, staffId: string): Promise<number> {
  const latest = await onceUsed.findOne({ staffId, kind: "totp" }).sort({ step: -1 }).lean();
  return latest?.step ?? 0;
}

/** Reads which of the codes of one set of one account were used; returns their hashes. */
async function usedCodesOf(onceUsed: Model<OnceUsedDoc>, staffId: string, codeSet: string): Promise<Set<string>> {
  const markers = await onceUsed.find({ staffId, kind: "recovery", codeSet }).lean();
  return new Set(markers.map((m) => m.hash ?? ""));
}

/** An account as the port gives it: the stored document with its uses taken off. */
function toStaff(d: StaffDoc, uses: Uses | undefined): StaffRecord {
  return {
    id: d._id,
    username: d.username,
    displayName: d.displayName,
    passwordHash: d.passwordHash,
    languages: [...d.languages],
    skills: [...d.skills],
    capacity: d.capacity,
    disabled: d.disabled,
    createdAt: d.createdAt,
    roles: [...d.roles],
    totpSecretSealed: d.totpSecretSealed ?? null,
    totpLastStep: Math.max(d.totpLastStep, uses?.lastStep ?? 0),
    recoveryCodeHashes: d.recoveryCodeHashes.filter((h) => !uses?.usedCodes.has(codeKey(d.recoveryCodeSet, h))),
    requireSecondFactor: d.requireSecondFactor,
  };
}

/** The fields `update` may change (the SQLite adapter's column list). */
const STAFF_FIELDS: readonly (keyof StaffChanges)[] = [
  "displayName",
  "passwordHash",
  "languages",
  "skills",
  "capacity",
  "disabled",
  "roles",
  "totpSecretSealed",
  "totpLastStep",
  "recoveryCodeHashes",
  "requireSecondFactor",
];

/** Inserts a once-used marker; false when it was there already (used before). */
async function markUsed(onceUsed: Model<OnceUsedDoc>, marker: OnceUsedDoc): Promise<boolean> {
  try {
    await onceUsed.create(marker);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

function mongoStaffStore({ staff, onceUsed }: StaffModels): StaffStore {
  const withUses = async (d: StaffDoc | null): Promise<StaffRecord | undefined> =>
    d ? toStaff(d, (await usesOf(onceUsed, [d._id])).get(d._id)) : undefined;
  return {
    async create(r) {
      const { id, ...fields } = r;
      try {
        await staff.create({ _id: id, ...fields, recoveryCodeSet: randomUUID() });
      } catch (error) {
        // FerretDB's refusal does not say which index refused, so look. The accounts check the
        // username first (STAFF_USERNAME_TAKEN); this is the race past that check, as SQLite's constraint is.
        if (isDuplicateKey(error) && (await staff.exists({ username: r.username }))) {
          throw new Error(`staff username '${r.username}' is taken`);
        }
        throw error;
      }
    },
    async get(id) {
      return withUses(await staff.findById(id).lean());
    },
    async findByUsername(username) {
      return withUses(await staff.findOne({ username }).lean());
    },
    async list() {
      const docs = await staff.find().sort({ username: 1 }).lean();
      const uses = await usesOf(onceUsed, docs.map((d) => d._id));
      return docs.map((d) => toStaff(d, uses.get(d._id)));
    },
    async update(id, changes) {
      const set: Record<string, unknown> = {};
      for (const k of STAFF_FIELDS) if (changes[k] !== undefined) set[k] = changes[k];
      if (Object.keys(set).length === 0) return (await staff.exists({ _id: id })) !== null;
      // New codes are a new set: the uses recorded against the old one no longer count.
      const codeSet = changes.recoveryCodeHashes !== undefined ? randomUUID() : undefined;
      if (codeSet) set.recoveryCodeSet = codeSet;
      const result = await staff.updateOne({ _id: id }, { $set: set }, { runValidators: true });
      if (result.matchedCount !== 1) return false;
      // Tidying only (reads already ignore them): old sets' uses, and steps above a floor set lower.
      if (codeSet) await onceUsed.deleteMany({ staffId: id, kind: "recovery", codeSet: { $ne: codeSet } });
      if (changes.totpLastStep !== undefined) await onceUsed.deleteMany({ staffId: id, kind: "totp", step: { $gt: changes.totpLastStep } });
      return true;
    },
    async advanceTotpStep(id, step) {
      const d = await staff.findById(id, { totpLastStep: 1 }).lean();
      if (!d || step <= d.totpLastStep) return false;
      if ((await latestUsedStep(onceUsed, id)) >= step) return false;
      if (!(await markUsed(onceUsed, { _id: `totp:${id}:${step}`, staffId: id, kind: "totp", step }))) return false;
      // A later step that got in while this one was being marked wins: steps only go forward.
      if ((await latestUsedStep(onceUsed, id)) > step) return false;
      await onceUsed.deleteMany({ staffId: id, kind: "totp", step: { $lt: step } });
      return true;
    },
    async consumeRecoveryCode(id, hash) {
      const d = await staff.findById(id, { recoveryCodeHashes: 1, recoveryCodeSet: 1 }).lean();
      if (!d?.recoveryCodeHashes.includes(hash)) return undefined;
      const marker: OnceUsedDoc = { _id: `recovery:${id}:${d.recoveryCodeSet}:${hash}`, staffId: id, kind: "recovery", codeSet: d.recoveryCodeSet, hash };
      if (!(await markUsed(onceUsed, marker))) return undefined;
      const used = await usedCodesOf(onceUsed, id, d.recoveryCodeSet);
      return d.recoveryCodeHashes.filter((h) => !used.has(h)).length;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Staff sessions.

const toSession = (d: SessionDoc, end: SessionEndDoc | null): StaffSessionRecord => ({
  id: d._id,
  staffId: d.staffId,
  createdAt: d.createdAt,
  expiresAt: d.expiresAt,
  endedAt: d.endedAt ?? end?.at ?? null,
  endedReason: d.endedReason ?? end?.reason ?? null,
});

function mongoStaffSessionStore({ staff, sessions, sessionEnds }: StaffModels): StaffSessionStore {
  /** Ends one session if this call is the first to: inserts its end, then (the winner alone) copies it onto the session. */
  const endOnce = async (id: string, at: string, reason: string): Promise<boolean> => {
    try {
      await sessionEnds.create({ _id: id, at, reason });
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    await sessions.updateOne({ _id: id }, { $set: { endedAt: at, endedReason: reason } });
    return true;
  };
  return {
    async create(r) {
      const { id, ...fields } = r;
      // The SQLite foreign key, checked by hand (accounts are never deleted, so no race to lose).
      if (!(await staff.exists({ _id: r.staffId }))) throw new Error(`staff session ${id}: no account ${r.staffId}`);
      // One created already ended has its end on the session itself: end() and endAllFor() skip it.
      await sessions.create({ _id: id, ...fields });
    },
    async get(id) {
      const d = await sessions.findById(id).lean();
      if (!d) return undefined;
      // An end whose copy onto the session did not happen (the winner stopped in between) still counts.
      return toSession(d, d.endedAt === null ? await sessionEnds.findById(id).lean() : null);
    },
    async end(id, at, reason) {
      const d = await sessions.findById(id, { endedAt: 1 }).lean();
      if (!d || d.endedAt !== null) return false;
      return endOnce(id, at, reason);
    },
    async endAllFor(staffId, at, reason) {
      const open = await openSessionIds(sessions, staffId);
      const won = await Promise.all(open.map((id) => endOnce(id, at, reason)));
      return open.filter((_, i) => won[i]);
    },
  };
}

/** Reads the ids of an account's sessions not marked ended, oldest first (some may be ending right now). */
async function openSessionIds(sessions: Model<SessionDoc>, staffId: string): Promise<string[]> {
  const open = await sessions.find({ staffId, endedAt: null }, { _id: 1 }).sort({ createdAt: 1, _id: 1 }).lean();
  return open.map((d) => d._id);
}

// ---------------------------------------------------------------------------------------------
// The audit log.

const toAudit = (d: AuditDoc): AuditRecord => ({
  seq: d._id,
  at: d.at,
  actor: d.actor ?? null,
  action: d.action,
  target: d.target ?? null,
  detail: d.detail ?? {},
  prevHash: d.prevHash,
  hash: d.hash,
});

/** How many times an append tries the next number before giving up (each loss means another append went in). */
const MAX_APPEND_ATTEMPTS = 10_000;

/** Reads the last record (highest seq); its seq and hash, or 0 and the genesis hash for an empty log. */
async function lastAuditLink(audit: Model<AuditDoc>): Promise<{ seq: number; hash: string }> {
  const last = await audit.findOne({}, { _id: 1, hash: 1 }).sort({ _id: -1 }).lean();
  return last ? { seq: last._id, hash: last.hash } : { seq: 0, hash: AUDIT_GENESIS };
}

type AuditFilter = Parameters<AuditStore["list"]>[0];

/** The query of `list`'s filter (times compare as ISO strings, as in SQLite). */
function auditQuery(filter: AuditFilter): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (filter.actor !== undefined) q.actor = filter.actor;
  if (filter.action !== undefined) q.action = filter.action;
  if (filter.target !== undefined) q.target = filter.target;
  const at: Record<string, string> = {};
  if (filter.since !== undefined) at.$gte = filter.since;
  if (filter.until !== undefined) at.$lt = filter.until;
  if (Object.keys(at).length) q.at = at;
  if (filter.beforeSeq !== undefined) q._id = { $lt: filter.beforeSeq };
  return q;
}

/**
 * Reads the latest `limit` records matching the filter (newest first, then turned back into seq
 * order). A negative limit is no limit, zero is none, as SQLite's LIMIT.
 */
async function latestAuditRecords(audit: Model<AuditDoc>, filter: AuditFilter): Promise<AuditRecord[]> {
  if (filter.limit === 0) return [];
  const query = audit.find(auditQuery(filter)).sort({ _id: -1 });
  if (filter.limit > 0) query.limit(filter.limit);
  return (await query.lean()).map(toAudit).reverse();
}

/** Reads the records after `afterSeq` in seq order, at most `limit` (negative: all, as SQLite). */
async function auditPage(audit: Model<AuditDoc>, afterSeq: number, limit: number): Promise<AuditRecord[]> {
  if (limit === 0) return [];
  const query = audit.find({ _id: { $gt: afterSeq } }).sort({ _id: 1 });
  if (limit > 0) query.limit(limit);
  return (await query.lean()).map(toAudit);
}

function mongoAuditStore(audit: Model<AuditDoc>): AuditStore {
  return {
    // Takes the number after the last record by inserting it: the unique `_id` lets one append have
    // it; the others read the new last record and try the number after that. Records never change,
    // so the hash read for seq n - 1 is the hash record n chains to.
    async append(entry, seal) {
      for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
        const last = await lastAuditLink(audit);
        const seq = last.seq + 1;
        const record: AuditRecord = { ...entry, seq, prevHash: last.hash, hash: seal(seq, last.hash) };
        const { seq: _id, ...fields } = record;
        try {
          await audit.create({ _id, ...fields });
          return record;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
      }
      throw new Error(`audit append: no free sequence number after ${MAX_APPEND_ATTEMPTS} attempts`);
    },
    list(filter) {
      return latestAuditRecords(audit, filter);
    },
    page(afterSeq, limit) {
      return auditPage(audit, afterSeq, limit);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Delayed jobs.

/** A job's `_id`: its kind and key, unambiguous whatever characters they hold. */
const jobId = (kind: string, key: string) => JSON.stringify([kind, key]);

function mongoDelayedJobStore(jobs: Model<JobDoc>): DelayedJobStore {
  return {
    async save(job) {
      const doc = { kind: job.kind, key: job.key, payload: job.payload, dueAt: job.dueAt };
      // Two first saves at once may both try to insert (FerretDB upserts by read then insert): the
      // loser's duplicate-key refusal means the job exists now, and a second try replaces it.
      for (let attempt = 0; ; attempt++) {
        try {
          await jobs.replaceOne({ _id: jobId(job.kind, job.key) }, doc, { upsert: true });
          return;
        } catch (error) {
          if (!isDuplicateKey(error) || attempt >= 3) throw error;
        }
      }
    },
    async remove(kind, key) {
      await jobs.deleteOne({ _id: jobId(kind, key) });
    },
    async all() {
      const docs = await jobs.find().sort({ dueAt: 1, _id: 1 }).lean();
      return docs.map((d) => ({ kind: d.kind, key: d.key, payload: { ...(d.payload ?? {}) }, dueAt: d.dueAt }));
    },
  };
}
