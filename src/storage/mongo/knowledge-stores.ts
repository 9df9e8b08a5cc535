// Long because versions, drafts and the regression set each need an insert-on-unique-key scheme of their own (FerretDB lets several conditional updates win), written out beside their schemas.
import { createHash } from "node:crypto";
import { type Connection, type Model, Schema, Types } from "mongoose";
import type {
  DraftStatus,
  KnowledgeDraft,
  KnowledgeDraftStore,
  KnowledgeOrigin,
  KnowledgeVersion,
  KnowledgeVersionStore,
  KnowledgeVersionSummary,
  RegressionQuestion,
  RegressionQuestionStore,
  Storage,
} from "../ports.js";
import { isDuplicateKey } from "./connection.js";

/*
 * The knowledge group in MongoDB: published versions (texts by hash, and the version records),
 * the regression guard's questions, and editors' drafts. Every write is one atomic single-document
 * step or an idempotent insert, so nothing here needs a transaction, and nothing relies on $inc or
 * $push being atomic (FerretDB, the CI server, reads-modifies-writes those and loses updates).
 */

// ---- documents and schemas ---------------------------------------------------------------------

/** One text of the knowledge base, stored once however many versions hold it. */
interface TextDoc {
  /** sha256 of the text, hex. */
  _id: string;
  text: string;
}

/** One document of a version: its name and the hash of its text. */
interface ManifestEntry {
  name: string;
  hash: string;
}

/**
 * A published version. The record carries its manifest (which documents, by name, by hash), so
 * the one insert that allocates the number also makes the whole version visible at once: a
 * publication that stops half way leaves only texts behind, never a version with some documents.
 */
interface VersionDoc {
  /** The version number, allocated by this insert (the unique `_id` refuses a second claim). */
  _id: number;
  author: string;
  note: string;
  publishedAt: string;
  origin: KnowledgeOrigin;
  /** In name order (byte order, as SQLite's ORDER BY name), so reads need not sort. */
  documents: ManifestEntry[];
}

/** A regression question; the text is its key, so a second add of it is a duplicate-key refusal. */
interface RegressionDoc {
  _id: string;
  intent: string;
  addedBy: string;
  addedAt: string;
  /**
   * Insertion order, to break ties between equal `addedAt` as SQLite's rowid does (an ObjectId:
   * exact within one process, to the second across processes).
   */
  seq: Types.ObjectId;
}

/** A draft's fields as in the port, but `changes` as a list: FerretDB refuses keys with a dot. */
interface DraftBody extends Omit<KnowledgeDraft, "id" | "changes"> {
  changes: { name: string; text: string | null }[];
}

/**
 * One step of a draft: `create` writes step 0, each save the step after the one it read. The
 * `_id` ("<draft id>@<step>") is the guard: of the saves that read one step, exactly one inserts
 * the next, the others get a duplicate key. (A conditional replace on {_id, revision} is not
 * enough: in our runs FerretDB let up to 37 of 50 concurrent ones "match".) The draft is its highest step;
 * after a save the steps below it are pruned, and step 0 is kept as a marker without a body, so
 * a second `create` of the id is still refused.
 */
interface DraftStepDoc extends Partial<DraftBody> {
  _id: string;
  draftId: string;
  step: number;
}

const textSchema = new Schema<TextDoc>({ _id: String, text: String }, { versionKey: false });

const versionSchema = new Schema<VersionDoc>(
  {
    _id: Number,
    author: String,
    note: String,
    publishedAt: String,
    origin: String,
    documents: [new Schema<ManifestEntry>({ name: String, hash: String }, { _id: false })],
  },
  { versionKey: false },
);
// latest(origin): the newest version of one origin.
versionSchema.index({ origin: 1, _id: -1 }, { name: "knowledge_versions_origin" });

const regressionSchema = new Schema<RegressionDoc>(
  { _id: String, intent: String, addedBy: String, addedAt: String, seq: Schema.Types.ObjectId },
  { versionKey: false },
);
// list(): oldest first.
regressionSchema.index({ addedAt: 1, seq: 1 }, { name: "regression_questions_added" });

const draftSchema = new Schema<DraftStepDoc>(
  {
    _id: String,
    draftId: String,
    step: Number,
    title: String,
    author: String,
    authorName: String,
    editors: { type: [String], default: undefined },
    baseVersion: Number,
    status: String,
    changes: { type: [new Schema({ name: String, text: String }, { _id: false })], default: undefined },
    notes: {
      type: [
        new Schema({ kind: String, by: String, byName: String, at: String, text: String }, { _id: false }),
      ],
      default: undefined,
    },
    approvedRevision: Number,
    // The outcome's shape is the port's union; stored as given.
    outcome: Schema.Types.Mixed,
    createdAt: String,
    updatedAt: String,
    revision: Number,
  },
  // `minimize: false`: an empty object inside the outcome reads back as it was written.
  { versionKey: false, minimize: false },
);
// get(id), save(): a draft's highest step.
draftSchema.index({ draftId: 1, step: -1 }, { name: "knowledge_drafts_head" });
// list(statuses, limit): a few drafts per status, newest change first.
draftSchema.index({ status: 1, updatedAt: -1 }, { name: "knowledge_drafts_status" });

/** The model of `name` on `conn`, defined once (a second factory call on one connection reuses it). */
function modelOn<T>(conn: Connection, name: string, schema: Schema<T>, collection: string): Model<T> {
  return (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema, collection);
}

// ---- helpers -----------------------------------------------------------------------------------

const hashOf = (text: string) => createHash("sha256").update(text).digest("hex");

/** Names in the order SQLite's `ORDER BY name` gives (UTF-8 bytes, not UTF-16 units). */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * A SQL LIMIT as a query limit: 0 is none (Mongo's limit(0) would be all), a negative one is
 * every row (SQLite's LIMIT -1), so both adapters give the same lists.
 */
const sqlLimit = (limit: number): number | undefined => (limit < 0 ? undefined : limit);

const toSummary = (d: VersionDoc): KnowledgeVersionSummary => ({
  version: d._id,
  author: d.author,
  note: d.note,
  publishedAt: d.publishedAt,
  origin: d.origin,
});

/** Whether every failure of an unordered bulk insert was a duplicate key (someone else's equal row). */
function onlyDuplicates(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (writeErrors === undefined) return isDuplicateKey(error);
  const list: unknown[] = Array.isArray(writeErrors) ? writeErrors : [writeErrors];
  return list.length > 0 && list.every(isDuplicateKey);
}

/**
 * The draft as SQLite would give it back (it keeps JSON.stringify(draft)): undefined fields
 * dropped, so both adapters read back the same value.
 */
const asStored = (draft: KnowledgeDraft): KnowledgeDraft =>
  JSON.parse(JSON.stringify(draft)) as KnowledgeDraft;

const draftStepId = (draftId: string, step: number) => `${draftId}@${step}`;

const toDraftStep = (draft: KnowledgeDraft, step: number): DraftStepDoc => {
  const { id, changes, ...rest } = asStored(draft);
  return {
    _id: draftStepId(id, step),
    draftId: id,
    step,
    ...rest,
    changes: Object.entries(changes).map(([name, text]) => ({ name, text })),
  };
};

/** The draft a step holds; undefined for step 0's marker, which has none. */
const fromDraftStep = (d: DraftStepDoc): KnowledgeDraft | undefined =>
  d.status === undefined
    ? undefined
    : {
        id: d.draftId,
        title: d.title as string,
        author: d.author as string,
        authorName: d.authorName as string,
        editors: d.editors ?? [],
        baseVersion: d.baseVersion as number,
        status: d.status,
        changes: Object.fromEntries((d.changes ?? []).map((c) => [c.name, c.text ?? null])),
        notes: (d.notes ?? []).map((n) => ({
          kind: n.kind,
          by: n.by,
          byName: n.byName,
          at: n.at,
          text: n.text,
        })),
        approvedRevision: d.approvedRevision ?? null,
        outcome: d.outcome ?? null,
        createdAt: d.createdAt as string,
        updatedAt: d.updatedAt as string,
        revision: d.revision as number,
      };

// ---- knowledge versions ------------------------------------------------------------------------

function mongoKnowledgeVersionStore(
  Texts: Model<TextDoc>,
  Versions: Model<VersionDoc>,
): KnowledgeVersionStore {
  /** Reads the highest version number (0 when none); the `_id` index's last key. */
  async function newestNumber(): Promise<number> {
    const d = await Versions.findOne({}, { _id: 1 }).sort({ _id: -1 }).lean<{ _id: number }>();
    return d?._id ?? 0;
  }

  /** Reads which of `hashes` the text collection holds already; returns those hashes. */
  async function storedHashes(hashes: string[]): Promise<Set<string>> {
    const rows = await Texts.find({ _id: { $in: hashes } }, { _id: 1 }).lean<{ _id: string }[]>();
    return new Set(rows.map((r) => r._id));
  }

  /** Stores the texts not stored yet; a text a concurrent publication stored first is the same text. */
  async function storeTexts(texts: Map<string, string>): Promise<void> {
    const have = await storedHashes([...texts.keys()]);
    const missing = [...texts]
      .filter(([hash]) => !have.has(hash))
      .map(([hash, text]) => ({ _id: hash, text }));
    if (missing.length === 0) return;
    try {
      await Texts.insertMany(missing, { ordered: false });
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
  }

  /**
   * Inserts `record` under the next free number and returns it. The unique `_id` lets exactly one
   * of two concurrent publications have a number; the other reads the newest again and tries the
   * one after. Never a counter with $inc: FerretDB would hand one number to two callers.
   */
  async function insertUnderNextNumber(record: Omit<VersionDoc, "_id">): Promise<number> {
    let tried = 0;
    for (;;) {
      const next = Math.max((await newestNumber()) + 1, tried + 1);
      try {
        await Versions.create({ _id: next, ...record });
        return next;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        tried = next;
      }
    }
  }

  /** Reads the texts of a version's manifest; returns its documents by name, in manifest order. */
  async function documentsOf(record: VersionDoc): Promise<Map<string, string>> {
    const hashes = [...new Set(record.documents.map((d) => d.hash))];
    const rows = await Texts.find({ _id: { $in: hashes } }).lean<TextDoc[]>();
    const texts = new Map(rows.map((r) => [r._id, r.text]));
    return new Map(
      record.documents.map((d) => {
        const text = texts.get(d.hash);
        // A text is written before any version naming it, and never removed.
        if (text === undefined)
          throw new Error(`knowledge version ${record._id}: text ${d.hash} of ${d.name} is missing`);
        return [d.name, text];
      }),
    );
  }

  const withDocuments = async (record: VersionDoc | null): Promise<KnowledgeVersion | undefined> =>
    record ? { ...toSummary(record), documents: await documentsOf(record) } : undefined;

  /** Reads the newest version record (of `origin`, when given), manifest included. */
  async function newestRecord(origin?: KnowledgeOrigin): Promise<VersionDoc | null> {
    return Versions.findOne(origin ? { origin } : {})
      .sort({ _id: -1 })
      .lean<VersionDoc>();
  }

  /** Reads the version records up to `version`, manifests included, newest first. */
  async function recordsUpTo(version: number): Promise<VersionDoc[]> {
    return Versions.find({ _id: { $lte: version } })
      .sort({ _id: -1 })
      .lean<VersionDoc[]>();
  }

  /** Reads the newest `limit` version records (all when undefined) without their manifests. */
  async function newestSummaries(limit: number | undefined): Promise<VersionDoc[]> {
    const q = Versions.find({}, { documents: 0 }).sort({ _id: -1 });
    return (limit === undefined ? q : q.limit(limit)).lean<VersionDoc[]>();
  }

  return {
    async publish(v) {
      const texts = new Map<string, string>();
      const documents: ManifestEntry[] = [];
      for (const [name, text] of v.documents) {
        const hash = hashOf(text);
        texts.set(hash, text);
        documents.push({ name, hash });
      }
      documents.sort((a, b) => byteOrder(a.name, b.name));
      // Texts first, the version record last: until it exists, the version is not there.
      await storeTexts(texts);
      const version = await insertUnderNextNumber({
        author: v.author,
        note: v.note,
        publishedAt: v.publishedAt,
        origin: v.origin,
        documents,
      });
      return {
        version,
        author: v.author,
        note: v.note,
        publishedAt: v.publishedAt,
        origin: v.origin,
        documents: new Map(v.documents),
      };
    },
    async get(version) {
      if (!Number.isInteger(version)) return undefined;
      return withDocuments(await Versions.findById(version).lean<VersionDoc>());
    },
    async latest(origin) {
      return withDocuments(await newestRecord(origin));
    },
    async list(limit) {
      if (limit === 0) return [];
      return (await newestSummaries(sqlLimit(limit))).map(toSummary);
    },
    async lastChanges(version) {
      const records = await recordsUpTo(version);
      const byVersion = new Map(
        records.map((r) => [r._id, new Map(r.documents.map((d) => [d.name, d.hash]))]),
      );
      const current = byVersion.get(version) ?? new Map<string, string>();
      // Walking back from `version`, a document keeps its text until the first version that differs.
      const out = new Map<string, KnowledgeVersionSummary>();
      const summaries = new Map(records.map((r) => [r._id, toSummary(r)]));
      for (const [name, hash] of current) {
        let first = version;
        for (let v = version - 1; v >= 1; v--) {
          if (byVersion.get(v)?.get(name) !== hash) break;
          first = v;
        }
        out.set(name, summaries.get(first) as KnowledgeVersionSummary);
      }
      return out;
    },
  };
}

// ---- regression questions ----------------------------------------------------------------------

function mongoRegressionQuestionStore(Questions: Model<RegressionDoc>): RegressionQuestionStore {
  /** Reads every question, oldest first (ties in insertion order). */
  async function allOldestFirst(): Promise<RegressionDoc[]> {
    return Questions.find().sort({ addedAt: 1, seq: 1 }).lean<RegressionDoc[]>();
  }

  return {
    async add(q) {
      try {
        // The text is the key: a second add is refused by the unique `_id`, the first intent kept.
        await Questions.create({
          _id: q.text,
          intent: q.intent,
          addedBy: q.addedBy,
          addedAt: q.addedAt,
          seq: new Types.ObjectId(),
        });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async list() {
      return (await allOldestFirst()).map(
        (d): RegressionQuestion => ({
          text: d._id,
          intent: d.intent,
          addedBy: d.addedBy,
          addedAt: d.addedAt,
        }),
      );
    },
    async remove(text) {
      return (await Questions.deleteOne({ _id: text })).deletedCount === 1;
    },
  };
}

// ---- drafts ------------------------------------------------------------------------------------

function mongoKnowledgeDraftStore(Drafts: Model<DraftStepDoc>): KnowledgeDraftStore {
  /** Reads a draft's highest step (its current state), or null when there is no such draft. */
  async function headOf(draftId: string): Promise<DraftStepDoc | null> {
    return Drafts.findOne({ draftId }).sort({ step: -1 }).lean<DraftStepDoc>();
  }

  /** Reads the highest step number of each of `draftIds`; returns them by draft id. */
  async function headSteps(draftIds: string[]): Promise<Map<string, number>> {
    const rows = await Drafts.find({ draftId: { $in: draftIds } }, { draftId: 1, step: 1 }).lean<
      DraftStepDoc[]
    >();
    const heads = new Map<string, number>();
    for (const r of rows) heads.set(r.draftId, Math.max(r.step, heads.get(r.draftId) ?? -1));
    return heads;
  }

  /**
   * Reads the drafts in `statuses`, newest change first (ties by id), at most `limit` (all when
   * undefined): the steps in those statuses, in pages, each kept when it is its draft's highest
   * (an older step lingers when a save stopped before pruning it).
   */
  async function newestInStatuses(
    statuses: readonly DraftStatus[],
    limit: number | undefined,
  ): Promise<KnowledgeDraft[]> {
    const out: KnowledgeDraft[] = [];
    const cursor = Drafts.find({ status: { $in: [...statuses] } })
      .sort({ updatedAt: -1, draftId: -1 })
      .lean<DraftStepDoc[]>()
      .cursor({ batchSize: 100 });
    const page: DraftStepDoc[] = [];
    const flush = async () => {
      const heads = await headSteps([...new Set(page.map((d) => d.draftId))]);
      for (const d of page.splice(0)) {
        const draft = heads.get(d.draftId) === d.step ? fromDraftStep(d) : undefined;
        if (draft && (limit === undefined || out.length < limit)) out.push(draft);
      }
    };
    try {
      for await (const d of cursor) {
        page.push(d as DraftStepDoc);
        if (page.length === 100) await flush();
        if (limit !== undefined && out.length >= limit) break;
      }
      await flush();
    } finally {
      await cursor.close();
    }
    return out;
  }

  /**
   * Removes the steps a save at `step` superseded: those between 0 and it, and step 0's body (its
   * `_id` stays, to refuse a second create). Idempotent; a save that stopped before it is tidied by
   * the next one.
   */
  async function pruneBelow(draftId: string, step: number): Promise<void> {
    await Drafts.deleteMany({ draftId, step: { $gt: 0, $lt: step } });
    await Drafts.collection.replaceOne({ _id: draftStepId(draftId, 0) as never }, { draftId, step: 0 });
  }

  return {
    async create(draft) {
      // Step 0's `_id` refuses a second draft with this id (as SQLite's primary key does).
      await Drafts.create(toDraftStep(draft, 0));
    },
    async get(id) {
      const head = await headOf(id);
      return head ? fromDraftStep(head) : undefined;
    },
    async list(statuses, limit) {
      if (statuses.length === 0 || limit === 0) return [];
      return newestInStatuses(statuses, sqlLimit(limit));
    },
    async save(draft, expectedRevision) {
      const head = await headOf(draft.id);
      if (!head || head.revision !== expectedRevision) return false;
      const step = head.step + 1;
      try {
        await Drafts.create(toDraftStep(draft, step));
      } catch (error) {
        // Someone else's save of the same revision got this step first.
        if (isDuplicateKey(error)) return false;
        throw error;
      }
      // The save has landed; a failed tidy-up must not report it as refused (the next save retries it).
      await pruneBelow(draft.id, step).catch(() => {});
      return true;
    },
  };
}

// ---- the group ---------------------------------------------------------------------------------

/**
 * The knowledge group's stores on `conn`: defines the models, creates the indexes their queries
 * need (before the desk serves), and returns the stores.
 */
export async function mongoKnowledgeStores(
  conn: Connection,
): Promise<Pick<Storage, "knowledgeVersions" | "regressionQuestions" | "knowledgeDrafts">> {
  const Texts = modelOn(conn, "KnowledgeText", textSchema, "knowledge_texts");
  const Versions = modelOn(conn, "KnowledgeVersion", versionSchema, "knowledge_versions");
  const Questions = modelOn(conn, "RegressionQuestion", regressionSchema, "regression_questions");
  const Drafts = modelOn(conn, "KnowledgeDraft", draftSchema, "knowledge_drafts");
  for (const m of [Texts, Versions, Questions, Drafts] as {
    init(): Promise<unknown>;
    createIndexes(): Promise<unknown>;
  }[]) {
    await m.init();
    await m.createIndexes();
  }
  return {
    knowledgeVersions: mongoKnowledgeVersionStore(Texts, Versions),
    regressionQuestions: mongoRegressionQuestionStore(Questions),
    knowledgeDrafts: mongoKnowledgeDraftStore(Drafts),
  };
}
