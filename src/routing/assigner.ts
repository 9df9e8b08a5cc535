import { RoutingError } from "./errors.js";
import type { AgentState, Assignment, RoutingStrategy, Urgency, WaitingChat } from "./types.js";

/** A chat the desk knows about, from enqueue to finish. */
interface ChatRecord {
  id: string;
  arrivedAt: number;
  urgency: Urgency;
  language: string;
  skill: string;
  declinedBy: string[];
  /** waiting: in the queue; offered: an offer is out to `agentId`; active: `agentId` handles it. */
  status: "waiting" | "offered" | "active";
  agentId: string | null;
}

interface AgentRecord {
  id: string;
  online: boolean;
  capacity: number;
  languages: string[];
  skills: string[];
  lastAssignedAt: number;
  onlineSince: number;
  /** Chats offered to the agent and not yet answered. */
  offers: Set<string>;
  /** Chats the agent is handling. */
  chats: Set<string>;
}

export interface NewChat {
  id: string;
  arrivedAt: number;
  urgency: Urgency;
  language: string;
  skill: string;
  declinedBy?: readonly string[];
}

export interface AgentProfile {
  id: string;
  capacity: number;
  languages: readonly string[];
  skills: readonly string[];
}

/**
 * The live queue in memory: waiting chats, offers and agents. Each public method is one atomic
 * step (it checks, then changes, with nothing in between), the shape a Redis-backed state keeps
 * with one Lua script per method. Errors are RoutingError with stable codes; a refused step
 * changes nothing.
 */
export class RoutingState {
  private readonly chats = new Map<string, ChatRecord>();
  private readonly agents = new Map<string, AgentRecord>();

  enqueue(chat: NewChat): void {
    if (this.chats.has(chat.id)) throw new RoutingError("ROUTING_DUPLICATE_CHAT", chat.id);
    this.chats.set(chat.id, {
      id: chat.id,
      arrivedAt: chat.arrivedAt,
      urgency: chat.urgency,
      language: chat.language,
      skill: chat.skill,
      declinedBy: [...(chat.declinedBy ?? [])],
      status: "waiting",
      agentId: null,
    });
  }

  /** An agent signs in (or changes their profile while online); their chats, if any, are kept. */
  agentOnline(profile: AgentProfile, now: number): void {
    if (!Number.isInteger(profile.capacity) || profile.capacity < 0 || profile.languages.length === 0) {
      throw new RoutingError("ROUTING_BAD_AGENT", profile.id);
    }
    const known = this.agents.get(profile.id);
    const record: AgentRecord = known ?? {
      id: profile.id,
      online: false,
      capacity: 0,
      languages: [],
      skills: [],
      lastAssignedAt: 0,
      onlineSince: now,
      offers: new Set(),
      chats: new Set(),
    };
    if (!record.online) record.onlineSince = now;
    record.online = true;
    record.capacity = profile.capacity;
    record.languages = [...profile.languages];
    record.skills = [...profile.skills];
    this.agents.set(profile.id, record);
  }

  /**
   * An agent leaves (or their grace period after a dropped socket ended): their offers and active
   * chats go back to the queue with their original arrival time, so nobody loses their place.
   * Returns the re-queued chat ids.
   */
  agentOffline(agentId: string): string[] {
    const agent = this.agent(agentId);
    agent.online = false;
    const requeued = [...agent.offers, ...agent.chats];
    for (const chatId of requeued) this.requeue(this.chat(chatId));
    agent.offers.clear();
    agent.chats.clear();
    return requeued;
  }

  /**
   * The claim: offers a waiting chat to an agent, refused if the chat is not waiting, the agent is
   * offline, declined it before, or would go beyond their capacity (active + pending offers).
   */
  offer(chatId: string, agentId: string, now: number): void {
    const chat = this.chat(chatId);
    const agent = this.agent(agentId);
    if (chat.status !== "waiting") throw new RoutingError("ROUTING_CHAT_NOT_WAITING", chatId);
    if (!agent.online) throw new RoutingError("ROUTING_AGENT_OFFLINE", agentId);
    if (chat.declinedBy.includes(agentId))
      throw new RoutingError("ROUTING_DECLINED_BEFORE", `${chatId} by ${agentId}`);
    if (agent.offers.size + agent.chats.size >= agent.capacity)
      throw new RoutingError("ROUTING_OVER_CAPACITY", agentId);
    chat.status = "offered";
    chat.agentId = agentId;
    agent.offers.add(chatId);
    agent.lastAssignedAt = now;
  }

  accept(chatId: string, agentId: string): void {
    const { chat, agent } = this.offered(chatId, agentId);
    agent.offers.delete(chatId);
    agent.chats.add(chatId);
    chat.status = "active";
  }

  /** The agent said no: back to the queue (original arrival kept), never offered to them again. */
  decline(chatId: string, agentId: string): void {
    const { chat, agent } = this.offered(chatId, agentId);
    agent.offers.delete(chatId);
    if (!chat.declinedBy.includes(agentId)) chat.declinedBy.push(agentId);
    this.requeue(chat);
  }

  /** The offer ran out unanswered: treated as a decline, the agent may be away from the desk. */
  timeout(chatId: string, agentId: string): void {
    this.decline(chatId, agentId);
  }

  /** The agent closed the chat: it leaves the desk and frees the slot. */
  finish(chatId: string, agentId: string): void {
    const chat = this.chat(chatId);
    const agent = this.agent(agentId);
    if (chat.status !== "active" || chat.agentId !== agentId)
      throw new RoutingError("ROUTING_NOT_ASSIGNED", chatId);
    agent.chats.delete(chatId);
    this.chats.delete(chatId);
  }

  /** The citizen left the queue before being answered (or while an offer was out). */
  abandon(chatId: string): void {
    const chat = this.chat(chatId);
    if (chat.status === "active") throw new RoutingError("ROUTING_CHAT_NOT_WAITING", chatId);
    if (chat.agentId !== null) this.agents.get(chat.agentId)?.offers.delete(chatId);
    this.chats.delete(chatId);
  }

  /** The queue as the strategies see it: waiting chats only, in arrival order. */
  waiting(): WaitingChat[] {
    const out: WaitingChat[] = [];
    for (const c of this.chats.values()) {
      if (c.status !== "waiting") continue;
      out.push({
        id: c.id,
        arrivedAt: c.arrivedAt,
        urgency: c.urgency,
        language: c.language,
        skill: c.skill,
        declinedBy: [...c.declinedBy],
      });
    }
    return out.sort((a, b) => a.arrivedAt - b.arrivedAt);
  }

  agentStates(): AgentState[] {
    return [...this.agents.values()].map((a) => ({
      id: a.id,
      online: a.online,
      capacity: a.capacity,
      active: a.chats.size,
      pendingOffers: a.offers.size,
      languages: [...a.languages],
      skills: [...a.skills],
      lastAssignedAt: a.lastAssignedAt,
      onlineSince: a.onlineSince,
    }));
  }

  /** Where a chat is: for the citizen's position display and for tests. */
  statusOf(chatId: string): { status: ChatRecord["status"]; agentId: string | null } {
    const chat = this.chat(chatId);
    return { status: chat.status, agentId: chat.agentId };
  }

  private requeue(chat: ChatRecord): void {
    chat.status = "waiting";
    chat.agentId = null;
  }

  private offered(chatId: string, agentId: string): { chat: ChatRecord; agent: AgentRecord } {
    const chat = this.chat(chatId);
    const agent = this.agent(agentId);
    if (chat.status !== "offered" || chat.agentId !== agentId)
      throw new RoutingError("ROUTING_NOT_OFFERED", chatId);
    return { chat, agent };
  }

  private chat(chatId: string): ChatRecord {
    const chat = this.chats.get(chatId);
    if (chat === undefined) throw new RoutingError("ROUTING_UNKNOWN_CHAT", chatId);
    return chat;
  }

  private agent(agentId: string): AgentRecord {
    const agent = this.agents.get(agentId);
    if (agent === undefined) throw new RoutingError("ROUTING_UNKNOWN_AGENT", agentId);
    return agent;
  }
}

/**
 * The one place assignments are made: ask the strategy, then claim each offer in the state. An offer
 * whose claim fails (the state moved since the snapshot: another instance, an accept, a drop-out)
 * is skipped; the chat stays waiting for the next round. Returns the offers that were made, for the
 * caller to announce (socket event, offer timer).
 */
export function routeNextChats(state: RoutingState, strategy: RoutingStrategy, now: number): Assignment[] {
  const planned = strategy.pick(state.waiting(), state.agentStates(), now);
  const made: Assignment[] = [];
  for (const a of planned) {
    try {
      state.offer(a.chatId, a.agentId, now);
      made.push(a);
    } catch (error) {
      if (!(error instanceof RoutingError)) throw error;
    }
  }
  return made;
}
