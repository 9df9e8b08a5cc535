/** The live desk's records: each request for a person, and the messages left when nobody could answer. */
export type HandoffStatus = "queued" | "active" | "closed" | "cancelled";

/** One request for a person in a conversation, from the queue to the survey. */
export interface HandoffRecord {
  id: string;
  conversationId: string;
  status: HandoffStatus;
  reason: string;
  urgency: "urgent" | "normal" | "low";
  language: string;
  skill: string;
  /** The last intent the bot recognised. */
  intent: string | null;
  /** When the citizen first asked (ISO); kept through re-queues and transfers. */
  arrivedAt: string;
  agentId: string | null;
  /** When it was last offered to an agent (ISO); null before any offer. */
  offeredAt: string | null;
  acceptedAt: string | null;
  closedAt: string | null;
  wrapUp: string | null;
  closeNote: string | null;
  transferNote: string | null;
  surveyRating: number | null;
  surveyComment: string | null;
}

export interface HandoffStore {
  create(record: HandoffRecord): Promise<void>;
  get(id: string): Promise<HandoffRecord | undefined>;
  /** The conversation's handoff that is still queued or active, if any. */
  open(conversationId: string): Promise<HandoffRecord | undefined>;
  /** Every queued or active handoff (to rebuild the in-process queue after a restart). */
  listOpen(): Promise<HandoffRecord[]>;
  update(id: string, changes: Partial<Omit<HandoffRecord, "id" | "conversationId">>): Promise<void>;
  /** The chats `agentId` closed since `since` (ISO), newest first, at most `limit`. */
  closedBy(agentId: string, since: string, limit: number): Promise<HandoffRecord[]>;
  /** Mean seconds from accept to close over the last `limit` closed chats (queue estimates); null if none. */
  meanHandleSeconds(limit: number): Promise<number | null>;
}

/** A message left for an agent when nobody could answer live. */
export interface TicketRecord {
  id: string;
  conversationId: string;
  language: string;
  /** Masked. */
  text: string;
  textSealed: string | null;
  /**
   * Whether the original gives a mobile number to call back on (decided when it was left, so the
   * list need not open every sealed original); null for messages left before it was kept.
   */
  hasCallback: boolean | null;
  status: "open" | "answered";
  createdAt: string;
  answeredBy: string | null;
  answeredAt: string | null;
}

export interface TicketStore {
  create(record: TicketRecord): Promise<void>;
  get(id: string): Promise<TicketRecord | undefined>;
  list(status: TicketRecord["status"], limit: number): Promise<TicketRecord[]>;
  /** Marks an open ticket answered; false when it was not open (someone else answered first). */
  markAnswered(id: string, agentId: string, at: string): Promise<boolean>;
}
