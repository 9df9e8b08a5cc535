import { byArrival } from "../eligibility.js";
import type {
  AgentState,
  Assignment,
  RoutingPolicy,
  RoutingStrategy,
  Urgency,
  WaitingChat,
} from "../types.js";
import { assignInOrder, byAgentId } from "./greedy.js";

const rank: Record<Urgency, number> = { urgent: 0, normal: 1, low: 2 };

/**
 * Classic strict priority: every urgent chat before any normal one, every normal before any low,
 * oldest first within a class; each goes to the least-loaded eligible agent (ties by id). It has no
 * aging: under a steady stream of urgent chats a low one can wait forever, which is its known flaw.
 */
export class StrictPriorityStrategy implements RoutingStrategy {
  readonly name = "strict-priority";
  constructor(private readonly policy: RoutingPolicy) {}

  pick(waiting: readonly WaitingChat[], agents: readonly AgentState[], now: number): Assignment[] {
    const chats = [...waiting].sort((a, b) => rank[a.urgency] - rank[b.urgency] || byArrival(a, b));
    return assignInOrder(
      chats,
      agents,
      now,
      this.policy,
      (a, b, plan) => plan.load[a]! - plan.load[b]! || byAgentId(a, b, plan),
    );
  }
}
