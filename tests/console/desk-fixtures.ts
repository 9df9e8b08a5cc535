import type {
  AgentProfileView,
  AgentServerToClient,
  ChatContextView,
  ClosedChatView,
  OfferView,
  QueueItemView,
  TicketView,
  TranscriptMessageView,
} from "../../src/protocol/agent-events.js";

/**
 * Small valid payloads for the console's state slices (tests/console/*-slice.unit.test.ts): each
 * test overrides only what it is about. Typed by the server's own declarations, like the console.
 */

export type Hello = Parameters<AgentServerToClient["agent:hello"]>[0];

export const T0 = "2024-05-03T08:00:00.000Z";

export const profile = (over: Partial<AgentProfileView> = {}): AgentProfileView => ({
  roles: ["agent"],
  id: "a1",
  username: "ann",
  displayName: "Ann",
  languages: ["zh"],
  skills: ["*"],
  capacity: 3,
  ...over,
});

export const message = (over: Partial<TranscriptMessageView> = {}): TranscriptMessageView => ({
  id: "m1",
  seq: 1,
  role: "citizen",
  text: "你好",
  createdAt: T0,
  ...over,
});

export const context = (chatId: string, over: Partial<ChatContextView> = {}): ChatContextView => ({
  chatId,
  conversationId: `conv-${chatId}`,
  channel: "web",
  language: "zh",
  intent: null,
  reason: "explicit",
  urgency: "normal",
  skill: "pension",
  flowValues: [],
  transferNote: null,
  transcript: [],
  ...over,
});

export const offer = (chatId: string, over: Partial<OfferView> = {}): OfferView => ({
  chatId,
  urgency: "normal",
  language: "zh",
  skill: "pension",
  reason: "explicit",
  arrivedAt: T0,
  expiresAt: "2024-05-03T08:00:30.000Z",
  transferNote: null,
  ...over,
});

export const queueItem = (chatId: string, over: Partial<QueueItemView> = {}): QueueItemView => ({
  chatId,
  urgency: "normal",
  language: "zh",
  skill: "pension",
  reason: "explicit",
  arrivedAt: T0,
  status: "waiting",
  agentId: null,
  acceptedAt: null,
  ...over,
});

export const closed = (chatId: string, closedAt = T0): ClosedChatView => ({
  chatId,
  conversationId: `conv-${chatId}`,
  citizenCode: chatId.toUpperCase(),
  language: "zh",
  intent: "service.progress",
  wrapUp: "resolved",
  durationSec: 240,
  closedAt,
});

export const ticket = (id: string, over: Partial<TicketView> = {}): TicketView => ({
  id,
  conversationId: `conv-${id}`,
  language: "zh",
  text: "请回电",
  createdAt: T0,
  status: "open",
  hasCallback: false,
  ...over,
});

export const hello = (over: Partial<Hello> = {}): Hello => ({
  agent: profile(),
  presence: "online",
  chats: [],
  offers: [],
  queue: [],
  wrapUpCodes: ["resolved", "other"],
  cannedReplies: [{ id: "greet", zh: "您好", en: "Hello" }],
  intents: [{ id: "service.progress", zh: "查询进度", en: "progress" }],
  recentlyClosed: [],
  timeZone: "Asia/Shanghai",
  ...over,
});

/**
 * Freezes a state (and everything in it) so a reducer that changed its input in place throws
 * instead of passing: the slices must be pure.
 */
export function frozen<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) frozen(inner);
  }
  return value;
}
