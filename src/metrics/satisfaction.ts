/**
 * Satisfaction with the people: the 1-5 survey asked after an agent closes a chat. Only chats an
 * agent took part in can be rated, so the response rate is over those, not over all handoffs.
 */
import type { HandoffRecord } from "../storage/handoff-ports.js";
import { type DeskLog, type Ratio, ratio } from "./desk-log.js";
import { type Grouped, type Grouping, grouped } from "./grouping.js";
import { handoffFact } from "./handoff-facts.js";

/** The seed's target for the mean rating. */
export const SATISFACTION_TARGET = 4.5;

export interface Satisfaction {
  /** Mean of the ratings given; null when none were. */
  mean: number | null;
  /** How many ratings of each score, 1 to 5. */
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
  /** Rated / closed with an agent (closed, and an agent had accepted it). */
  responseRate: Ratio;
}

const closedWithAgent = (h: HandoffRecord) => h.status === "closed" && h.acceptedAt !== null;

function satisfactionOf(handoffs: readonly HandoffRecord[]): Satisfaction {
  const closed = handoffs.filter(closedWithAgent);
  const ratings = closed.map((h) => h.surveyRating).filter((r): r is number => r !== null && r >= 1 && r <= 5);
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of ratings) distribution[Math.round(r) as 1 | 2 | 3 | 4 | 5]++;
  return {
    mean: ratings.length === 0 ? null : ratings.reduce((a, b) => a + b, 0) / ratings.length,
    distribution,
    responseRate: ratio(ratings.length, closed.length),
  };
}

/** Satisfaction over the log's handoffs, grouped by when they arrived, domain, skill or channel. */
export function satisfaction(log: DeskLog, grouping?: Grouping): Grouped<Satisfaction> {
  return grouped(log.handoffs, handoffFact, grouping, log, satisfactionOf);
}
