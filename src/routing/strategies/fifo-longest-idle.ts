import { byArrival } from "../eligibility.js";
import type { AgentState, Assignment, RoutingPolicy, RoutingStrategy, WaitingChat } from "../types.js";
import { type AgentOrder, assignInOrder, byAgentId } from "./greedy.js";

/**
 * Amazon Connect: the oldest chat goes to the available agent who has been idle longest. With chat
 * concurrency "available" means a free slot; an agent with no chat at all is idle and goes before
 * agents who are busy but under their cap. Idle time runs from the later of the last assignment
 * and coming online (an agent who just logged in has not been waiting for work all day).
 */
export class FifoLongestIdleStrategy implements RoutingStrategy {
  readonly name = "fifo-longest-idle";
  constructor(private readonly policy: RoutingPolicy) {}

  pick(waiting: readonly WaitingChat[], agents: readonly AgentState[], now: number): Assignment[] {
    const chats = [...waiting].sort(byArrival);
    return assignInOrder(chats, agents, now, this.policy, longestIdle);
  }
}

const longestIdle: AgentOrder = (a, b, plan) => {
  const idleA = plan.load[a] === 0 ? 0 : 1;
  const idleB = plan.load[b] === 0 ? 0 : 1;
  const sinceA = Math.max(plan.lastAssignedAt[a]!, plan.agents[a]!.onlineSince);
  const sinceB = Math.max(plan.lastAssignedAt[b]!, plan.agents[b]!.onlineSince);
  return idleA - idleB || sinceA - sinceB || plan.turn[a]! - plan.turn[b]! || byAgentId(a, b, plan);
};
