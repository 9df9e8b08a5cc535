import { CodedError } from "../domain/coded-error.js";
import type { Locale } from "../domain/locale.js";

/** Stable codes for the handoff (citizen and agent sides), with plain words in both languages. */
export const handoffErrors = {
  HANDOFF_BAD_PAYLOAD: { zh: "请求格式不正确，未执行。", en: "The request was not in the expected form; nothing was done." },
  HANDOFF_UNKNOWN_CHAT: { zh: "找不到这个会话。", en: "There is no such chat." },
  HANDOFF_NOT_ASSIGNED: { zh: "这个会话不归您处理。", en: "This chat is not assigned to you." },
  HANDOFF_OFFER_GONE: { zh: "这个会话已不再分配给您（已超时、被取消或已被接走）。", en: "This offer is no longer yours (timed out, cancelled or taken)." },
  HANDOFF_AGENT_UNAVAILABLE: { zh: "对方客服不在线或已满负荷。", en: "That agent is not online or has no free slot." },
  HANDOFF_UNKNOWN_TICKET: { zh: "找不到这条留言，或已被其他客服回复。", en: "No such open message (perhaps another agent answered it)." },
  HANDOFF_SURVEY_CLOSED: { zh: "这次服务无法评价（未结束或已评价）。", en: "This chat cannot be rated (not closed, or already rated)." },
  HANDOFF_RATE_LIMITED: { zh: "操作太频繁，请稍等几秒。", en: "Too many actions at once; wait a few seconds." },
  HANDOFF_TEXT_EMPTY: { zh: "内容不能为空。", en: "The text is empty." },
  HANDOFF_UNKNOWN_EVENT: { zh: "不支持的操作。", en: "Unsupported event." },
  HANDOFF_INTERNAL: { zh: "系统繁忙，请稍后再试。", en: "Something went wrong on our side; please try again shortly." },
} as const satisfies Record<string, Record<Locale, string>>;

export type HandoffErrorCode = keyof typeof handoffErrors;

export class HandoffError extends CodedError<HandoffErrorCode> {
  protected readonly catalogue = handoffErrors;
  override readonly name = "HandoffError";
}
