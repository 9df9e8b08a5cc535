import type { QueueItemView } from "../../../lib/protocol";

export interface QueueCounts {
  /** Nobody holds the chat yet. */
  waiting: number;
  /** An agent was offered the chat and has not answered. */
  offered: number;
  /** An agent is talking with the citizen. */
  active: number;
}

/** The queue as three honest figures: every listed chat is in exactly one of them. */
export function countQueue(queue: readonly QueueItemView[]): QueueCounts {
  const counts: QueueCounts = { waiting: 0, offered: 0, active: 0 };
  for (const item of queue) counts[item.status] += 1;
  return counts;
}

/**
 * What an item's clock measures: a citizen still waiting (queued or offered) has waited since
 * they asked for a person; an accepted chat has been going since the agent took it, which is not
 * a wait. An active item without `acceptedAt` (an older server) shows no time rather than a wrong one.
 */
export type QueueTiming = { kind: "waiting"; since: string } | { kind: "in_chat"; since: string } | null;

export function queueTiming(item: QueueItemView): QueueTiming {
  if (item.status !== "active") return { kind: "waiting", since: item.arrivedAt };
  return item.acceptedAt ? { kind: "in_chat", since: item.acceptedAt } : null;
}
