import { type ApiResult, readAnswer } from "../../../lib/http";
import type { Locale } from "../../../lib/protocol";
import type { StaffCall } from "../../../lib/staff-call";
import {
  type Draft,
  type DraftDetail,
  type DraftList,
  type EditableFaq,
  type FaqFields,
  parseDraftAnswer,
  parseDraftDetail,
  parseDraftFaq,
  parseDraftList,
  parsePublishedFaq,
  parseTryResult,
  type TryResult,
} from "../model/drafts";

/** The editors' drafts (src/publishing/drafts-plugin.ts): each call one route, its answer read by model/drafts.ts. */

const DRAFTS = "/api/v1/knowledge/drafts";
const draftPath = (id: string) => `${DRAFTS}/${encodeURIComponent(id)}`;
const faqPath = (id: string, faqId: string) => `${draftPath(id)}/faqs/${encodeURIComponent(faqId)}`;
const withRevision = (revision: number | null | undefined) => (revision ? { revision } : {});

export async function fetchDrafts(call: StaffCall): Promise<ApiResult<DraftList>> {
  return readAnswer(await call("GET", DRAFTS), parseDraftList);
}

export async function createDraft(call: StaffCall, title: string): Promise<ApiResult<Draft>> {
  return readAnswer(await call("POST", DRAFTS, { title }), parseDraftAnswer);
}

export async function fetchDraft(call: StaffCall, id: string): Promise<ApiResult<DraftDetail>> {
  return readAnswer(await call("GET", draftPath(id)), parseDraftDetail);
}

export async function discardDraft(call: StaffCall, id: string): Promise<ApiResult<Draft>> {
  return readAnswer(await call("DELETE", draftPath(id)), parseDraftAnswer);
}

/** One FAQ as the draft has it. */
export async function fetchDraftFaq(call: StaffCall, id: string, faqId: string): Promise<ApiResult<EditableFaq>> {
  return readAnswer(await call("GET", faqPath(id, faqId)), parseDraftFaq);
}

/** One FAQ as published (before there is a draft to read it from). */
export async function fetchPublishedFaq(call: StaffCall, faqId: string): Promise<ApiResult<EditableFaq>> {
  return readAnswer(await call("GET", `/api/v1/knowledge/faqs/${encodeURIComponent(faqId)}`), parsePublishedFaq);
}

/** The FAQ's fields replaced; refused (409) when the draft is past `revision`. */
export async function saveFaq(call: StaffCall, id: string, faqId: string, faq: FaqFields, revision: number | null): Promise<ApiResult<Draft>> {
  return readAnswer(await call("PUT", faqPath(id, faqId), { faq, ...withRevision(revision) }), parseDraftAnswer);
}

/** A new intent, with its FAQ. */
export async function addFaq(call: StaffCall, id: string, intent: { id: string; zh: string; en: string }, faq: FaqFields): Promise<ApiResult<Draft>> {
  return readAnswer(await call("POST", `${draftPath(id)}/faqs`, { intent, faq }), parseDraftAnswer);
}

/** The FAQ and its intent out of the next version. */
export async function retireFaq(call: StaffCall, id: string, faqId: string, revision: number | null): Promise<ApiResult<Draft>> {
  return readAnswer(await call("POST", `${faqPath(id, faqId)}/retire`, withRevision(revision)), parseDraftAnswer);
}

/** The draft's change to the FAQ's file dropped: the published text comes back. */
export async function revertFaq(call: StaffCall, id: string, faqId: string): Promise<ApiResult<Draft>> {
  return readAnswer(await call("POST", `${faqPath(id, faqId)}/revert`, {}), parseDraftAnswer);
}

/** Question variants added to an FAQ (the inbox's way); ones it has are skipped. */
export async function addQuestions(call: StaffCall, id: string, faqId: string, questions: { zh: string[]; en: string[] }): Promise<ApiResult<Draft>> {
  return readAnswer(await call("POST", `${draftPath(id)}/questions`, { faqId, questions }), parseDraftAnswer);
}

export async function commentOn(call: StaffCall, id: string, text: string): Promise<ApiResult<Draft>> {
  return readAnswer(await call("POST", `${draftPath(id)}/comments`, { text }), parseDraftAnswer);
}

export async function submitForReview(call: StaffCall, id: string, text: string): Promise<ApiResult<Draft>> {
  return readAnswer(await call("POST", `${draftPath(id)}/submit`, text ? { text } : {}), parseDraftAnswer);
}

export async function reviewDraft(call: StaffCall, id: string, verdict: "approve" | "request_changes", text: string): Promise<ApiResult<Draft>> {
  return readAnswer(await call("POST", `${draftPath(id)}/review`, { verdict, text }), parseDraftAnswer);
}

/** The draft's answer to a question; while its own model trains, how far it is (202). */
export async function tryDraft(call: StaffCall, id: string, text: string, locale: Locale | null): Promise<ApiResult<TryResult>> {
  return readAnswer(await call("POST", `${draftPath(id)}/try`, { text, ...(locale ? { locale } : {}) }), parseTryResult);
}

/** Starts the publication (202); the draft then reads "publishing" until it is done. */
export async function publishDraft(call: StaffCall, id: string, note: string): Promise<ApiResult<Draft>> {
  return readAnswer(await call("POST", `${draftPath(id)}/publish`, { note }), parseDraftAnswer);
}
