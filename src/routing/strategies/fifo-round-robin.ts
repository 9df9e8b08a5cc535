import { byArrival } from "../eligibility.js";
import type { AgentState, Assignment, RoutingPolicy, RoutingStrategy, WaitingChat } from "../types.js";
import { assignInOrder, byAgentId, byLastAssigned } from "./greedy.js";

/**
 * Chatwoot's round robin: the oldest chat goes to the next agent in the rotation who can take it.
 * The rotation is a queue of agents where the one just assigned moves to the back; that is exactly
 * "least recently assigned first", so it is derived from lastAssignedAt and the method stays pure.
 * Load is not looked at beyond the cap, as in Chatwoot.
 */
export class FifoRoundRobinStrategy implements RoutingStrategy {
  readonly name = "fifo-round-robin";
  constructor(private readonly policy: RoutingPolicy) {}

  pick(waiting: readonly WaitingChat[], agents: readonly AgentState[], now: number): Assignment[] {
    const chats = [...waiting].sort(byArrival);
    return assignInOrder(
      chats,
      agents,
      now,
      this.policy,
      (a, b, plan) => byLastAssigned(a, b, plan) || byAgentId(a, b, plan),
    );
  }
}
