import type { AgentState, RoutingPolicy, WaitingChat } from "./types.js";

/** Priorities of aged chats start here: above any weight + lateness a fresh chat can reach. */
export const AGED_PRIORITY = 1_000_000;

/** The skill every domain matches. */
export const ANY_SKILL = "*";

export const waitOf = (chat: WaitingChat, now: number): number => Math.max(0, now - chat.arrivedAt);

export const speaks = (agent: AgentState, language: string): boolean => agent.languages.includes(language);

export const covers = (agent: AgentState, skill: string): boolean =>
  agent.skills.includes(skill) || agent.skills.includes(ANY_SKILL);

/** Active chats plus offers not yet answered: both occupy a slot. */
export const loadOf = (agent: AgentState): number => agent.active + agent.pendingOffers;

/** What a chat may ignore by now: first the skill, later the language, so nobody waits forever. */
export function relaxation(chat: WaitingChat, now: number, policy: RoutingPolicy) {
  const wait = waitOf(chat, now);
  return { skill: wait >= policy.relaxSkillAfterMs, language: wait >= policy.relaxLanguageAfterMs };
}

/**
 * Whether an agent may be offered this chat, given `extraLoad` offers already planned for them in
 * the same decision: online, a free slot, not a decliner, the language and the skill (each relaxed
 * after its wait).
 */
export function isEligible(
  chat: WaitingChat,
  agent: AgentState,
  now: number,
  policy: RoutingPolicy,
  extraLoad = 0,
): boolean {
  if (!agent.online || loadOf(agent) + extraLoad >= agent.capacity) return false;
  if (chat.declinedBy.length > 0 && chat.declinedBy.includes(agent.id)) return false;
  const relaxed = relaxation(chat, now, policy);
  if (!relaxed.language && !speaks(agent, chat.language)) return false;
  if (!relaxed.skill && !covers(agent, chat.skill)) return false;
  return true;
}

/** The agents who may be offered this chat now, in the order given. */
export function eligibleAgents(
  chat: WaitingChat,
  agents: readonly AgentState[],
  now: number,
  policy: RoutingPolicy,
): AgentState[] {
  return agents.filter((agent) => isEligible(chat, agent, now, policy));
}

/**
 * Which chat goes next, across classes: weight(urgency) + wait / target(urgency), higher first. A
 * chat past maxWaitMs gets AGED_PRIORITY + its wait in seconds, so it goes before every fresh chat
 * and the oldest aged chat goes first: nothing starves behind a stream of urgent ones. Within one
 * class the dynamic strategy orders fresh chats by policy.deadlinesMs first (strategies/dynamic.ts,
 * rule 1), and merges the classes by this priority of the chat each would serve next.
 */
export function priority(chat: WaitingChat, now: number, policy: RoutingPolicy): number {
  const wait = waitOf(chat, now);
  if (wait >= policy.maxWaitMs) return AGED_PRIORITY + wait / 1000;
  return policy.weight[chat.urgency] + wait / policy.targetMs[chat.urgency];
}

/** Descending priority, then earlier arrival, then id: a total order, so decisions are repeatable. */
export function byPriority(now: number, policy: RoutingPolicy) {
  return (a: WaitingChat, b: WaitingChat): number =>
    priority(b, now, policy) - priority(a, now, policy) ||
    a.arrivedAt - b.arrivedAt ||
    compareIds(a.id, b.id);
}

/** Oldest first, then id. */
export const byArrival = (a: WaitingChat, b: WaitingChat): number =>
  a.arrivedAt - b.arrivedAt || compareIds(a.id, b.id);

/** Plain code-unit order: the same on every machine and locale, unlike localeCompare. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
