/**
 * The routing engine's vocabulary. Decision code is pure: state and the clock (`now`, ms) in,
 * assignments out. The server (live queue) and the simulator (bench/routing) run the same code.
 */

export type Urgency = "urgent" | "normal" | "low";

/** A citizen waiting for an agent. */
export interface WaitingChat {
  id: string;
  /** When the chat first entered the queue (ms). Kept across re-queues (declines, timeouts, drop-outs). */
  arrivedAt: number;
  urgency: Urgency;
  /** "zh" | "en" | ... */
  language: string;
  /** The domain the case needs, e.g. "pension", "medical", "unemployment", "other". */
  skill: string;
  /** Agents who declined or let an offer of this chat time out: never offered it again. */
  declinedBy: readonly string[];
}

/** An agent as the router sees them at one instant. */
export interface AgentState {
  id: string;
  online: boolean;
  /**
   * Not online: away (keeps what it has) or offline (signed out, or gone past the grace period).
   * Set by the live desk's state (src/routing/state/), for the agents-by-status figure; the
   * simulator's agents have none, and routing reads only `online`.
   */
  presence?: "online" | "away" | "offline";
  /** Most chats at once (active + pending offers). */
  capacity: number;
  /** Chats the agent is handling now. */
  active: number;
  /** Offers made and not yet answered: they count as load. */
  pendingOffers: number;
  languages: readonly string[];
  /** Domains the agent handles; "*" means all. */
  skills: readonly string[];
  /** When the agent was last given a chat (ms); for tie-breaking and longest-idle. */
  lastAssignedAt: number;
  /** When the agent came online (ms). */
  onlineSince: number;
}

/** Tunable numbers of the routing policy (src/routing/policy.ts has the defaults and their reasons). */
export interface RoutingPolicy {
  /** Target answer time per urgency (ms): wait / target is how late a chat is. */
  targetMs: Record<Urgency, number>;
  /** Base priority per urgency. */
  weight: Record<Urgency, number>;
  /** Any chat waiting longer than this goes first, whatever its urgency (no starvation). */
  maxWaitMs: number;
  /**
   * Answer-time lines (ms, ascending) that order chats within one urgency: a chat that can still be
   * answered before an earlier line goes before one that has already missed it, oldest first between
   * two lines. Empty: oldest first in each class.
   */
  deadlinesMs: readonly number[];
  /**
   * The lines are switched off (oldest first in each class) once `offers` chats have been offered
   * after waiting at least `waitMs` with nobody leaving the queue in between: a queue of patient
   * citizens, where a chat pushed behind a line is still answered, only later (strategies/dynamic.ts).
   */
  patientQueue: { waitMs: number; offers: number };
  /** After this wait, language and skill requirements are relaxed (first skill, then language). */
  relaxSkillAfterMs: number;
  relaxLanguageAfterMs: number;
  /**
   * Weight of wait against load, 0..1. Decides when an agent's last free slots may be used:
   * with alpha = 0 only the least-loaded free capacity is ever used; with alpha = 1 any free slot.
   */
  alpha: number;
}

export interface Assignment {
  chatId: string;
  agentId: string;
}

/**
 * One routing algorithm: decides from its arguments alone (dynamic also keeps one count it learns from
 * the queues it is shown: late answers since a citizen last left; strategies/queue-abandonment.ts).
 */
export interface RoutingStrategy {
  readonly name: string;
  /** The offers to make now, at most one per chat; never beyond an agent's capacity. */
  pick(waiting: readonly WaitingChat[], agents: readonly AgentState[], now: number): Assignment[];
  /** The order it serves waiting chats in, when it has one independent of agents (queue positions). */
  order?(waiting: readonly WaitingChat[], now: number): WaitingChat[];
}
