import { fill } from "../../bot/flow-responses.js";
import { handoffResponses } from "../../bot/responses.js";
import type { ChatContextView, ClosedChatView, OfferView, QueueItemView, TranscriptMessageView, WrapUpCode } from "../protocol/agent-events.js";
import { asLocale } from "../domain/locale.js";
import { RoutingError } from "../routing/errors.js";
import { maskPersonalData } from "../security/masking.js";
import type { HandoffRecord, StaffRecord } from "../storage/ports.js";
import { type DeskDeps, handoffById, ignoreRouting, localeOf } from "./desk-deps.js";
import type { Dispatcher } from "./dispatcher.js";
import { HandoffError } from "./errors.js";
import type { StatusBoard } from "./status-board.js";
import { closedView, offerView, transcriptView } from "./views.js";

/** How many of a conversation's latest messages an agent is shown when they take the chat. */
const TRANSCRIPT_LIMIT = 200;

type LiveChatDeps = Pick<
  DeskDeps,
  "storage" | "transcript" | "outbox" | "staff" | "state" | "jobs" | "clock" | "offerTimeoutMs" | "flowValues" | "meter"
>;

/**
 * A chat in an agent's hands: accept or decline the offer, messages and typing both ways, transfer
 * to a colleague or a skill group, close with a wrap-up code; and what the console shows of it.
 * Every step is checked against the routing state: acting on a chat that is not yours is refused.
 */
export class LiveChat {
  constructor(
    private readonly deps: LiveChatDeps,
    private readonly board: StatusBoard,
    private readonly dispatcher: Dispatcher,
  ) {}

  async accept(staff: StaffRecord, chatId: string): Promise<ChatContextView> {
    await this.answerOffer(() => this.deps.state.accept(chatId, staff.id), chatId);
    const h = await handoffById(this.deps.storage, chatId);
    if (h.offeredAt) this.board.answerTimes.record((this.deps.clock().getTime() - Date.parse(h.offeredAt)) / 1000);
    this.deps.meter?.offer("accepted");
    // The citizen's wait for a person ends at the first accept; a transferred chat keeps its arrival time.
    if (!h.acceptedAt) this.deps.meter?.waitedForAgent((this.deps.clock().getTime() - Date.parse(h.arrivedAt)) / 1000, h.urgency);
    const now = this.deps.clock().toISOString();
    await this.deps.storage.handoffs.update(chatId, { status: "active", agentId: staff.id, acceptedAt: h.acceptedAt ?? now });
    const locale = await localeOf(this.deps.storage, h.conversationId);
    await this.deps.transcript.write({
      conversationId: h.conversationId,
      role: "system",
      text: fill(handoffResponses.agentJoined[locale], { name: staff.displayName }),
      meta: { decision: "agent_joined", handoffId: chatId },
    });
    this.board.forget(chatId);
    this.deps.outbox.handoff(h.conversationId, { handoffId: chatId, state: "connected", agentName: staff.displayName });
    this.dispatcher.route();
    return this.context(staff, chatId);
  }

  async decline(staff: StaffRecord, chatId: string): Promise<void> {
    await this.answerOffer(() => this.deps.state.decline(chatId, staff.id), chatId);
    this.deps.meter?.offer("declined");
    this.dispatcher.route();
  }

  /** A reply from the agent: stored (masked, original sealed) before it is acknowledged and relayed. */
  async message(staff: StaffRecord, chatId: string, clientId: string, text: string): Promise<TranscriptMessageView> {
    const h = await this.assigned(staff, chatId);
    const { message } = await this.deps.transcript.writeOnce({
      conversationId: h.conversationId,
      role: "agent",
      text,
      clientId: `agent-${clientId}`,
      meta: { handoffId: chatId, agentId: staff.id, agentName: staff.displayName },
    });
    this.deps.meter?.messageReceived("console", "agent");
    return transcriptView(message);
  }

  async typing(staff: StaffRecord, chatId: string, typing: boolean): Promise<void> {
    const h = await this.assigned(staff, chatId);
    this.deps.outbox.typing(h.conversationId, { typing, from: "agent" });
  }

  /** Hands the chat to a named agent (offered to them at once) or back to the queue for a skill group. */
  async transfer(staff: StaffRecord, chatId: string, to: { toAgentId?: string; skill?: string }, note: string): Promise<void> {
    const h = await this.assigned(staff, chatId);
    if (to.toAgentId) {
      const target = (await this.deps.state.agentStates()).find((a) => a.id === to.toAgentId);
      if (!target?.online || target.id === staff.id || target.active + target.pendingOffers >= target.capacity) {
        throw new HandoffError("HANDOFF_AGENT_UNAVAILABLE");
      }
    }
    const skill = to.skill ?? h.skill;
    await this.deps.state.transfer(chatId, staff.id, skill);
    const clean = maskPersonalData(note.trim()).masked;
    await this.deps.storage.handoffs.update(chatId, { status: "queued", agentId: null, skill, transferNote: clean });
    this.deps.staff.agent(staff.id, "agent:chat-ended", { chatId, reason: "transferred" });
    await this.deps.transcript.write({
      conversationId: h.conversationId,
      role: "system",
      text: handoffResponses.transferred[await localeOf(this.deps.storage, h.conversationId)],
      meta: { decision: "transferred", handoffId: chatId },
    });
    if (to.toAgentId) {
      try {
        await this.deps.state.offer(chatId, to.toAgentId, this.deps.clock().getTime());
        await this.dispatcher.announceOffer(chatId, to.toAgentId);
      } catch (error) {
        // The target filled up in between: the chat waits in the queue like any other.
        ignoreRouting(error);
      }
    }
    this.board.forget(chatId);
    this.dispatcher.route();
  }

  /** Closes the chat with a wrap-up code; the citizen is asked to rate it. */
  async close(staff: StaffRecord, chatId: string, wrapUp: WrapUpCode, note: string | undefined): Promise<void> {
    const h = await this.assigned(staff, chatId);
    await this.deps.state.finish(chatId, staff.id);
    await this.deps.storage.handoffs.update(chatId, {
      status: "closed",
      closedAt: this.deps.clock().toISOString(),
      wrapUp,
      closeNote: note?.trim() ? maskPersonalData(note.trim()).masked : null,
    });
    await this.board.refreshHandleTime();
    await this.deps.transcript.write({
      conversationId: h.conversationId,
      role: "system",
      text: handoffResponses.closed[await localeOf(this.deps.storage, h.conversationId)],
      meta: { decision: "handoff_closed", handoffId: chatId, survey: true },
    });
    this.board.forget(chatId);
    this.deps.outbox.handoff(h.conversationId, { handoffId: chatId, state: "ended" });
    const closed = await handoffById(this.deps.storage, chatId);
    this.deps.staff.agent(staff.id, "agent:chat-ended", { chatId, reason: "closed", summary: closedView(closed) });
    this.dispatcher.route();
  }

  /** The transcript and context of a chat the agent holds (active) or is offered. */
  async context(staff: StaffRecord, chatId: string): Promise<ChatContextView> {
    const { storage } = this.deps;
    const h = await handoffById(storage, chatId);
    const placement = await this.deps.state.placement(chatId);
    if (placement?.agentId !== staff.id) throw new HandoffError("HANDOFF_NOT_ASSIGNED");
    const conversation = await storage.conversations.get(h.conversationId);
    const messages = await storage.messages.listRecent(h.conversationId, TRANSCRIPT_LIMIT);
    const intent = h.intent ?? messages.findLast((m) => m.meta.intent)?.meta.intent ?? null;
    return {
      chatId,
      conversationId: h.conversationId,
      channel: conversation?.channel ?? "web",
      language: asLocale(h.language),
      intent,
      reason: h.reason,
      urgency: h.urgency,
      skill: h.skill,
      flowValues: await this.deps.flowValues(h.conversationId, conversation?.locale ?? "zh"),
      transferNote: h.transferNote,
      transcript: messages.map(transcriptView),
    };
  }

  /** What an agent needs on (re)connect: their chats, their offers, the queue. */
  async snapshot(staff: StaffRecord): Promise<{ chats: ChatContextView[]; offers: OfferView[]; queue: QueueItemView[] }> {
    const mine = await this.deps.state.agentChats(staff.id);
    const chats = await Promise.all(mine.active.map((id) => this.context(staff, id)));
    const now = this.deps.clock();
    const offered = await Promise.all(mine.offered.map((id) => this.deps.storage.handoffs.get(id)));
    const offers = offered.filter((h): h is HandoffRecord => h !== undefined).map((h) => offerView(h, this.deps.offerTimeoutMs, now));
    return { chats, offers, queue: await this.board.queue() };
  }

  /** The chats this agent closed in the last `hours`, newest first, for the "recently closed" list. */
  async recentlyClosed(staff: StaffRecord, hours = 12, limit = 30): Promise<ClosedChatView[]> {
    const since = new Date(this.deps.clock().getTime() - hours * 3_600_000).toISOString();
    return (await this.deps.storage.handoffs.closedBy(staff.id, since, limit)).map(closedView);
  }

  /** Accept or decline: refused as HANDOFF_OFFER_GONE when the offer lapsed, was withdrawn or is not theirs. */
  private async answerOffer(answer: () => Promise<void>, chatId: string): Promise<void> {
    try {
      await answer();
    } catch (error) {
      if (error instanceof RoutingError) throw new HandoffError("HANDOFF_OFFER_GONE");
      throw error;
    }
    await this.deps.jobs.cancel("offer-timeout", chatId);
  }

  /** The handoff, if this agent handles it now; HANDOFF_NOT_ASSIGNED otherwise. */
  private async assigned(staff: StaffRecord, chatId: string): Promise<HandoffRecord> {
    const h = await handoffById(this.deps.storage, chatId);
    const placement = await this.deps.state.placement(chatId);
    if (placement?.status !== "active" || placement.agentId !== staff.id || h.status !== "active") {
      throw new HandoffError("HANDOFF_NOT_ASSIGNED");
    }
    return h;
  }
}
