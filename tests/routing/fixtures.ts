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

/** mulberry32, for repeatable random states. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** chat id -> agent id, for readable expectations. */
export const asMap = (out: readonly Assignment[]) =>
  Object.fromEntries(out.map((a) => [a.chatId, a.agentId]));

export function countBy(out: readonly Assignment[]): Record<string, number> {
  const n: Record<string, number> = {};
  for (const a of out) n[a.agentId] = (n[a.agentId] ?? 0) + 1;
  return n;
}
