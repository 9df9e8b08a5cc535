import type { ErrorView, TranscriptMessageView } from "../../../lib/protocol";

/** A transcript line: as the server stored it, or one of the agent's own still on its way. */
export interface ChatMessage extends TranscriptMessageView {
  /** Set on the agent's own messages sent from this console. */
  clientId?: string;
  delivery: "sent" | "pending" | "failed";
  /** Why a failed message was refused. */
  error?: ErrorView;
}

export function stored(message: TranscriptMessageView): ChatMessage {
  return { ...message, delivery: "sent" };
}

export function bySeq(a: ChatMessage, b: ChatMessage): number {
  // The agent's own unsent messages stay last, in the order they were written.
  if (a.delivery !== "sent" || b.delivery !== "sent")
    return a.delivery === "sent" ? -1 : b.delivery === "sent" ? 1 : 0;
  return a.seq - b.seq;
}

/** Adds a stored message once (by id), keeping the transcript in server order. */
export function withStored(messages: ChatMessage[], message: TranscriptMessageView): ChatMessage[] {
  if (messages.some((m) => m.delivery === "sent" && m.id === message.id)) return messages;
  return [...messages, stored(message)].sort(bySeq);
}

/** The agent's own message as written, before the server has stored it. */
export function pendingMessage(clientId: string, text: string, createdAt: string): ChatMessage {
  return {
    id: `local:${clientId}`,
    seq: Number.MAX_SAFE_INTEGER,
    role: "agent",
    text,
    createdAt,
    clientId,
    delivery: "pending",
  };
}

/**
 * Changes (or, when `update` gives null, drops) the agent's unsent message with this clientId;
 * the same list when there is none.
 */
export function updateUnsent(
  messages: ChatMessage[],
  clientId: string,
  update: (m: ChatMessage) => ChatMessage | null,
): ChatMessage[] {
  const index = messages.findIndex((m) => m.clientId === clientId && m.delivery !== "sent");
  if (index < 0) return messages;
  const next = update(messages[index]!);
  const copy = [...messages];
  if (next) copy[index] = next;
  else copy.splice(index, 1);
  return copy;
}
