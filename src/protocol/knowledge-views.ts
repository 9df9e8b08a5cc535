/**
 * What the editors' knowledge routes send (src/publishing/knowledge-plugin.ts), shared with the
 * console by relative import (agent-console/src/lib/protocol.ts), like the desk's events.
 */

/** Where an FAQ stands on a day: answered, not yet (effective later) or no longer (expired). */
export type FaqStatus = "in_effect" | "not_yet" | "expired";

/** One FAQ as the editors' list shows it. */
export interface FaqRow {
  id: string;
  intent: string;
  domain: string;
  /** Its document in the version ("card/card-lost.yaml"). */
  file: string;
  /** Its first question in each language. */
  question: { zh: string; en: string };
  variants: { zh: number; en: number };
  status: FaqStatus;
  effective: string | null;
  expires: string | null;
  flow: string | null;
  /** The version in which its file last changed. */
  changed?: { version: number; at: string; author: string } | null;
}

/** One document a draft changes, as the editor reviews it. */
export interface DraftChangeView {
  file: string;
  /** The FAQ the document holds (intents.tsv and the out-of-scope examples hold none). */
  faqId: string | null;
  kind: "added" | "changed" | "removed";
  /** Unified diff against the newest version. */
  patch: string;
}

/** Where a publication under way is (src/publishing/publication.ts). */
export interface PublicationProgressView {
  phase: "training" | "checking" | "publishing";
  step?: string;
  done?: number;
  total?: number;
  startedAt: string;
}
