/**
 * The `/agent` socket.io namespace: what the agent console and the server say to each other.
 * Only signed-in staff connect (handshake `auth: { token }` from POST /api/v1/staff/sign-in).
 * Every client event takes an ack; a refused event changes nothing and acks `{ok:false, error}`.
 * Events are named `area:verb`.
 */
import type { Ack, Locale, MessageRole } from "./events.js";
import type { StaffRole } from "../domain/staff-role.js";
import type { Channel } from "../domain/channel.js";

export type Presence = "online" | "away" | "offline";

/** Why the bot brought a person in (src/dialog/handoff.ts), or "flow_given_up". */
export type HandoffReasonView = string;

export interface AgentProfileView {
  id: string;
  username: string;
  displayName: string;
  languages: string[];
  skills: string[];
  capacity: number;
  /** What the account may do: agent, editor, supervisor, admin. */
  roles: StaffRole[];
}

/** A chat as the queue panel lists it: no personal data. */
export interface QueueItemView {
  chatId: string;
  urgency: "urgent" | "normal" | "low";
  language: string;
  skill: string;
  reason: HandoffReasonView;
  /** When the citizen first asked for a person (ISO). */
  arrivedAt: string;
  status: "waiting" | "offered" | "active";
  /** The agent holding the offer or the chat. */
  agentId: string | null;
  /** When the agent took the chat (ISO), while it is active. */
  acceptedAt: string | null;
}

/** An intent's name in both languages, for labels in the console. */
export interface IntentNameView {
  id: string;
  zh: string;
  en: string;
}

/** A chat this agent closed during the shift, as the "recently closed" list shows it. */
export interface ClosedChatView {
  chatId: string;
  conversationId: string;
  /** Who the citizen is, as far as the desk may show: a short code of the conversation ("3F9A"). */
  citizenCode: string;
  language: Locale;
  intent: string | null;
  wrapUp: WrapUpCode | null;
  /** From accept to close. */
  durationSec: number;
  closedAt: string;
}

/** A message in the agent's transcript: personal data masked, as stored. */
export interface TranscriptMessageView {
  id: string;
  seq: number;
  role: MessageRole;
  text: string;
  createdAt: string;
}

/** What the agent sees beside the transcript when they take a chat. */
export interface ChatContextView {
  chatId: string;
  conversationId: string;
  channel: Channel;
  language: Locale;
  /** The last intent the bot recognised, if any. */
  intent: string | null;
  reason: HandoffReasonView;
  urgency: "urgent" | "normal" | "low";
  skill: string;
  /** Values collected by a guided application, masked (e.g. ID 1101**********0132). */
  flowValues: { label: string; value: string }[];
  /** A note left by the agent who transferred the chat. */
  transferNote: string | null;
  transcript: TranscriptMessageView[];
}

export interface OfferView {
  chatId: string;
  urgency: "urgent" | "normal" | "low";
  language: string;
  skill: string;
  reason: HandoffReasonView;
  arrivedAt: string;
  /** When the offer lapses unanswered (ISO). */
  expiresAt: string;
  transferNote: string | null;
}

/** A message left outside service hours or when nobody was online. */
export interface TicketView {
  id: string;
  conversationId: string;
  language: Locale;
  /** Masked. */
  text: string;
  createdAt: string;
  status: "open" | "answered";
  /** The citizen left a phone number to be called back on: `agent:ticket-callback` reveals it. */
  hasCallback: boolean;
}

/** Wrap-up codes an agent chooses from when closing a chat. */
export const WRAP_UP_CODES = ["resolved", "info_given", "referred_office", "callback_needed", "no_response", "other"] as const;
export type WrapUpCode = (typeof WRAP_UP_CODES)[number];

export interface AgentClientToServer {
  "agent:presence": (input: { presence: "online" | "away" }, ack: Ack<object>) => void;
  "agent:accept": (input: { chatId: string }, ack: Ack<{ context: ChatContextView }>) => void;
  "agent:decline": (input: { chatId: string }, ack: Ack<object>) => void;
  /** A reply to the citizen; `clientId` makes a resend store once. */
  "agent:message": (input: { chatId: string; clientId: string; text: string }, ack: Ack<{ message: TranscriptMessageView }>) => void;
  "agent:typing": (input: { chatId: string; typing: boolean }, ack?: Ack<object>) => void;
  /** To a named agent (`toAgentId`) or back to the queue for a skill group (`skill`), with a note. */
  "agent:transfer": (
    input: { chatId: string; toAgentId?: string; skill?: string; note: string },
    ack: Ack<object>,
  ) => void;
  "agent:close": (input: { chatId: string; wrapUp: WrapUpCode; note?: string }, ack: Ack<object>) => void;
  /** The chat's context again (after a console reload). */
  "agent:context": (input: { chatId: string }, ack: Ack<{ context: ChatContextView }>) => void;
  "agent:kb-search": (
    input: { query: string; locale?: Locale },
    ack: Ack<{ results: { faqId: string; question: string; answer: string; score: number }[] }>,
  ) => void;
  "agent:tickets": (input: Record<string, never>, ack: Ack<{ tickets: TicketView[] }>) => void;
  /**
   * The phone number a citizen left to be called back on, in full, for the agent handling the
   * message (recorded in the audit log once there is one).
   */
  "agent:ticket-callback": (input: { ticketId: string }, ack: Ack<{ number: string | null }>) => void;
  /** Answers a left message: stored in that conversation; the citizen sees it when they return. */
  "agent:ticket-reply": (input: { ticketId: string; text: string }, ack: Ack<object>) => void;
  /** Signing out: open chats and offers go back to the queue at once (no grace period). */
  "agent:sign-out": (input: Record<string, never>, ack: Ack<object>) => void;
}

export interface AgentServerToClient {
  /** On connect: who you are, your chats and the queue. */
  "agent:hello": (hello: {
    agent: AgentProfileView;
    presence: Presence;
    chats: ChatContextView[];
    offers: OfferView[];
    queue: QueueItemView[];
    wrapUpCodes: readonly WrapUpCode[];
    cannedReplies: { id: string; zh: string; en: string }[];
    /** Every intent's name, to show instead of its id. */
    intents: IntentNameView[];
    /** The chats this agent closed in the last 12 hours, newest first (at most 30). */
    recentlyClosed: ClosedChatView[];
    /** The service's time zone (IANA, e.g. Asia/Shanghai): times shown to agents are in it. */
    timeZone: string;
  }) => void;
  "agent:offer": (offer: OfferView) => void;
  /** The offer lapsed or was withdrawn (the citizen left). */
  "agent:offer-withdrawn": (info: { chatId: string; reason: "timeout" | "cancelled" | "reassigned" }) => void;
  /** A citizen message in one of the agent's chats. */
  "agent:chat-message": (info: { chatId: string; message: TranscriptMessageView }) => void;
  "agent:citizen-typing": (info: { chatId: string; typing: boolean }) => void;
  /** The chat left this agent: closed, transferred, citizen cancelled, or re-queued. */
  "agent:chat-ended": (info: {
    chatId: string;
    reason: "closed" | "transferred" | "citizen_left" | "requeued";
    /** On reason "closed": the line for the "recently closed" list. */
    summary?: ClosedChatView;
  }) => void;
  /** The whole queue, whenever it changes. */
  "agent:queue": (queue: QueueItemView[]) => void;
  "agent:error": (error: { code: string; message: string }) => void;
}

/** Data the server keeps on each agent socket. */
export interface AgentSocketData {
  agentId: string;
  /** The staff session the token names: ending it closes this socket. */
  sessionId: string;
  locale: Locale;
  /** The presence the handshake asked for (the agent's last choice on that device). */
  presence: "online" | "away";
}
