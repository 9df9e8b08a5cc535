/** Hand-built stored records for the figures' tests: only the fields the figures read vary. */
import type { Channel } from "../../src/domain/channel.js";
import type { MessageDecision } from "../../src/domain/decision.js";
import type { HandoffRecord } from "../../src/storage/handoff-ports.js";
import type { ConversationRecord, FeedbackRecord, MessageMeta, MessageRecord } from "../../src/storage/ports.js";
import { newHandoff } from "../../src/handoff/requests.js";

/** Messages of one conversation, numbered in the order they are added. */
export function conversation(id: string) {
  const messages: MessageRecord[] = [];
  const add = (role: MessageRecord["role"], text: string, at: string, meta: MessageMeta = {}, msgId?: string) => {
    const m: MessageRecord = {
      id: msgId ?? `${id}-${messages.length + 1}`,
      conversationId: id,
      seq: messages.length + 1,
      role,
      text,
      textSealed: null,
      clientId: null,
      createdAt: at,
      meta,
    };
    messages.push(m);
    return m;
  };
  return {
    messages,
    citizen: (text: string, at: string, meta: MessageMeta = {}) => add("citizen", text, at, meta),
    /** The bot's reply to `to`, with its decision and intent. */
    bot: (to: MessageRecord, decision: MessageDecision, at: string, meta: MessageMeta = {}) =>
      add("bot", "…", at, { decision, replyTo: to.id, ...meta }),
    agent: (text: string, at: string) => add("agent", text, at, { agentId: "agent-1" }),
  };
}

/** A handoff as the desk stores it (newHandoff), closed unless said otherwise, with `fields` over it. */
export function handoff(fields: Partial<HandoffRecord> & Pick<HandoffRecord, "id" | "conversationId" | "arrivedAt">): HandoffRecord {
  const { id, conversationId, arrivedAt } = fields;
  return {
    ...newHandoff({ id, conversationId, arrivedAt, reason: "explicit", urgency: "normal", language: "zh", skill: "general", intent: null }),
    status: "closed",
    ...fields,
  };
}

export function thumbs(message: MessageRecord, rating: "up" | "down", at: string): FeedbackRecord {
  return { messageId: message.id, conversationId: message.conversationId, rating, createdAt: at };
}

export function conversationRecord(id: string, channel: Channel): ConversationRecord {
  return { id, channel, key: id, locale: "zh", createdAt: "2026-03-01T00:00:00.000Z", updatedAt: "2026-03-01T00:00:00.000Z" };
}
