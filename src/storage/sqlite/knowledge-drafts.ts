import type Database from "better-sqlite3";
import type { KnowledgeDraft, KnowledgeDraftStore } from "../ports.js";
import type { Write } from "./staff-stores.js";

/**
 * Drafts in `knowledge_drafts`: the draft as one JSON document, with its status, last change and
 * revision as columns. A save names the revision it read and fails if another landed since, so two
 * editors saving at once never overwrite each other unseen.
 */
export function sqliteKnowledgeDraftStore(db: Database.Database, write: Write): KnowledgeDraftStore {
  const insert = db.prepare("INSERT INTO knowledge_drafts (id, status, updated_at, revision, body) VALUES (@id, @status, @updatedAt, @revision, @body)");
  const one = db.prepare("SELECT body FROM knowledge_drafts WHERE id = ?").pluck();
  const update = db.prepare("UPDATE knowledge_drafts SET status = @status, updated_at = @updatedAt, revision = @revision, body = @body WHERE id = @id AND revision = @expected");
  const row = (d: KnowledgeDraft) => ({ id: d.id, status: d.status, updatedAt: d.updatedAt, revision: d.revision, body: JSON.stringify(d) });
  return {
    create: (draft) => write(() => void insert.run(row(draft))),
    async get(id) {
      const body = one.get(id) as string | undefined;
      return body ? (JSON.parse(body) as KnowledgeDraft) : undefined;
    },
    async list(statuses, limit) {
      if (statuses.length === 0) return [];
      const marks = statuses.map(() => "?").join(", ");
      // Uses knowledge_drafts_status: a few drafts per status, newest change first.
      const rows = db.prepare(`SELECT body FROM knowledge_drafts WHERE status IN (${marks}) ORDER BY updated_at DESC LIMIT ?`).pluck().all(...statuses, limit) as string[];
      return rows.map((b) => JSON.parse(b) as KnowledgeDraft);
    },
    save: (draft, expected) => write(() => update.run({ ...row(draft), expected }).changes === 1),
  };
}
