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
