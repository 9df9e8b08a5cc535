import { Rng } from "../../bench/routing/random.js";
import type { AgentState, Assignment, WaitingChat } from "../../src/routing/types.js";

export const NOW = 1_000_000;

export function agent(id: string, over: Partial<AgentState> = {}): AgentState {
  return {
    id,
    online: true,
    capacity: 3,
    active: 0,
    pendingOffers: 0,
    languages: ["zh"],
    skills: ["*"],
    lastAssignedAt: 0,
    onlineSince: 0,
    ...over,
  };
}

/** A chat that has waited `waitSec` seconds at NOW. */
export function chat(id: string, waitSec: number, over: Partial<WaitingChat> = {}): WaitingChat {
  return {
    id,
    arrivedAt: NOW - waitSec * 1000,
    urgency: "normal",
    language: "zh",
    skill: "pension",
    declinedBy: [],
    ...over,
  };
}

/** Repeatable random states, from the simulator's own seeded generator. */
export function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.uniform();
}

/** chat id -> agent id, for readable expectations. */
export const asMap = (out: readonly Assignment[]) =>
  Object.fromEntries(out.map((a) => [a.chatId, a.agentId]));

export function countBy(out: readonly Assignment[]): Record<string, number> {
  const n: Record<string, number> = {};
  for (const a of out) n[a.agentId] = (n[a.agentId] ?? 0) + 1;
  return n;
}
