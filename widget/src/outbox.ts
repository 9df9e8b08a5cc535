import type { ChatMessageInput, QuickReplyPayload } from "../../src/protocol/events";

/** A citizen message the server has not stored yet. */
export interface Outgoing extends ChatMessageInput {
  state: "sending" | "failed";
  /** Incremented per delivery attempt, so a late timeout from an older attempt is ignored. */
  attempts: number;
  /** The newest stored seq when it was (re)sent: a failed message keeps its place as the chat goes on. */
  after: number;
}

/**
 * Messages typed but not yet acknowledged. Each keeps its clientId for life: a re-send after a
 * reconnect carries the same id, and the server stores it once however often it arrives.
 */
export class Outbox {
  private readonly items = new Map<string, Outgoing>();

  add(text: string, after: number, quickReply?: QuickReplyPayload): Outgoing {
    const item: Outgoing = { clientId: newClientId(), text, state: "sending", attempts: 0, after };
    if (quickReply) item.quickReply = quickReply;
    this.items.set(item.clientId, item);
    return item;
  }

  get(clientId: string): Outgoing | undefined {
    return this.items.get(clientId);
  }

  remove(clientId: string): void {
    this.items.delete(clientId);
  }

  /** In the order they were typed. */
  all(): Outgoing[] {
    return [...this.items.values()];
  }

  sending(): Outgoing[] {
    return this.all().filter((item) => item.state === "sending");
  }
}

/** What the server sees: the message without our bookkeeping. */
export function toInput(item: Outgoing): ChatMessageInput {
  return item.quickReply
    ? { clientId: item.clientId, text: item.text, quickReply: item.quickReply }
    : { clientId: item.clientId, text: item.text };
}

/** crypto.randomUUID exists only on https and localhost; many bureau sites are still plain http. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
