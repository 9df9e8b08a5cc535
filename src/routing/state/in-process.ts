import { RoutingError } from "../errors.js";
import type { AgentState, Urgency, WaitingChat } from "../types.js";
import type { AgentProfile, ChatPlacement, ChatStatus, NewChat, RoutingStatePort } from "./port.js";
import { byArrival, checkProfile } from "./profile.js";

/** A chat the desk knows about, from enqueue to finish. */
interface ChatRecord {
  id: string;
  arrivedAt: number;
  urgency: Urgency;
  language: string;
  skill: string;
  declinedBy: Set<string>;
  /** waiting: in the queue; offered: an offer is out to `agentId`; active: `agentId` handles it. */
  status: ChatStatus;
  agentId: string | null;
}

/** online: takes new chats; away: keeps what it has but gets no new offers; offline: holds nothing. */
type Presence = "online" | "away" | "offline";

interface AgentRecord {
  id: string;
  presence: Presence;
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

/**
 * The live queue in this process's memory (one server, the embedded default). Every method body is
 * synchronous, so each is one atomic step even though the port is async: it checks, then changes,
 * with nothing in between. A refused step throws before changing anything.
 */
export class InProcessRoutingState implements RoutingStatePort {
  private readonly chatRecords = new Map<string, ChatRecord>();
  private readonly agents = new Map<string, AgentRecord>();

  async enqueue(chat: NewChat): Promise<void> {
    if (this.chatRecords.has(chat.id)) throw new RoutingError("ROUTING_DUPLICATE_CHAT", chat.id);
    this.chatRecords.set(chat.id, {
      id: chat.id,
      arrivedAt: chat.arrivedAt,
      urgency: chat.urgency,
      language: chat.language,
      skill: chat.skill,
      declinedBy: new Set(chat.declinedBy ?? []),
      status: "waiting",
      agentId: null,
    });
  }

  async agentOnline(profile: AgentProfile, now: number): Promise<void> {
    checkProfile(profile);
    const record: AgentRecord = this.agents.get(profile.id) ?? {
      id: profile.id,
      presence: "offline",
      capacity: 0,
      languages: [],
      skills: [],
      lastAssignedAt: 0,
      onlineSince: now,
      offers: new Set(),
      chats: new Set(),
    };
    // Back from away counts as coming online: the agent was not waiting for work meanwhile.
    if (record.presence !== "online") record.onlineSince = now;
    record.presence = "online";
    record.capacity = profile.capacity;
    record.languages = [...profile.languages];
    record.skills = [...profile.skills];
    this.agents.set(profile.id, record);
  }

  async agentAway(agentId: string): Promise<void> {
    const agent = this.agent(agentId);
    if (agent.presence === "offline") throw new RoutingError("ROUTING_AGENT_OFFLINE", agentId);
    agent.presence = "away";
  }

  async agentOffline(agentId: string): Promise<string[]> {
    const agent = this.agents.get(agentId);
    if (agent === undefined) return [];
    agent.presence = "offline";
    const requeued = [...agent.offers, ...agent.chats].map((id) => this.chat(id)).sort(byArrival);
    for (const chat of requeued) this.requeue(chat);
    agent.offers.clear();
    agent.chats.clear();
    return requeued.map((c) => c.id);
  }

  async offer(chatId: string, agentId: string, now: number): Promise<void> {
    const chat = this.chat(chatId);
    const agent = this.agent(agentId);
    if (chat.status !== "waiting") throw new RoutingError("ROUTING_CHAT_NOT_WAITING", chatId);
    if (agent.presence === "offline") throw new RoutingError("ROUTING_AGENT_OFFLINE", agentId);
    if (agent.presence === "away") throw new RoutingError("ROUTING_AGENT_AWAY", agentId);
    if (chat.declinedBy.has(agentId))
      throw new RoutingError("ROUTING_DECLINED_BEFORE", `${chatId} by ${agentId}`);
    if (agent.offers.size + agent.chats.size >= agent.capacity)
      throw new RoutingError("ROUTING_OVER_CAPACITY", agentId);
    chat.status = "offered";
    chat.agentId = agentId;
    agent.offers.add(chatId);
    agent.lastAssignedAt = now;
  }

  async accept(chatId: string, agentId: string): Promise<void> {
    const { chat, agent } = this.offered(chatId, agentId);
    agent.offers.delete(chatId);
    agent.chats.add(chatId);
    chat.status = "active";
  }

  async decline(chatId: string, agentId: string): Promise<void> {
    const { chat, agent } = this.offered(chatId, agentId);
    agent.offers.delete(chatId);
    chat.declinedBy.add(agentId);
    this.requeue(chat);
  }

  async timeout(chatId: string, agentId: string): Promise<void> {
    // The agent may be away from the desk: treated as a decline so the chat goes to someone else.
    await this.decline(chatId, agentId);
  }

  async transfer(chatId: string, fromAgentId: string, skill?: string): Promise<void> {
    const { chat, agent } = this.assigned(chatId, fromAgentId);
    agent.chats.delete(chatId);
    chat.declinedBy.add(fromAgentId);
    if (skill !== undefined && skill !== "") chat.skill = skill;
    this.requeue(chat);
  }

  async finish(chatId: string, agentId: string): Promise<void> {
    const { agent } = this.assigned(chatId, agentId);
    agent.chats.delete(chatId);
    this.chatRecords.delete(chatId);
  }

  async abandon(chatId: string): Promise<string | null> {
    const chat = this.chat(chatId);
    if (chat.status === "active") throw new RoutingError("ROUTING_CHAT_NOT_WAITING", chatId);
    const holder = chat.agentId;
    if (holder !== null) this.agents.get(holder)?.offers.delete(chatId);
    this.chatRecords.delete(chatId);
    return holder;
  }

  async waiting(): Promise<WaitingChat[]> {
    const out: WaitingChat[] = [];
    for (const c of this.chatRecords.values()) {
      if (c.status !== "waiting") continue;
      out.push({
        id: c.id,
        arrivedAt: c.arrivedAt,
        urgency: c.urgency,
        language: c.language,
        skill: c.skill,
        declinedBy: [...c.declinedBy].sort(),
      });
    }
    return out.sort(byArrival);
  }

  async agentStates(): Promise<AgentState[]> {
    return [...this.agents.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((a) => ({
        id: a.id,
        // Strategies only offer to online agents; an away agent must get nothing new.
        online: a.presence === "online",
        presence: a.presence,
        capacity: a.capacity,
        active: a.chats.size,
        pendingOffers: a.offers.size,
        languages: [...a.languages],
        skills: [...a.skills],
        lastAssignedAt: a.lastAssignedAt,
        onlineSince: a.onlineSince,
      }));
  }

  async placement(chatId: string): Promise<ChatPlacement | undefined> {
    const chat = this.chatRecords.get(chatId);
    return chat === undefined ? undefined : placementOf(chat);
  }

  async chats(): Promise<(ChatPlacement & { id: string })[]> {
    return [...this.chatRecords.values()].sort(byArrival).map((c) => ({ id: c.id, ...placementOf(c) }));
  }

  async agentChats(agentId: string): Promise<{ active: string[]; offered: string[] }> {
    const agent = this.agents.get(agentId);
    if (agent === undefined) return { active: [], offered: [] };
    const inArrivalOrder = (ids: Set<string>) =>
      [...ids]
        .map((id) => this.chat(id))
        .sort(byArrival)
        .map((c) => c.id);
    return { active: inArrivalOrder(agent.chats), offered: inArrivalOrder(agent.offers) };
  }

  async close(): Promise<void> {
    // Nothing to release: the state lives and dies with the process.
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

  private assigned(chatId: string, agentId: string): { chat: ChatRecord; agent: AgentRecord } {
    const chat = this.chat(chatId);
    const agent = this.agent(agentId);
    if (chat.status !== "active" || chat.agentId !== agentId)
      throw new RoutingError("ROUTING_NOT_ASSIGNED", chatId);
    return { chat, agent };
  }

  private chat(chatId: string): ChatRecord {
    const chat = this.chatRecords.get(chatId);
    if (chat === undefined) throw new RoutingError("ROUTING_UNKNOWN_CHAT", chatId);
    return chat;
  }

  private agent(agentId: string): AgentRecord {
    const agent = this.agents.get(agentId);
    if (agent === undefined) throw new RoutingError("ROUTING_UNKNOWN_AGENT", agentId);
    return agent;
  }
}

function placementOf(chat: ChatRecord): ChatPlacement {
  return {
    status: chat.status,
    agentId: chat.agentId,
    arrivedAt: chat.arrivedAt,
    urgency: chat.urgency,
    language: chat.language,
    skill: chat.skill,
  };
}
