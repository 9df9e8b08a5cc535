import { type KnowledgeDocuments, sameDocuments } from "../knowledge/documents.js";
import type { KnowledgeVersion } from "../storage/ports.js";

/**
 * Which knowledge the desk starts with. The store's versions are what editors publish; the
 * `knowledge-base/` folder is the seed, and what a developer edits:
 * - "seed": the store has no version yet: the folder becomes version 1;
 * - "folder": the folder changed since it was last read, and nobody published since: the folder's
 *   change is the next version (a `git pull` of new FAQs reaches a desk without a step of its own);
 * - "latest": the newest version, with a warning when the folder changed but someone published
 *   since (their work is not overwritten: `npm run kb:import` brings the folder in on purpose).
 * Pure.
 */
export type StartingKnowledge = { kind: "seed" } | { kind: "folder" } | { kind: "latest"; version: KnowledgeVersion; warning?: string };

export function startingKnowledge(
  folder: KnowledgeDocuments,
  latest: KnowledgeVersion | undefined,
  latestFromFolder: KnowledgeVersion | undefined,
): StartingKnowledge {
  if (!latest) return { kind: "seed" };
  if (latestFromFolder && sameDocuments(folder, latestFromFolder.documents)) return { kind: "latest", version: latest };
  if (latest.origin === "folder") return { kind: "folder" };
  if (sameDocuments(folder, latest.documents)) return { kind: "latest", version: latest };
  const since = latestFromFolder ? `since version ${latestFromFolder.version} was read from it` : "and was never read into the store";
  return {
    kind: "latest",
    version: latest,
    warning: `knowledge-base/ has changed ${since}, but version ${latest.version} was published after (${latest.origin}, by ${latest.author}): serving version ${latest.version}; \`npm run kb:import\` brings the folder in as the next version`,
  };
}
