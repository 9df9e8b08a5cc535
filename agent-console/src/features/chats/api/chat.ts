import type { Skill, WrapUpCode } from "../../../lib/protocol";
import { type AgentSocket, request } from "../../../lib/socket";

/** The longest reply the server stores (CHAT_MAX_TEXT's default). */
export const MAX_REPLY_CHARS = 2000;

export function sendMessage(socket: AgentSocket, input: { chatId: string; clientId: string; text: string }) {
  return request(socket, "agent:message", input);
}

/** Fire and forget: a lost typing signal only delays the citizen's "agent is typing". */
export function sendTyping(socket: AgentSocket, chatId: string, typing: boolean): void {
  if (socket.connected) socket.emit("agent:typing", { chatId, typing });
}

export type TransferTarget = { skill: Skill } | { toAgentId: string };

export function transferChat(socket: AgentSocket, chatId: string, target: TransferTarget, note: string) {
  return request(socket, "agent:transfer", { chatId, note, ...target });
}

export function closeChat(socket: AgentSocket, chatId: string, wrapUp: WrapUpCode, note: string) {
  const trimmed = note.trim();
  return request(socket, "agent:close", { chatId, wrapUp, ...(trimmed ? { note: trimmed } : {}) });
}
