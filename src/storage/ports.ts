import type { KnowledgeDraftStore, KnowledgeVersionStore, RegressionQuestionStore } from "./knowledge-ports.js";
import type { AuditStore, StaffSessionStore } from "./staff-ports.js";
import type { UnansweredQuestionStore } from "./inbox-ports.js";
import type { HandoffStore, TicketStore } from "./handoff-ports.js";

export * from "./knowledge-ports.js";
export * from "./inbox-ports.js";
export * from "./staff-ports.js";
export * from "./handoff-ports.js";

/**
 * The storage ports: the only door to a database. Adapters (sqlite now, mongo later) implement
 * them and pass the same contract suite (tests/storage/contract.ts).
 */
import type { Channel } from "../domain/channel.js";
import type { MessageDecision } from "../domain/decision.js";
import type { Locale } from "../domain/locale.js";
import type { StaffRole } from "../domain/staff-role.js";
import type { MessageRole, QuickReplyPayload } from "../domain/message.js";

export interface ConversationRecord {
  id: string;
  channel: Channel;
  /**
   * The channel's own name for the conversation, unique within the channel: the id itself on the
   * web (the widget holds a token for it), the follower's OpenID on WeChat.
   */
  key: string;
  locale: Locale;
  createdAt: string;
  /**
   * When the conversation's locale or guided-application (flow) state last changed, or its
   * creation. Appending a message does not touch it: the conversation's last activity is its
   * last message's createdAt.
   */
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
  /** That application's kind (unemployment.apply, card.replace…): what the conversation is about. */
  applicationKind?: string;
  /** Why this turn should bring in a person (src/dialog/handoff.ts); the live queue reads it. */
  handoff?: string;
  /** The handoff a message belongs to (agent messages, notices, the closing survey). */
  handoffId?: string;
  /** On an agent's message: who wrote it. */
  agentId?: string;
  agentName?: string;
  /** On the closing message: show the survey. */
  survey?: boolean;
  /**
   * The sealed original is the citizen's own values in full (a summary they confirm): shown to
   * them, never to staff, who see `text` (masked).
   */
  citizenSeesSealed?: boolean;
  /** On a guided application's question: the kind of answer it asks for (bank_card, id_number…). */
  asking?: string;
  decision?: MessageDecision;
  confidence?: number;
  /** On a bot answer: the message was read with the question before it (a follow-up, src/dialog/follow-up.ts). */
  inContext?: boolean;
  /**
   * On a bot answer to "那失业金呢": the question before asked of that area ("失业金是怎么计算的"), made
   * from stored (masked) words; the follow-ups after it lean on this question.
   */
  askedAs?: string;
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
  /**
   * The conversation its channel knows by `record.key`, or `record` stored as a new one when there
   * is none; atomic, so two first messages from one WeChat follower open one conversation.
   */
  findOrCreateByKey(record: ConversationRecord): Promise<{ conversation: ConversationRecord; created: boolean }>;
  setLocale(id: string, locale: Locale, at: string): Promise<void>;
  /** The guided-application state, sealed (encrypted) by the caller; null when none. */
  getFlowState(id: string): Promise<string | null>;
  setFlowState(id: string, sealed: string | null, at: string): Promise<void>;
  /**
   * How the channel reaches the citizen again later (a WeChat OpenID, for its customer-service
   * messages), sealed by the caller: the conversation's key is only a hash of it. Null when none.
   */
  getContact(id: string): Promise<string | null>;
  setContact(id: string, sealed: string): Promise<void>;
}

/** Which conversation filed which application, so a status change reaches the citizen. */
export interface ApplicationLinkStore {
  link(applicationNumber: string, conversationId: string, at: string): Promise<void>;
  conversationsFor(applicationNumber: string): Promise<string[]>;
}

export interface MessageStore {
  /**
   * Stores a message with the next seq of its conversation; durable when the promise resolves. A
   * message whose clientId the conversation already has is not stored again: the earlier one is
   * returned (its id tells the caller).
   */
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

/** A staff account (agents now; supervisors and editors later). */
export interface StaffRecord {
  id: string;
  username: string;
  displayName: string;
  /** `scrypt$N$r$p$salt$hash` (src/staff/password.ts); never leaves the staff module. */
  passwordHash: string;
  languages: string[];
  skills: string[];
  /** Most chats at once. */
  capacity: number;
  disabled: boolean;
  createdAt: string;
  /** What the account may do (src/access/permissions.ts); at least one. */
  roles: StaffRole[];
  /** The authenticator's secret (src/staff/second-factor.ts), sealed with the field cipher; null until enrolled. */
  totpSecretSealed: string | null;
  /** The last 30-second step whose code signed in: a code is used once (0: none yet). */
  totpLastStep: number;
  /** Keyed hashes of the recovery codes not used yet. */
  recoveryCodeHashes: string[];
  /** An admin asked this account for a second factor (editors, supervisors and admins always need one). */
  requireSecondFactor: boolean;
}

/** What an admin may change on an account. */
export type StaffChanges = Partial<
  Pick<
    StaffRecord,
    "displayName" | "passwordHash" | "languages" | "skills" | "capacity" | "disabled" | "roles" | "totpSecretSealed" | "totpLastStep" | "recoveryCodeHashes" | "requireSecondFactor"
  >
>;

export interface StaffStore {
  /** Refused (throws) when the username is taken. */
  create(record: StaffRecord): Promise<void>;
  get(id: string): Promise<StaffRecord | undefined>;
  findByUsername(username: string): Promise<StaffRecord | undefined>;
  list(): Promise<StaffRecord[]>;
  /** Changes the given fields; false when there is no such account. */
  update(id: string, changes: StaffChanges): Promise<boolean>;
  /**
   * Records that the code of `step` was used, only if no later or equal step was: atomic, so one
   * code cannot open two sessions however close together they come. False when it was used.
   */
  advanceTotpStep(id: string, step: number): Promise<boolean>;
  /** Removes one recovery code by its hash, atomically; the codes left, or undefined when it was not there. */
  consumeRecoveryCode(id: string, hash: string): Promise<number | undefined>;
}


/** A delayed job as the embedded store keeps it, so a restart does not lose it. */
export interface StoredJob {
  kind: string;
  key: string;
  payload: Record<string, string>;
  /** When it is due (ms since the epoch). */
  dueAt: number;
}

export interface DelayedJobStore {
  /** Stores the job, replacing one of the same kind and key. */
  save(job: StoredJob): Promise<void>;
  remove(kind: string, key: string): Promise<void>;
  /** Every job not yet run, to arm again on start. */
  all(): Promise<StoredJob[]>;
}

export interface Storage {
  conversations: ConversationStore;
  staff: StaffStore;
  handoffs: HandoffStore;
  tickets: TicketStore;
  messages: MessageStore;
  feedback: FeedbackStore;
  applicationLinks: ApplicationLinkStore;
  /** The embedded mode's delayed jobs (in Redis mode, BullMQ keeps them). */
  delayedJobs: DelayedJobStore;
  staffSessions: StaffSessionStore;
  audit: AuditStore;
  knowledgeVersions: KnowledgeVersionStore;
  regressionQuestions: RegressionQuestionStore;
  /** The editors' inbox: questions not answered well, agents' flags, handled marks, answer feedback per FAQ. */
  unansweredQuestions: UnansweredQuestionStore;
  knowledgeDrafts: KnowledgeDraftStore;
  /** True while the store answers; for /readyz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
