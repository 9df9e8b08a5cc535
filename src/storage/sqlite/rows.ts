import type { Channel } from "../../domain/channel.js";
import type { Locale } from "../../domain/locale.js";
import type { MessageRole } from "../../domain/message.js";
import type { ConversationRecord, MessageMeta, MessageRecord } from "../ports.js";

/** A row of the messages table as better-sqlite3 returns it. */
export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  role: string;
  text: string;
  text_sealed: string | null;
  client_id: string | null;
  created_at: string;
  meta: string;
}

/** A row's columns as a record's fields, all but the meta (left as the JSON text for the caller to parse). */
export const messageFields = (r: MessageRow): Omit<MessageRecord, "meta"> => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: r.seq,
  role: r.role as MessageRole,
  text: r.text,
  textSealed: r.text_sealed,
  clientId: r.client_id,
  createdAt: r.created_at,
});

/** A row as a record, its meta parsed. */
export const toMessage = (r: MessageRow): MessageRecord => ({
  ...messageFields(r),
  meta: JSON.parse(r.meta) as MessageMeta,
});

export interface ConversationRow {
  id: string;
  channel: string;
  channel_key: string;
  locale: string;
  created_at: string;
  updated_at: string;
}

export const toConversation = (r: ConversationRow): ConversationRecord => ({
  id: r.id,
  channel: r.channel as Channel,
  key: r.channel_key,
  locale: r.locale as Locale,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
