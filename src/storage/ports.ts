/**
 * The storage ports: the only door to a database. Adapters (sqlite now, mongo later) implement
 * them and pass the same contract suite (tests/storage/contract.ts).
 */
import type { Locale, MessageRole, QuickReplyPayload } from "../channels/events.js";

export interface ConversationRecord {
  id: string;
  channel: "web" | "wechat";
  locale: Locale;
  createdAt: string;
  updatedAt: string;
}

/** What the bot or a quick reply attached to a message; shown again with the history. */
export interface MessageMeta {
  quickReplies?: { label: string; payload: QuickReplyPayload }[];
  faqId?: string;
  intent?: string;
  /** On a reply: the citizen message it answers. */
  replyTo?: string;
  links?: { label: string; url: string }[];
  /** An application this reply filed or reports on. */
  applicationNumber?: string;
  /** Why this turn should bring in a person (src/dialog/handoff.ts); the live queue reads it. */
  handoff?: string;
  decision?: string;
  confidence?: number;
}

export interface MessageRecord {
  id: string;
  conversationId: string;
  /** 1, 2, 3... within the conversation, assigned by the store. */
  seq: number;
  role: MessageRole;
  /** Personal data masked: safe to show and to log. */
  text: string;
  /** The original text, encrypted (AES-256-GCM), only when masking changed it. */
  textSealed: string | null;
  /** The sender's idempotency key (citizen messages). */
  clientId: string | null;
  createdAt: string;
  meta: MessageMeta;
}

export type NewMessage = Omit<MessageRecord, "seq">;

export interface FeedbackRecord {
  messageId: string;
  conversationId: string;
  rating: "up" | "down";
  createdAt: string;
}

export interface ConversationStore {
  create(record: ConversationRecord): Promise<void>;
  get(id: string): Promise<ConversationRecord | undefined>;
  setLocale(id: string, locale: Locale, at: string): Promise<void>;
  /** The guided-application state, sealed (encrypted) by the caller; null when none. */
  getFlowState(id: string): Promise<string | null>;
  setFlowState(id: string, sealed: string | null, at: string): Promise<void>;
}

/** Which conversation filed which application, so a status change reaches the citizen. */
export interface ApplicationLinkStore {
  link(applicationNumber: string, conversationId: string, at: string): Promise<void>;
  conversationsFor(applicationNumber: string): Promise<string[]>;
}

export interface MessageStore {
  /** Stores a message with the next seq of its conversation; durable when the promise resolves. */
  append(message: NewMessage): Promise<MessageRecord>;
  get(id: string): Promise<MessageRecord | undefined>;
  findByClientId(conversationId: string, clientId: string): Promise<MessageRecord | undefined>;
  /** The latest `limit` messages in seq order (oldest first). */
  listRecent(conversationId: string, limit: number): Promise<MessageRecord[]>;
  /** The first message after `seq` (e.g. the reply to a citizen message), if any. */
  next(conversationId: string, seq: number): Promise<MessageRecord | undefined>;
}

export interface FeedbackStore {
  /** One rating per message; a second rating replaces the first. */
  set(record: FeedbackRecord): Promise<void>;
  forConversation(conversationId: string): Promise<FeedbackRecord[]>;
}

export interface Storage {
  conversations: ConversationStore;
  messages: MessageStore;
  feedback: FeedbackStore;
  applicationLinks: ApplicationLinkStore;
  /** True while the store answers; for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
