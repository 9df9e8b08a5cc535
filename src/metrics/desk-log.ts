/**
 * What the desk's figures are computed from: the stored records as plain values, passed in whole.
 * The figures read no store and no clock, so a dashboard, the simulator and the tests feed them the
 * same way; anything time-dependent ("has 24 h passed yet?") takes `now` as a parameter.
 */
import type { HandoffRecord } from "../storage/handoff-ports.js";
import type { ConversationRecord, FeedbackRecord, MessageRecord } from "../storage/ports.js";

export interface DeskLog {
  messages: readonly MessageRecord[];
  handoffs: readonly HandoffRecord[];
  /** Thumbs up/down on bot answers (stored apart from the messages, one per message). */
  feedback: readonly FeedbackRecord[];
  /** Only needed to group by channel; a conversation missing here groups under "unknown". */
  conversations?: readonly ConversationRecord[];
}

/**
 * A share with the counts it comes from, so a reader can see "3 of 5" and not only "60 %". `value`
 * is null when the denominator is 0: no data is not 0 %.
 */
export interface Ratio {
  value: number | null;
  numerator: number;
  denominator: number;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

/** Milliseconds since the epoch of a stored ISO time (comparing strings breaks on mixed offsets). */
export function ms(iso: string): number {
  return Date.parse(iso);
}
