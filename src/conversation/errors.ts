import { CodedError } from "../domain/coded-error.js";
import type { Locale } from "../domain/locale.js";

/** Stable codes a client can branch on, with plain words in both languages. */
export const chatErrors = {
  CHAT_BAD_PAYLOAD: { zh: "消息格式不正确，未发送。", en: "The message was not in the expected form and was not sent." },
  CHAT_TEXT_EMPTY: { zh: "消息不能为空。", en: "The message is empty." },
  CHAT_TEXT_TOO_LONG: { zh: "消息太长了，请控制在2000字以内。", en: "The message is too long: 2,000 characters at most." },
  CHAT_RATE_LIMITED: { zh: "发送太快了，请稍等几秒再发。", en: "You are sending too fast; please wait a few seconds." },
  CHAT_BAD_TOKEN: {
    zh: "会话凭证无效或已过期，已为您开始新的会话。",
    en: "The conversation token is invalid or expired; a new conversation was started.",
  },
  CHAT_TOO_MANY_CONNECTIONS: {
    zh: "来自您所在网络的连接过多，请稍后再试。",
    en: "Too many connections from your network; please try again in a minute.",
  },
  CHAT_TOO_MANY_CONVERSATIONS: {
    zh: "来自您所在网络的新会话过多，请稍后再试。",
    en: "Too many new conversations from your network; please try again later.",
  },
  CHAT_TOO_MANY_EVENTS: {
    zh: "操作过于频繁，连接已断开，请稍后再试。",
    en: "Too many requests on this connection, so it was closed; please try again shortly.",
  },
  CHAT_UNKNOWN_MESSAGE: { zh: "找不到这条消息。", en: "That message does not exist in this conversation." },
  CHAT_UNKNOWN_EVENT: { zh: "不支持的操作。", en: "Unsupported event." },
  CHAT_INTERNAL: { zh: "系统繁忙，请稍后再试。", en: "Something went wrong on our side; please try again shortly." },
} as const satisfies Record<string, Record<Locale, string>>;

export type ChatErrorCode = keyof typeof chatErrors;

export class ChatError extends CodedError<ChatErrorCode> {
  protected readonly catalogue = chatErrors;
  override readonly name = "ChatError";
}
