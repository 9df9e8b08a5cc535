import type { DraftStatus, KnowledgeDraft } from "../storage/ports.js";

/** What an editor asks of a draft. */
export type DraftStep = "edit" | "comment" | "submit" | "approve" | "request_changes" | "publish" | "discard";

/** The statuses in which a draft is still being worked on. */
export const WORKING: readonly DraftStatus[] = ["open", "in_review", "approved"];

/**
 * Whether `staffId` may take `step` on `draft`, and if not, why (in words an editor reads). Pure:
 * the review rule in one place. A reviewer is an editor who did not change the draft; an approval
 * holds for the revision approved, so an edit after it needs approving again; with review
 * required, only an approved draft is published.
 */
export function refusal(draft: KnowledgeDraft, step: DraftStep, staffId: string, reviewRequired: boolean): string | undefined {
  if (draft.status === "publishing") return "the draft is being published";
  if (draft.status === "published" || draft.status === "discarded") return `the draft is ${draft.status}`;
  switch (step) {
    case "edit":
    case "comment":
    case "discard":
      return undefined;
    case "submit":
      return draft.status === "open" ? (Object.keys(draft.changes).length === 0 ? "the draft changes nothing yet" : undefined) : `the draft is ${draft.status.replace("_", " ")} already`;
    case "approve":
    case "request_changes":
      if (draft.editors.includes(staffId)) return "a draft is reviewed by an editor who did not change it";
      if (step === "approve" && draft.status === "approved" && draft.approvedRevision === draft.revision) return "the draft is approved already";
      return undefined;
    case "publish":
      if (Object.keys(draft.changes).length === 0) return "the draft changes nothing yet";
      if (reviewRequired && !approvedAsIs(draft)) return "a second editor must approve this draft as it is now";
      return undefined;
  }
}

/** Approved, and not changed since. */
export const approvedAsIs = (draft: KnowledgeDraft): boolean => draft.status === "approved" && draft.approvedRevision === draft.revision;

/** The status after an edit: a change to an approved draft asks for a new approval. */
export function statusAfterEdit(draft: KnowledgeDraft): DraftStatus {
  return draft.status === "approved" ? "in_review" : draft.status;
}
