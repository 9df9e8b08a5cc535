/** The port of the knowledge base's published versions (ports.ts re-exports it). */
import type { KnowledgeDocuments } from "../knowledge/documents.js";

/** Where a knowledge version came from. */
export type KnowledgeOrigin = "folder" | "import" | "editor";

/** One published version of the knowledge base, without its documents. */
export interface KnowledgeVersionSummary {
  /** 1, 2, 3…: the order of publication. */
  version: number;
  /** A staff id, or what published it ("knowledge-base/", "kb:import"). */
  author: string;
  note: string;
  publishedAt: string;
  origin: KnowledgeOrigin;
}

export interface KnowledgeVersion extends KnowledgeVersionSummary {
  documents: KnowledgeDocuments;
}

/**
 * The knowledge base's published versions, each whole (every document's text), kept for the
 * history, the diff between two and a rollback to any. Versions are never changed or removed.
 */
export interface KnowledgeVersionStore {
  /** Stores the next version; documents a version before already had are not stored again. */
  publish(version: Omit<KnowledgeVersionSummary, "version"> & { documents: KnowledgeDocuments }): Promise<KnowledgeVersion>;
  get(version: number): Promise<KnowledgeVersion | undefined>;
  /** The newest version (of the given origin, when asked). */
  latest(origin?: KnowledgeOrigin): Promise<KnowledgeVersion | undefined>;
  /** Newest first, at most `limit`. */
  list(limit: number): Promise<KnowledgeVersionSummary[]>;
  /** For each document of `version`, the version since which its text is the same (its last change). */
  lastChanges(version: number): Promise<Map<string, KnowledgeVersionSummary>>;
}

/** A question editors expect the bot to keep understanding: the regression guard's own set. */
export interface RegressionQuestion {
  text: string;
  /** The intent it must be understood as ("none": not the desk's to answer). */
  intent: string;
  addedBy: string;
  addedAt: string;
}

export interface RegressionQuestionStore {
  /** False when the same text is in the set already (its intent is not changed). */
  add(question: RegressionQuestion): Promise<boolean>;
  /** Oldest first. */
  list(): Promise<RegressionQuestion[]>;
  /** False when the text was not in the set. */
  remove(text: string): Promise<boolean>;
}

/**
 * Where a draft is: collecting changes ("open"), asked to be reviewed ("in_review"), approved by a
 * second editor ("approved", for the revision they saw), being checked and published
 * ("publishing"), published, or thrown away.
 */
export type DraftStatus = "open" | "in_review" | "approved" | "publishing" | "published" | "discarded";

/** A line of a draft's conversation: a comment, a request for review, a reviewer's verdict. */
export interface DraftNote {
  kind: "comment" | "submitted" | "approved" | "changes_requested" | "published" | "refused" | "failed";
  /** Staff id, and the name colleagues know them by. */
  by: string;
  byName: string;
  at: string;
  text: string;
}

/** The outcome of the draft's last publication attempt. */
export type DraftOutcome =
  | { kind: "published"; version: number; at: string }
  | { kind: "refused"; at: string; reason: string; verdict?: { questions: number; before: number; after: number; fixed: number; regressed: { text: string; expected: string; now: string }[] } }
  | { kind: "failed"; at: string; reason: string };

/**
 * Editors' changes to the knowledge base not yet published: the documents it changes (by name, as
 * in a version; null: removed), made against `baseVersion`, published onto the newest version.
 */
export interface KnowledgeDraft {
  id: string;
  title: string;
  /** Who started it (staff id and name); `editors` everyone who changed it, who cannot approve it. */
  author: string;
  authorName: string;
  editors: string[];
  baseVersion: number;
  status: DraftStatus;
  changes: Record<string, string | null>;
  notes: DraftNote[];
  /** The revision a reviewer approved; an edit after it needs approving again. */
  approvedRevision: number | null;
  outcome: DraftOutcome | null;
  createdAt: string;
  updatedAt: string;
  /** 1, 2, 3…: each save; a save against an older revision is refused (two editors at once). */
  revision: number;
}

export interface KnowledgeDraftStore {
  create(draft: KnowledgeDraft): Promise<void>;
  get(id: string): Promise<KnowledgeDraft | undefined>;
  /** Newest change first: every draft in `statuses`, at most `limit`. */
  list(statuses: readonly DraftStatus[], limit: number): Promise<KnowledgeDraft[]>;
  /** Saves `draft` (its revision one more than `expectedRevision`); false when someone saved in between. */
  save(draft: KnowledgeDraft, expectedRevision: number): Promise<boolean>;
}
