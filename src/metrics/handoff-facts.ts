/** A handoff as a unit of the figures: grouped by when it arrived, its intent and its skill. */
import type { HandoffRecord } from "../storage/handoff-ports.js";
import type { Fact } from "./grouping.js";

export function handoffFact(h: HandoffRecord): Fact {
  return { at: h.arrivedAt, conversationId: h.conversationId, intent: h.intent, skill: h.skill };
}
