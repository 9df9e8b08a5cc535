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
}
