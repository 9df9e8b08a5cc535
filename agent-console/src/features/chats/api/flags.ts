import { type ApiResult, readAnswer } from "../../../lib/http";
import type { StaffCall } from "../../../lib/staff-call";

/**
 * "The bot should know this": a citizen's message in one of the agent's chats, for the editors'
 * inbox. Flagging it again replaces the note.
 */
export async function flagQuestion(call: StaffCall, messageId: string, note: string): Promise<ApiResult<true>> {
  const trimmed = note.trim();
  return readAnswer(await call("POST", "/api/v1/knowledge/flags", { messageId, ...(trimmed ? { note: trimmed } : {}) }), () => true);
}
