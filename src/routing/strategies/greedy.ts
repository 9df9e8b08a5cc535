import { isEligible, loadOf } from "../eligibility.js";
import type { AgentState, Assignment, RoutingPolicy, WaitingChat } from "../types.js";

/** The agents as one decision sees them: loads and last assignments include the offers it has planned. */
export interface Plan {
  readonly agents: readonly AgentState[];
  /** active + pending + offers planned in this decision. */
  readonly load: Int32Array;
  /** lastAssignedAt, set to `now` for an agent given a chat in this decision. */
  readonly lastAssignedAt: Float64Array;
  /** Order of the last chat given in this decision (0: none): breaks the ties `now` creates. */
  readonly turn: Int32Array;
}

/** Negative when agent `a` should be preferred to agent `b`. */
export type AgentOrder = (a: number, b: number, plan: Plan) => number;

/**
 * The loop every baseline shares: take the chats in the given order and offer each to the first
 * eligible agent by `order`, counting the offers already planned so no cap is ever exceeded.
 */
export function assignInOrder(
  chats: readonly WaitingChat[],
  agents: readonly AgentState[],
  now: number,
  policy: RoutingPolicy,
  order: AgentOrder,
): Assignment[] {
  const n = agents.length;
  const load = new Int32Array(n);
  const lastAssignedAt = new Float64Array(n);
  let free = 0;
  for (let i = 0; i < n; i++) {
    const agent = agents[i]!;
    load[i] = loadOf(agent);
    lastAssignedAt[i] = agent.lastAssignedAt;
    if (agent.online) free += Math.max(0, agent.capacity - load[i]!);
  }
  const turn = new Int32Array(n);
  const plan: Plan = { agents, load, lastAssignedAt, turn };
  const out: Assignment[] = [];
  for (const chat of chats) {
    if (free === 0) break;
    let best = -1;
    for (let i = 0; i < n; i++) {
      const agent = agents[i]!;
      // Eligibility is judged on the planned load: the agent's own counts plus this decision's offers.
      if (!isEligible(chat, agent, now, policy, load[i]! - loadOf(agent))) continue;
      if (best < 0 || order(i, best, plan) < 0) best = i;
    }
    if (best < 0) continue;
    out.push({ chatId: chat.id, agentId: agents[best]!.id });
    load[best]!++;
    lastAssignedAt[best] = now;
    turn[best] = out.length;
    free--;
  }
  return out;
}

/** Agent id order: the fixed tie-break of the baselines. */
export const byAgentId: AgentOrder = (a, b, plan) => {
  const x = plan.agents[a]!.id;
  const y = plan.agents[b]!.id;
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Least recently assigned first, counting this decision's offers in the order they were made. */
export const byLastAssigned: AgentOrder = (a, b, plan) =>
  plan.lastAssignedAt[a]! - plan.lastAssignedAt[b]! || plan.turn[a]! - plan.turn[b]!;
