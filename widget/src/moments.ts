import type { HandoffStatusView, MessageRole, QuickReplyPayload } from "../../src/protocol/events.js";
import { waitingForAgents } from "./handoff.js";

/**
 * Buttons belong to a moment. Once it has passed they stay on screen, disabled, so the
 * conversation still reads as it happened but an old question cannot be answered twice. Pure, so
 * that the rules are tested without a browser; MessageList and DeskWidget apply them.
 */

/** A row of the conversation as these rules see it: who said it, and its key in the list. */
export interface Turn {
  key: string;
  role: MessageRole;
}

/**
 * The one message whose quick replies are live: the newest message that is not the citizen's own,
 * as long as the citizen has said nothing after it (a message still being sent counts: it was
 * said). Undefined when the citizen spoke last, or nobody has spoken.
 */
export function liveTurn(turns: readonly Turn[]): string | undefined {
  const last = turns.at(-1);
  return last && last.role !== "citizen" ? last.key : undefined;
}

/** The handoff strip's word, as the buttons read it. */
export type StripMoment = HandoffStatusView | undefined;

/** The citizen can still leave the queue: waiting in line, or offered to an agent who has not answered. */
export function canCancelHandoff(status: StripMoment): boolean {
  return status?.state === "queued" || status?.state === "offered";
}

/** Leaving a message makes sense while nobody can answer: unavailable, or queued with nobody online. */
export function canLeaveMessage(status: StripMoment): boolean {
  return status?.state === "unavailable" || waitingForAgents(status);
}

/**
 * Whether a quick-reply button is enabled: it must sit on the live message, and a button about the
 * request for a person must also fit where that request stands now.
 */
export function replyEnabled(payload: QuickReplyPayload, live: boolean, status: StripMoment): boolean {
  if (!live) return false;
  if ("action" in payload && payload.action === "handoff") {
    return payload.command === "cancel" ? canCancelHandoff(status) : canLeaveMessage(status);
  }
  return true;
}

/**
 * Whether the strip's word is outlived by a message that arrived after it: "nobody can answer
 * now" is no longer true once an agent has written into the conversation.
 */
export function outlivedBy(status: StripMoment, role: MessageRole): boolean {
  return status?.state === "unavailable" && role === "agent";
}
