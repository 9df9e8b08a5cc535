import { RoutingError } from "./errors.js";
import type { RoutingStatePort } from "./state/port.js";
import type { Assignment, RoutingStrategy } from "./types.js";

/**
 * The one place assignments are made: ask the strategy on a snapshot of the queue and the agents,
 * then claim each offer in the state. A claim the state refuses (it moved since the snapshot:
 * another instance, an accept, a drop-out) is skipped and the chat stays waiting for the next
 * round; any other error (the store is unreachable) is the caller's. Claims go one after another,
 * in the strategy's order, so an earlier pick wins a conflict. Returns the offers that were made,
 * for the caller to announce (socket event, offer timer).
 */
export async function routeNextChatsOn(
  state: RoutingStatePort,
  strategy: RoutingStrategy,
  now: number,
): Promise<Assignment[]> {
  const [waiting, agents] = await Promise.all([state.waiting(), state.agentStates()]);
  const made: Assignment[] = [];
  for (const a of strategy.pick(waiting, agents, now)) {
    try {
      await state.offer(a.chatId, a.agentId, now);
      made.push(a);
    } catch (error) {
      if (!(error instanceof RoutingError)) throw error;
    }
  }
  return made;
}
