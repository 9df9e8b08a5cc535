import { createPatch } from "diff";
import { documentChanges, type KnowledgeDocuments } from "../knowledge/documents.js";

export interface VersionChanges {
  added: string[];
  removed: string[];
  /** Each changed document with its unified diff (three lines of context). */
  changed: { name: string; patch: string }[];
}

/** What a version changed against the one before it, document by document, with line diffs. Pure. */
export function versionChanges(before: KnowledgeDocuments, after: KnowledgeDocuments): VersionChanges {
  const c = documentChanges(before, after);
  return {
    added: c.added,
    removed: c.removed,
    changed: c.changed.map((name) => ({ name, patch: createPatch(name, before.get(name) ?? "", after.get(name) ?? "", "", "", { context: 3 }) })),
  };
}
