import { CodedError } from "../domain/coded-error.js";
import type { Locale } from "../domain/locale.js";

export const inboxErrors = {
  INBOX_BAD_INPUT: { zh: "请求内容不正确。", en: "The request is not valid." },
  INBOX_NOT_FOUND: { zh: "没有找到这条用户消息。", en: "No such message from a citizen." },
  INBOX_NOT_YOUR_CHAT: { zh: "只能标记您接待过的会话中的用户消息。", en: "You can flag a citizen's message only in a conversation you took part in." },
} satisfies Record<string, Record<Locale, string>>;

export type InboxErrorCode = keyof typeof inboxErrors;

const STATUS: Record<InboxErrorCode, number> = { INBOX_BAD_INPUT: 400, INBOX_NOT_FOUND: 404, INBOX_NOT_YOUR_CHAT: 403 };

/** A refusal of the inbox's routes (src/inbox/plugin.ts), with its HTTP status. */
export class InboxError extends CodedError<InboxErrorCode> {
  protected readonly catalogue = inboxErrors;
  readonly status: number;

  constructor(code: InboxErrorCode, detail?: string) {
    super(code, detail);
    this.status = STATUS[code];
  }
}
