import { randomUUID } from "node:crypto";
import { fill } from "../../bot/flow-responses.js";
import { handoffResponses } from "../../bot/responses.js";
import type { HandoffStatusView } from "../domain/handoff-status.js";
import type { Locale } from "../domain/locale.js";
import { RoutingError } from "../routing/errors.js";
import type { Urgency } from "../routing/types.js";
import { deriveUrgency } from "../routing/urgency.js";
import { maskPersonalData } from "../security/masking.js";
import type { HandoffRecord, MessageRecord } from "../storage/ports.js";
import type { DeskDeps } from "./desk-deps.js";
import type { Dispatcher } from "./dispatcher.js";
import { HandoffError } from "./errors.js";
import { formatOpening, isOpen, nextOpening } from "./service-hours.js";
import { type SkillGroup, signalsOf, skillForIntent } from "./skill.js";
import type { StatusBoard } from "./status-board.js";
import { transcriptView } from "./views.js";

/** What the conversation knows when it asks for a person. */
export interface HandoffRequest {
  reason: string;
  locale: Locale;
  intent: string | null;
  /** The skill group the chat needs; by default the intent's. */
  skill?: SkillGroup;
  /** The citizen's recent messages (masked), for urgency signals. */
  recentTexts: string[];
  /** Fallbacks and abandoned flows in this conversation. */
  failedAttempts: number;
}

export type RequestOutcome =
  | { kind: "queued"; status: HandoffStatusView; text: string }
  /** In line while no agent is online: the first to come online gets the chat. */
  | { kind: "waiting"; status: HandoffStatusView; text: string }
  | { kind: "already"; status: HandoffStatusView; text: string }
  | { kind: "unavailable"; status: HandoffStatusView; text: string };

/** What a request for a person knows when it is made; everything else comes later (offer, accept, close, survey). */
export type HandoffRequestFields = Pick<HandoffRecord, "id" | "conversationId" | "reason" | "urgency" | "language" | "skill" | "intent" | "arrivedAt">;

/** A handoff as it starts: queued, nobody on it yet. */
export function newHandoff(fields: HandoffRequestFields): HandoffRecord {
  return {
    ...fields,
    status: "queued",
    agentId: null,
    offeredAt: null,
    acceptedAt: null,
    closedAt: null,
    wrapUp: null,
    closeNote: null,
    transferNote: null,
    surveyRating: null,
    surveyComment: null,
  };
}

export type Availability = { open: true } | { open: false; why: "closed" | "nobody"; backAt?: Date };

/** Why a citizen leaves the queue: they cancelled; they left the page; they chose to leave a message instead. */
export type LeaveReason = "cancelled" | "left" | "leave_message";

/** Nobody can answer (outside service hours): no handoff, and when agents are back if known. */
const unavailable = (backAt: Date | undefined): HandoffStatusView => ({ handoffId: "", state: "unavailable", ...(backAt ? { backAt: backAt.toISOString() } : {}) });

type RequestDeps = Pick<DeskDeps, "storage" | "transcript" | "outbox" | "staff" | "state" | "jobs" | "clock" | "serviceHours" | "newId">;

/**
 * The citizen's side of the desk: asking for a person, where the request stands, leaving the queue,
 * messages and typing while a person has the chat, and the survey after it.
 */
export class HandoffRequests {
  private readonly newId: () => string;

  constructor(
    private readonly deps: RequestDeps,
    private readonly board: StatusBoard,
    private readonly dispatcher: Dispatcher,
  ) {
    this.newId = deps.newId ?? randomUUID;
  }

  /** Whether a person can answer now; when not, when they are back. */
  async availability(now: Date): Promise<Availability> {
    if (!isOpen(this.deps.serviceHours, now)) {
      const backAt = nextOpening(this.deps.serviceHours, now);
      return { open: false, why: "closed", ...(backAt ? { backAt } : {}) };
    }
    const agents = await this.deps.state.agentStates();
    return agents.some((a) => a.online && a.capacity > 0) ? { open: true } : { open: false, why: "nobody" };
  }

  /** The citizen asked for a person (or the bot decided they need one). */
  async request(conversationId: string, req: HandoffRequest): Promise<RequestOutcome> {
    const { storage, state, clock } = this.deps;
    const now = clock();
    const open = await storage.handoffs.open(conversationId);
    if (open) {
      const status = await this.board.statusOf(open);
      this.deps.outbox.handoff(conversationId, status);
      return { kind: "already", status, text: handoffResponses.alreadyQueued[req.locale] };
    }
    const available = await this.availability(now);
    // Outside service hours nobody will come: leave a message. Within them, with nobody online,
    // the citizen waits in line all the same and the first agent to sign in gets the chat.
    if (!available.open && available.why === "closed") {
      const backAt = available.backAt;
      const time = backAt ? formatOpening(backAt, req.locale, this.deps.serviceHours.timeZone) : "";
      const status = unavailable(backAt);
      this.deps.outbox.handoff(conversationId, status);
      return { kind: "unavailable", status, text: fill(handoffResponses.outsideHours[req.locale], { time }) };
    }
    const urgency: Urgency = deriveUrgency(signalsOf(req.recentTexts, req.failedAttempts, req.reason === "complaint"));
    const record = newHandoff({
      id: this.newId(),
      conversationId,
      reason: req.reason,
      urgency,
      language: req.locale,
      skill: req.skill ?? skillForIntent(req.intent),
      intent: req.intent,
      arrivedAt: now.toISOString(),
    });
    await storage.handoffs.create(record);
    await state
      .enqueue({ id: record.id, arrivedAt: now.getTime(), urgency, language: record.language, skill: record.skill })
      // Another instance starting up may have put it back already from storage: the same chat, fine.
      .catch((error) => {
        if (!(error instanceof RoutingError && error.code === "ROUTING_DUPLICATE_CHAT")) throw error;
      });
    const status = await this.board.statusOf(record);
    this.dispatcher.route();
    if (status.waitingForAgents) return { kind: "waiting", status, text: handoffResponses.waitingForAgents[req.locale] };
    return { kind: "queued", status, text: handoffResponses.connecting[req.locale] };
  }

  /**
   * Where the conversation's request for a person stands, for a citizen who reconnects: the open
   * one's status; or, when the bot's last word on it was that nobody could answer (outside service
   * hours) and that still holds, that again, so "leave a message" stays usable after a reload.
   */
  async currentStatus(conversationId: string): Promise<HandoffStatusView | undefined> {
    const open = await this.deps.storage.handoffs.open(conversationId);
    if (open) return this.board.statusOf(open);
    const recent = await this.deps.storage.messages.listRecent(conversationId, 16);
    const lastWord = recent.findLast((m) => m.role !== "citizen" && m.meta.decision?.startsWith("handoff"))?.meta.decision;
    if (lastWord !== "handoff_unavailable") return undefined;
    const available = await this.availability(this.deps.clock());
    if (available.open || available.why !== "closed") return undefined;
    return unavailable(available.backAt);
  }

  /** The open handoff of a conversation, if any: while there is one, the bot stays quiet. */
  openHandoff(conversationId: string): Promise<HandoffRecord | undefined> {
    return this.deps.storage.handoffs.open(conversationId);
  }

  /** A citizen message (already stored) during a handoff: relayed to the agent if one has the chat. */
  async citizenMessage(handoff: HandoffRecord, message: MessageRecord): Promise<void> {
    const placement = await this.deps.state.placement(handoff.id);
    if (placement?.status === "active" && placement.agentId) {
      this.deps.staff.agent(placement.agentId, "agent:chat-message", { chatId: handoff.id, message: transcriptView(message) });
    }
  }

  /**
   * Something the desk told the citizen outside the chat with the agent (an application's status
   * changed): the agent holding the chat sees it too, as it comes.
   */
  async deskNotice(conversationId: string, message: MessageRecord): Promise<void> {
    const open = await this.deps.storage.handoffs.open(conversationId);
    if (open) await this.citizenMessage(open, message);
  }

  async citizenTyping(conversationId: string, typing: boolean): Promise<void> {
    const open = await this.deps.storage.handoffs.open(conversationId);
    if (open?.status !== "active" || !open.agentId) return;
    this.deps.staff.agent(open.agentId, "agent:citizen-typing", { chatId: open.id, typing });
  }

  /**
   * The citizen leaves the queue (or ends the chat with the agent). Returns the bot's words, when
   * there are any: after "leave_message" the bot's next words are the prompt for it instead.
   */
  async cancel(conversationId: string, locale: Locale, why: LeaveReason = "cancelled"): Promise<MessageRecord | undefined> {
    const { storage, state, jobs, staff } = this.deps;
    const open = await storage.handoffs.open(conversationId);
    if (!open) return undefined;
    const placement = await state.placement(open.id);
    const now = this.deps.clock().toISOString();
    if (placement?.status === "active" && placement.agentId) {
      await state.finish(open.id, placement.agentId);
      await storage.handoffs.update(open.id, { status: "closed", closedAt: now, closeNote: "ended by citizen" });
      staff.agent(placement.agentId, "agent:chat-ended", { chatId: open.id, reason: "citizen_left" });
    } else {
      const heldBy = placement ? await state.abandon(open.id) : null;
      await storage.handoffs.update(open.id, { status: "cancelled", closedAt: now });
      if (heldBy) {
        await jobs.cancel("offer-timeout", open.id);
        staff.agent(heldBy, "agent:offer-withdrawn", { chatId: open.id, reason: "cancelled" });
      }
    }
    this.board.forget(open.id);
    this.deps.outbox.handoff(conversationId, { handoffId: open.id, state: "cancelled" });
    const words = why === "left" ? handoffResponses.leftQueue : why === "cancelled" ? handoffResponses.cancelled : undefined;
    const message = words
      ? await this.deps.transcript.write({
          conversationId,
          role: "bot",
          text: words[locale],
          meta: { decision: why === "left" ? "handoff_left" : "handoff_cancelled", handoffId: open.id },
        })
      : undefined;
    this.dispatcher.route();
    return message;
  }

  /** The 1-5 rating (and comment) after an agent closed the chat; once per handoff. */
  async survey(conversationId: string, handoffId: string, rating: number, comment: string | undefined): Promise<void> {
    const h = await this.deps.storage.handoffs.get(handoffId);
    if (!h || h.conversationId !== conversationId || h.status !== "closed" || h.surveyRating !== null) {
      throw new HandoffError("HANDOFF_SURVEY_CLOSED");
    }
    const text = comment?.trim() ? maskPersonalData(comment.trim()).masked : null;
    await this.deps.storage.handoffs.update(handoffId, { surveyRating: rating, surveyComment: text });
  }
}
