/**
 * Two deliberately plain strategies for testing the simulator on its own, independent of the real
 * routing module (whose bugs must not hide the simulator's, and vice versa). Both are work-conserving:
 * they never leave a slot free while an eligible chat waits, which the Erlang C check relies on.
 */
import type { AgentState, Assignment, RoutingStrategy, WaitingChat } from "../../src/routing/types.js";

/** Language and skill requirements are dropped after this wait, so nobody waits forever for a specialist. */
const RELAX_MS = 60_000;

function eligible(chat: WaitingChat, agent: AgentState, now: number): boolean {
  if (!agent.online || chat.declinedBy.includes(agent.id)) return false;
  if (now - chat.arrivedAt >= RELAX_MS) return true;
  return (
    agent.languages.includes(chat.language) &&
    (agent.skills.includes("*") || agent.skills.includes(chat.skill))
  );
}

function make(name: string, choose: (candidates: AgentState[], load: Map<string, number>) => AgentState) {
  return (): RoutingStrategy => ({
    name,
    pick(waiting: readonly WaitingChat[], agents: readonly AgentState[], now: number): Assignment[] {
      const load = new Map(agents.map((a) => [a.id, a.active + a.pendingOffers]));
      const out: Assignment[] = [];
      const queue = [...waiting].sort((a, b) => a.arrivedAt - b.arrivedAt);
      for (const chat of queue) {
        const candidates = agents.filter((a) => eligible(chat, a, now) && load.get(a.id)! < a.capacity);
        if (candidates.length === 0) continue;
        const agent = choose(candidates, load);
        load.set(agent.id, load.get(agent.id)! + 1);
        out.push({ chatId: chat.id, agentId: agent.id });
      }
      return out;
    },
  });
}

/** Oldest chat first, to the first agent (fixed order) with a free slot. */
export const fifoFirstFree = make("test-fifo", (candidates) => candidates[0]!);

/** Oldest chat first, to the agent with the lowest load share; ties in fixed order. */
export const fifoLeastLoaded = make("test-least-loaded", (candidates, load) =>
  candidates.reduce((best, a) =>
    load.get(a.id)! / a.capacity < load.get(best.id)! / best.capacity ? a : best,
  ),
);

export const testingStrategies = {
  "test-fifo": fifoFirstFree,
  "test-least-loaded": fifoLeastLoaded,
} as const;
