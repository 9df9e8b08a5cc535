import type { ApplicationStatus } from "./application.js";
import type { FlowCommand } from "./message.js";

/**
 * What a message in a conversation was, kept with it (`MessageMeta.decision`): the bot's turn, a
 * step of a guided application, a moment on the way to a person, a left message. Later turns read
 * it back (two misses in a row bring in a person; "leave a message" expects the next words), so it
 * is a closed set: a new value is added here, where the compiler shows every reader. "welcome": the
 * bot speaking first, to a new follower on WeChat.
 */
export type MessageDecision = TurnDecision | FlowDecision | HandoffDecision | TicketDecision | "status_update" | "welcome";

/**
 * The bot's own turn (src/dialog/decide.ts): the action of an answer, or why it did not answer;
 * "rephrase": the citizen said a "did you mean…?" missed and was asked to say it another way
 * ("rephrase_asked" on the citizen's pressed button).
 */
export type TurnDecision = "faq" | "smalltalk" | "handoff" | "clarify" | "fallback" | "rephrase" | "rephrase_asked";

/**
 * A guided application: a step ("flow"), an FAQ answered without leaving it, how it ended (its
 * outcome status, cancelled, given up to a person, expired), or the flow button the citizen pressed.
 */
export type FlowDecision =
  | "flow"
  | "faq_in_flow"
  | "flow_cancelled"
  | "flow_handoff"
  | "flow_expired"
  | `flow_${ApplicationStatus | "done" | "not_found"}`
  | `flow_${FlowCommand}`;

/**
 * The way to a person: asked for (queued, waiting with nobody online, unavailable out of hours),
 * the citizen's queue buttons, and how it went on (joined, transferred, re-queued, left, cancelled,
 * closed); a queue button pressed after its moment passed is "stale_button".
 */
export type HandoffDecision =
  | "handoff"
  | "handoff_waiting"
  | "handoff_unavailable"
  | "handoff_cancel"
  | "handoff_leave_message"
  | "handoff_cancelled"
  | "handoff_left"
  | "handoff_closed"
  | "agent_joined"
  | "transferred"
  | "requeued"
  | "stale_button"
  /** The citizen rated the chat with the agent (on a channel with no survey of its own). */
  | "survey_rated";

/** A message left when nobody could answer: the prompt for it, the receipt, the agent's answer. */
export type TicketDecision = "ticket_prompt" | "ticket_created" | "ticket_reply";

/** Decisions that count as the bot failing the citizen (urgency rises with repeated failures). */
export const FAILED_TURNS: ReadonlySet<MessageDecision> = new Set<MessageDecision>(["fallback", "clarify", "flow_handoff", "rephrase"]);
