import type { ClosedChatView, OfferView, QueueItemView, TicketView, TranscriptMessageView, WrapUpCode } from "../protocol/agent-events.js";
import { asLocale } from "../domain/locale.js";
import type { ChatPlacement } from "../routing/state/port.js";
import type { HandoffRecord, MessageRecord, TicketRecord } from "../storage/ports.js";

/** What staff see of the desk's records: no personal data beyond the masked text. Pure. */

/** A closed chat as the agent's "recently closed" list shows it. */
export const closedView = (h: HandoffRecord): ClosedChatView => ({
  chatId: h.id,
  conversationId: h.conversationId,
  citizenCode: h.conversationId.replace(/-/g, "").slice(0, 4).toUpperCase(),
  language: asLocale(h.language),
  intent: h.intent,
  wrapUp: (h.wrapUp as WrapUpCode | null) ?? null,
  durationSec: h.acceptedAt && h.closedAt ? Math.max(0, Math.round((Date.parse(h.closedAt) - Date.parse(h.acceptedAt)) / 1000)) : 0,
  closedAt: h.closedAt ?? "",
});

export const transcriptView = (m: MessageRecord): TranscriptMessageView => ({
  id: m.id,
  seq: m.seq,
  role: m.role,
  text: m.text,
  createdAt: m.createdAt,
});

/**
 * An offer as its agent sees it. The deadline counts from when the offer was made, not from now:
 * an agent who reconnects sees the time really left.
 */
export const offerView = (h: HandoffRecord, offerTimeoutMs: number, now: Date): OfferView => ({
  chatId: h.id,
  urgency: h.urgency,
  language: h.language,
  skill: h.skill,
  reason: h.reason,
  arrivedAt: h.arrivedAt,
  expiresAt: new Date(Date.parse(h.offeredAt ?? now.toISOString()) + offerTimeoutMs).toISOString(),
  transferNote: h.transferNote,
});

/** The queue panel: every chat the routing state holds and storage knows open, oldest first. */
export function queueView(chats: readonly (ChatPlacement & { id: string })[], open: readonly HandoffRecord[]): QueueItemView[] {
  const byId = new Map(open.map((h) => [h.id, h]));
  return chats
    .flatMap((c) => {
      const h = byId.get(c.id);
      if (!h) return [];
      return [
        {
          chatId: c.id,
          urgency: c.urgency,
          language: c.language,
          skill: c.skill,
          reason: h.reason,
          arrivedAt: new Date(c.arrivedAt).toISOString(),
          status: c.status,
          agentId: c.agentId,
          acceptedAt: c.status === "active" ? h.acceptedAt : null,
        },
      ];
    })
    .sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt));
}

export const ticketView = (t: TicketRecord, hasCallback: boolean): TicketView => ({
  id: t.id,
  conversationId: t.conversationId,
  language: asLocale(t.language),
  text: t.text,
  createdAt: t.createdAt,
  status: t.status,
  hasCallback,
});
