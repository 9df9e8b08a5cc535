/**
 * The live queue's shared state behind one port, with two adapters: in-process (one server, the
 * embedded default) and Redis (several servers; each method one Lua script, so check-then-change is
 * atomic across instances). Both pass tests/routing/state-contract.ts. Every method is one atomic
 * step; a refused step throws RoutingError (stable code) and changes nothing.
 */
import type { AgentState, Urgency, WaitingChat } from "../types.js";

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

export type ChatStatus = "waiting" | "offered" | "active";

export interface ChatPlacement {
  status: ChatStatus;
  agentId: string | null;
  arrivedAt: number;
  urgency: Urgency;
  language: string;
  skill: string;
}

export interface RoutingStatePort {
  /** A chat joins the queue (ROUTING_DUPLICATE_CHAT if it is already there). */
  enqueue(chat: NewChat): Promise<void>;
  /** An agent is available for new chats (sign-in, back from away, profile change); chats kept. */
  agentOnline(profile: AgentProfile, now: number): Promise<void>;
  /** Away: no new offers; chats and outstanding offers kept (offers lapse by their timer). */
  agentAway(agentId: string): Promise<void>;
  /**
   * Gone (sign-out, or the grace period after a dropped socket ended): offers and chats go back to
   * the queue with their original arrival time. Returns the re-queued chat ids. Unknown agent: [].
   */
  agentOffline(agentId: string): Promise<string[]>;
  /** The claim: refused unless the chat waits, the agent is online, has a free slot and never declined it. */
  offer(chatId: string, agentId: string, now: number): Promise<void>;
  accept(chatId: string, agentId: string): Promise<void>;
  /** Back to the queue, never offered to that agent again. */
  decline(chatId: string, agentId: string): Promise<void>;
  /** An offer lapsed: like decline. */
  timeout(chatId: string, agentId: string): Promise<void>;
  /**
   * The agent hands an active chat on: it waits again (arrival kept), with a new skill if given;
   * `from` is not offered it again. To a named agent: the caller offers it to them next.
   */
  transfer(chatId: string, fromAgentId: string, skill?: string): Promise<void>;
  /** The agent closed the chat: it leaves the desk. */
  finish(chatId: string, agentId: string): Promise<void>;
  /** The citizen left before being answered (waiting or offered). Returns the agent who held an offer, if any. */
  abandon(chatId: string): Promise<string | null>;
  /** Waiting chats in arrival order (what the strategies read). */
  waiting(): Promise<WaitingChat[]>;
  agentStates(): Promise<AgentState[]>;
  /** Where a chat is, or undefined when the desk does not know it. */
  placement(chatId: string): Promise<ChatPlacement | undefined>;
  /** Every chat the desk knows, for the queue panel. */
  chats(): Promise<(ChatPlacement & { id: string })[]>;
  /** The chats an agent handles and the offers out to them. */
  agentChats(agentId: string): Promise<{ active: string[]; offered: string[] }>;
  close(): Promise<void>;
}
