import type { AgentServerToClient } from "../protocol/agent-events.js";
import type { Locale } from "../domain/locale.js";
import { RoutingError } from "../routing/errors.js";
import type { Jobs } from "../jobs/jobs.js";
import type { DeskMeter } from "../observability/desk-meter.js";
import type { RoutingStatePort } from "../routing/state/port.js";
import type { RoutingPolicy, RoutingStrategy } from "../routing/types.js";
import type { FieldCipher } from "../security/field-cipher.js";
import type { HandoffRecord, Storage } from "../storage/ports.js";
import type { ConversationOutbox } from "../transcript/outbox.js";
import type { Transcript } from "../transcript/transcript.js";
import { HandoffError } from "./errors.js";
import type { ServiceHours } from "./service-hours.js";

/** Where the desk's events for staff go: the composition root maps these onto the console's rooms. */
export interface StaffOutlet {
  agent<E extends keyof AgentServerToClient>(agentId: string, event: E, ...args: Parameters<AgentServerToClient[E]>): void;
  agents<E extends keyof AgentServerToClient>(event: E, ...args: Parameters<AgentServerToClient[E]>): void;
}

/** What the desk's parts are built from; the composition root gives it once to `HandoffDesk`. */
export interface DeskDeps {
  storage: Storage;
  cipher: FieldCipher;
  /** Where the desk's words to the citizen (agent joined, transferred, closed…) are written. */
  transcript: Transcript;
  /** The citizen's side: handoff status and typing, on whatever channel the conversation lives on. */
  outbox: ConversationOutbox;
  staff: StaffOutlet;
  state: RoutingStatePort;
  /** The desk defines its jobs (offer timeout, agent grace, citizen gone) on these. */
  jobs: Jobs;
  strategy: RoutingStrategy;
  policy: RoutingPolicy;
  clock: () => Date;
  offerTimeoutMs: number;
  agentGraceMs: number;
  /** A citizen whose every tab closed while waiting in line leaves the queue after this long. */
  citizenGraceMs: number;
  /** Whether the conversation has a socket open anywhere (every instance). */
  isCitizenConnected: (conversationId: string) => Promise<boolean>;
  /** Whether the agent has a socket open anywhere (every instance), checked when a grace period ends. */
  isAgentConnected: (agentId: string) => Promise<boolean>;
  serviceHours: ServiceHours;
  /** The masked values a guided application collected, for the context panel. */
  flowValues: (conversationId: string, locale: Locale) => Promise<{ label: string; value: string }[]>;
  onError: (error: unknown, what: string) => void;
  /** Counts agents' messages, offers and their outcomes, and how long citizens waited for a person. */
  meter?: Pick<DeskMeter, "messageReceived" | "offer" | "waitedForAgent">;
  newId?: () => string;
}

/** The handoff by id; HANDOFF_UNKNOWN_CHAT when there is none. */
export async function handoffById(storage: Storage, chatId: string): Promise<HandoffRecord> {
  const h = await storage.handoffs.get(chatId);
  if (!h) throw new HandoffError("HANDOFF_UNKNOWN_CHAT");
  return h;
}

/** The conversation's language now (the citizen may have switched since the handoff began). */
export async function localeOf(storage: Storage, conversationId: string): Promise<Locale> {
  return (await storage.conversations.get(conversationId))?.locale ?? "zh";
}

/**
 * A refused routing step (a chat taken, an offer gone) is an outcome the desk expects from races
 * between agents and instances; anything else is a fault and is thrown on.
 */
export function ignoreRouting(error: unknown): void {
  if (!(error instanceof RoutingError)) throw error;
}
