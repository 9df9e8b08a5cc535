/**
 * How long citizens wait for a person: from asking (arrivedAt, kept through re-queues and
 * transfers) to an agent accepting. Waits are seconds; percentiles are nearest-rank (percentile.ts).
 */
import type { HandoffRecord } from "../storage/handoff-ports.js";
import { type DeskLog, type Ratio, ms, ratio } from "./desk-log.js";
import { type Grouped, type Grouping, grouped } from "./grouping.js";
import { handoffFact } from "./handoff-facts.js";
import { nearestRank } from "./percentile.js";

/** The seed's service level: answered by a person within 30 s. */
export const SERVICE_LEVEL_SECONDS = 30;

export interface QueueWaits {
  /** Handoffs an agent accepted: the waits below are theirs. */
  accepted: number;
  /** Left the queue (cancelled, or left to leave a message) before any agent accepted. */
  abandoned: number;
  /** Still queued, with nobody accepted yet: no outcome to count. */
  waiting: number;
  p50Seconds: number | null;
  p95Seconds: number | null;
  /**
   * Accepted within the threshold / (accepted + abandoned): a citizen who gave up was not answered
   * in time, so abandoning does not flatter the figure.
   */
  serviceLevel: Ratio;
  /** Abandoned / (accepted + abandoned). */
  abandonment: Ratio;
}

export interface QueueWaitOptions {
  /** Seconds within which an acceptance counts for the service level; 30 by default. */
  thresholdSeconds?: number;
  grouping?: Grouping;
}

/** Seconds from arriving to being accepted; null when no agent accepted. */
export function waitSeconds(h: HandoffRecord): number | null {
  return h.acceptedAt === null ? null : (ms(h.acceptedAt) - ms(h.arrivedAt)) / 1000;
}

/**
 * Abandoned: ended without an agent accepting. The desk stores a citizen's leaving the queue as
 * status "cancelled" (src/handoff/requests.ts cancel); ending a chat already with an agent is
 * "closed" with acceptedAt set, which is not abandonment.
 */
export function abandoned(h: HandoffRecord): boolean {
  return h.acceptedAt === null && (h.status === "cancelled" || h.status === "closed");
}

function waitsOf(handoffs: readonly HandoffRecord[], threshold: number): QueueWaits {
  const waits = handoffs.map(waitSeconds).filter((w): w is number => w !== null);
  const gaveUp = handoffs.filter(abandoned).length;
  const ended = waits.length + gaveUp;
  return {
    accepted: waits.length,
    abandoned: gaveUp,
    waiting: handoffs.length - ended,
    p50Seconds: nearestRank(waits, 50),
    p95Seconds: nearestRank(waits, 95),
    serviceLevel: ratio(waits.filter((w) => w <= threshold).length, ended),
    abandonment: ratio(gaveUp, ended),
  };
}

/** Queue waits over every handoff in the log, grouped by when it arrived, its domain, skill or channel. */
export function queueWaits(log: DeskLog, options: QueueWaitOptions = {}): Grouped<QueueWaits> {
  const threshold = options.thresholdSeconds ?? SERVICE_LEVEL_SECONDS;
  return grouped(log.handoffs, handoffFact, options.grouping, log, (hs) => waitsOf(hs, threshold));
}
