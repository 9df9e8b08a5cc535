/**
 * The console's one door to the protocol types. They are the server's own declarations
 * (src/protocol/agent-events.ts), imported by relative path: a renamed event or changed payload
 * fails `tsc -p agent-console` and the console build instead of an agent's shift.
 */
import type { AgentServerToClient, OfferView } from "../../../src/protocol/agent-events";

export type { FaqRow, FaqStatus } from "../../../src/protocol/knowledge-views";

export type {
  AgentClientToServer,
  AgentProfileView,
  AgentServerToClient,
  ChatContextView,
  ClosedChatView,
  IntentNameView,
  OfferView,
  Presence,
  QueueItemView,
  TicketView,
  TranscriptMessageView,
  WrapUpCode,
} from "../../../src/protocol/agent-events";
export { WRAP_UP_CODES } from "../../../src/protocol/agent-events";
export type { ErrorView, Locale, MessageRole } from "../../../src/protocol/events";
export { STAFF_ROLES, type StaffRole } from "../../../src/domain/staff-role";
/** The bot's words and FAQ answers are Markdown: read the way the widget reads them. */
export { answerAsHtml, answerAsPlainText } from "../../../src/protocol/answer-markdown";

export type Hello = Parameters<AgentServerToClient["agent:hello"]>[0];
export type CannedReply = Hello["cannedReplies"][number];
export type ChatEndedReason = Parameters<AgentServerToClient["agent:chat-ended"]>[0]["reason"];
export type OfferWithdrawnReason = Parameters<AgentServerToClient["agent:offer-withdrawn"]>[0]["reason"];
export type Urgency = OfferView["urgency"];

/** Skill groups a chat can be transferred to (the routing engine's skill names). */
export const SKILLS = ["pension", "medical", "unemployment", "injury", "maternity", "card", "other"] as const;
export type Skill = (typeof SKILLS)[number];
