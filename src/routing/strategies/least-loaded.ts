import { byArrival } from "../eligibility.js";
import type { AgentState, Assignment, RoutingPolicy, RoutingStrategy, WaitingChat } from "../types.js";
import { assignInOrder, byAgentId } from "./greedy.js";

/**
 * Rocket.Chat's Auto Selection: the oldest chat goes to the agent with the fewest chats, ties in a
 * fixed order (agent id). Rocket.Chat assigns at once, so a chat it hands out counts immediately:
 * here that is active + pending offers, including the offers planned in this same decision.
 */
export class LeastLoadedStrategy implements RoutingStrategy {
  readonly name = "least-loaded";
  constructor(private readonly policy: RoutingPolicy) {}

  pick(waiting: readonly WaitingChat[], agents: readonly AgentState[], now: number): Assignment[] {
    const chats = [...waiting].sort(byArrival);
    return assignInOrder(
      chats,
      agents,
      now,
      this.policy,
      (a, b, plan) => plan.load[a]! - plan.load[b]! || byAgentId(a, b, plan),
    );
  }
}
