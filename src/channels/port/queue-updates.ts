import type { HandoffStatusView } from "../../domain/handoff-status.js";

/** What a citizen was last told of their place in line, and when. */
export interface QueueTold {
  handoffId: string;
  position: number;
  at: number;
}

/** What to tell a citizen now: their place and estimate, or that they are next. */
export type QueueUpdate = { say: "place"; ahead: number; minutes: number | undefined } | { say: "next" };

/** Between two "still N ahead of you" messages: a channel without a live strip is not flooded. */
export const QUEUE_UPDATE_EVERY_MS = 120_000;

/**
 * Whether a citizen on a channel with no live queue strip (WeChat, Bot Framework) should get a
 * message about their place in line, given what they were last told. They hear their place when
 * they join the line (the desk's "connecting" words give none), then when it has improved and two
 * minutes have passed since the last word, and at once when they become next. A place that grows
 * (an urgent chat went ahead) or an unchanged one says nothing; an agent joining, the queue left,
 * nobody online are said by the desk's own messages. Pure.
 */
export function queueUpdate(
  told: QueueTold | undefined,
  status: HandoffStatusView,
  now: number,
): { update: QueueUpdate; told: QueueTold } | undefined {
  if ((status.state !== "queued" && status.state !== "offered") || status.waitingForAgents) return undefined;
  const position = status.state === "offered" ? 1 : (status.position ?? 1);
  const first = told === undefined || told.handoffId !== status.handoffId;
  const next: QueueTold = { handoffId: status.handoffId, position, at: now };
  if (position === 1 && (first || told.position > 1)) return { update: { say: "next" }, told: next };
  if (first) return { update: place(position, status.etaSec), told: next };
  if (position < told.position && now - told.at >= QUEUE_UPDATE_EVERY_MS) return { update: place(position, status.etaSec), told: next };
  return undefined;
}

function place(position: number, etaSec: number | undefined): QueueUpdate {
  return { say: "place", ahead: position - 1, minutes: etaSec === undefined ? undefined : Math.max(1, Math.round(etaSec / 60)) };
}
