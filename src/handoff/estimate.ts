import { byPriority } from "../routing/eligibility.js";
import type { RoutingPolicy, RoutingStrategy, WaitingChat } from "../routing/types.js";

/** What the desk looks like now, for a wait estimate. */
export interface DeskLoad {
  /** Free slots of online agents (capacity minus chats and pending offers). */
  freeSlots: number;
  /** Chats agents are handling now. */
  activeChats: number;
  /** Mean seconds an agent spends on a chat (recent closed chats; a default before there are any). */
  meanHandleSec: number;
}

/** Seconds from an offer to an answer, about: an agent notices, reads the context, accepts. */
const ANSWER_SEC = 15;

/**
 * About how long until an agent answers the chat at `position` (1 = next). A chat within the free
 * slots is offered at once; beyond them it waits for chats ahead to finish, which happens at
 * activeChats / meanHandle per second; that wait is rounded up to 10 s (a citizen reads minutes, not
 * seconds). Pure.
 */
export function estimateWaitSec(position: number, load: DeskLoad): number {
  const ahead = position - load.freeSlots;
  if (ahead <= 0) return ANSWER_SEC;
  const perSec = load.activeChats > 0 ? load.activeChats / load.meanHandleSec : 1 / load.meanHandleSec;
  return Math.ceil((ahead / perSec + ANSWER_SEC) / 10) * 10;
}

/**
 * Each waiting chat's place in line (1 = next), in the order the router serves them (the strategy's
 * own order when it has one, else by priority). Pure.
 */
export function queuePositions(
  waiting: readonly WaitingChat[],
  now: number,
  policy: RoutingPolicy,
  strategy?: Pick<RoutingStrategy, "order">,
): Map<string, number> {
  const order = strategy?.order ? strategy.order(waiting, now) : [...waiting].sort(byPriority(now, policy));
  return new Map(order.map((chat, i) => [chat.id, i + 1]));
}
