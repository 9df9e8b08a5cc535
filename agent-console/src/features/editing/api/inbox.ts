import { type ApiResult, readAnswer } from "../../../lib/http";
import type { StaffCall } from "../../../lib/staff-call";
import { type AnswerFeedback, type Inbox, type InboxReason, inboxQueryString, parseAnswerFeedback, parseInbox } from "../model/inbox";

export async function fetchInbox(call: StaffCall, filter: { days: number; reason: InboxReason | "" }): Promise<ApiResult<Inbox>> {
  return readAnswer(await call("GET", `/api/v1/knowledge/inbox${inboxQueryString(filter, Date.now())}`), parseInbox);
}

/** What an editor did with a group: its questions leave the inbox. */
export type Handled = { how: "added_to_faq"; faqId: string } | { how: "new_faq" } | { how: "dismissed" };

export async function markHandled(call: StaffCall, group: { key: string; messageIds: string[] }, handled: Handled): Promise<ApiResult<number>> {
  const body = { messageIds: group.messageIds, key: group.key, ...handled };
  return readAnswer(await call("POST", "/api/v1/knowledge/inbox/handled", body), (b) =>
    typeof b === "object" && b !== null && typeof (b as { marked?: unknown }).marked === "number" ? (b as { marked: number }).marked : null,
  );
}

/** Each FAQ's answers over the server's default window (30 days), by FAQ id. */
export async function fetchAnswerFeedback(call: StaffCall): Promise<ApiResult<Map<string, AnswerFeedback>>> {
  return readAnswer(await call("GET", "/api/v1/knowledge/answer-feedback"), parseAnswerFeedback);
}
