import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type { KnowledgeOrigin, KnowledgeVersion, KnowledgeVersionStore, KnowledgeVersionSummary, RegressionQuestion, RegressionQuestionStore } from "../ports.js";
import type { Write } from "./staff-stores.js";

const toSummary = (r: Record<string, unknown>): KnowledgeVersionSummary => ({
  version: r.version as number,
  author: r.author as string,
  note: r.note as string,
  publishedAt: r.published_at as string,
  origin: r.origin as KnowledgeOrigin,
});

const hashOf = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Knowledge versions in three tables: texts by their hash (a version that changes one FAQ adds one
 * text), the versions, and each version's documents by name. The next number is taken inside the
 * write transaction, so two publications never share one.
 */
export function sqliteKnowledgeVersionStore(db: Database.Database, write: Write): KnowledgeVersionStore {
  const last = db.prepare("SELECT MAX(version) FROM knowledge_versions").pluck();
  const insertText = db.prepare("INSERT OR IGNORE INTO knowledge_texts (hash, text) VALUES (?, ?)");
  const insertVersion = db.prepare(
    "INSERT INTO knowledge_versions (version, author, note, published_at, origin) VALUES (@version, @author, @note, @publishedAt, @origin)",
  );
  const insertDocument = db.prepare("INSERT INTO knowledge_documents (version, name, hash) VALUES (?, ?, ?)");
  const summary = db.prepare("SELECT * FROM knowledge_versions WHERE version = ?");
  const newest = db.prepare("SELECT * FROM knowledge_versions ORDER BY version DESC LIMIT 1");
  const newestOf = db.prepare("SELECT * FROM knowledge_versions WHERE origin = ? ORDER BY version DESC LIMIT 1");
  const page = db.prepare("SELECT * FROM knowledge_versions ORDER BY version DESC LIMIT ?");
  const history = db.prepare("SELECT version, name, hash FROM knowledge_documents WHERE version <= ? ORDER BY version DESC");
  const documents = db.prepare(
    "SELECT d.name, t.text FROM knowledge_documents d JOIN knowledge_texts t ON t.hash = d.hash WHERE d.version = ? ORDER BY d.name",
  );
  const withDocuments = (row: Record<string, unknown> | undefined): KnowledgeVersion | undefined => {
    if (!row) return undefined;
    const s = toSummary(row);
    const rows = documents.all(s.version) as { name: string; text: string }[];
    return { ...s, documents: new Map(rows.map((r) => [r.name, r.text])) };
  };
  return {
    publish(v) {
      return write(() => {
        const version = ((last.get() as number | null) ?? 0) + 1;
        const record: KnowledgeVersion = { version, author: v.author, note: v.note, publishedAt: v.publishedAt, origin: v.origin, documents: new Map(v.documents) };
        insertVersion.run(record);
        for (const [name, text] of record.documents) {
          const hash = hashOf(text);
          insertText.run(hash, text);
          insertDocument.run(version, name, hash);
        }
        return record;
      });
    },
    async get(version) {
      return withDocuments(summary.get(version) as Record<string, unknown> | undefined);
    },
    async latest(origin) {
      return withDocuments((origin ? newestOf.get(origin) : newest.get()) as Record<string, unknown> | undefined);
    },
    async list(limit) {
      return (page.all(limit) as Record<string, unknown>[]).map(toSummary);
    },
    async lastChanges(version) {
      // Every version's document hashes, newest first (names and hashes only: a few thousand short rows).
      const rows = history.all(version) as { version: number; name: string; hash: string }[];
      const current = new Map(rows.filter((r) => r.version === version).map((r) => [r.name, r.hash]));
      const since = new Map<string, number>();
      const byVersion = new Map<number, Map<string, string>>();
      for (const r of rows) {
        const docs = byVersion.get(r.version) ?? new Map<string, string>();
        byVersion.set(r.version, docs);
        docs.set(r.name, r.hash);
      }
      // Walking back from `version`, a document keeps its text until the first version that differs.
      for (const [name, hash] of current) {
        let first = version;
        for (let v = version - 1; v >= 1; v--) {
          if (byVersion.get(v)?.get(name) !== hash) break;
          first = v;
        }
        since.set(name, first);
      }
      const summaries = new Map((page.all(100_000) as Record<string, unknown>[]).map((r) => [r.version as number, toSummary(r)]));
      return new Map([...since].map(([name, v]) => [name, summaries.get(v) as KnowledgeVersionSummary]));
    },
  };
}

/** The regression guard's questions in `regression_questions`, one row per text. */
export function sqliteRegressionQuestionStore(db: Database.Database, write: Write): RegressionQuestionStore {
  const insert = db.prepare("INSERT OR IGNORE INTO regression_questions (text, intent, added_by, added_at) VALUES (@text, @intent, @addedBy, @addedAt)");
  const all = db.prepare("SELECT text, intent, added_by, added_at FROM regression_questions ORDER BY added_at, rowid");
  const remove = db.prepare("DELETE FROM regression_questions WHERE text = ?");
  return {
    add: (q) => write(() => insert.run(q).changes === 1),
    async list() {
      return (all.all() as Record<string, string>[]).map((r): RegressionQuestion => ({ text: r.text as string, intent: r.intent as string, addedBy: r.added_by as string, addedAt: r.added_at as string }));
    },
    remove: (text) => write(() => remove.run(text).changes === 1),
  };
}
