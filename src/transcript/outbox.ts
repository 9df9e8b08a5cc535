import type { HandoffStatusView } from "../domain/handoff-status.js";
import type { MessageView } from "../domain/message.js";

/**
 * What reaches a citizen, whatever channel their conversation lives on (the web widget today,
 * WeChat next): a message, where their request for a person stands, who is typing. The composition
 * root maps each conversation to its channel; nothing below it knows socket.io rooms.
 */
export interface ConversationOutbox {
  message(conversationId: string, message: MessageView): void;
  handoff(conversationId: string, status: HandoffStatusView): void;
  typing(conversationId: string, state: { typing: boolean; from?: "bot" | "agent" }): void;
}
