import { randomUUID } from "node:crypto";
import { handoffResponses } from "../../bot/responses.js";
import type {
  AgentServerToClient,
  ChatContextView,
  ClosedChatView,
  OfferView,
  QueueItemView,
  TicketView,
  TranscriptMessageView,
  WrapUpCode,
} from "../channels/agent-events.js";
import type { HandoffStatusView } from "../domain/handoff-status.js";
import type { Locale } from "../domain/locale.js";
import type { ServerToClientEvents } from "../channels/events.js";
import { toView } from "../conversation/service.js";
import { fill } from "../../bot/flow-responses.js";
import { RoutingError } from "../routing/errors.js";
import { routeNextChatsOn } from "../routing/assigner.js";
import type { DelayedJobs, RoutingStatePort } from "../routing/state/port.js";
import type { AgentState, RoutingPolicy, RoutingStrategy, Urgency } from "../routing/types.js";
import { deriveUrgency } from "../routing/urgency.js";
import type { FieldCipher } from "../security/field-cipher.js";
import { maskPersonalData } from "../security/masking.js";
import type { HandoffRecord, MessageMeta, MessageRecord, StaffRecord, Storage, TicketRecord } from "../storage/ports.js";
import { findMobile } from "../nlu/entities/phone.js";
import { HandoffError } from "./errors.js";
import { AnswerTimes, type DeskLoad, estimateOfferedSec, estimateWaitSec, queuePositions } from "./estimate.js";
import { isOpen, nextOpening, type ServiceHours } from "./service-hours.js";
import { type SkillGroup, signalsOf, skillForIntent } from "./skill.js";

/** Where the desk's events go: the composition root maps these onto socket.io rooms. */
export interface DeskOutlet {
  citizen<E extends keyof ServerToClientEvents>(conversationId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  agent<E extends keyof AgentServerToClient>(agentId: string, event: E, ...args: Parameters<AgentServerToClient[E]>): void;
  agents<E extends keyof AgentServerToClient>(event: E, ...args: Parameters<AgentServerToClient[E]>): void;
}

export interface DeskDeps {
  storage: Storage;
  cipher: FieldCipher;
  state: RoutingStatePort;
  jobs: DelayedJobs;
  strategy: RoutingStrategy;
  policy: RoutingPolicy;
  clock: () => Date;
  outlet: DeskOutlet;
  offerTimeoutMs: number;
  agentGraceMs: number;
  /** A citizen whose every tab closed while waiting in line leaves the queue after this long. */
  citizenGraceMs: number;
  /** Whether the conversation has a socket open anywhere (every instance). */
  isCitizenConnected: (conversationId: string) => Promise<boolean>;
  serviceHours: ServiceHours;
  /** The masked values a guided application collected, for the context panel. */
  flowValues: (conversationId: string, locale: Locale) => Promise<{ label: string; value: string }[]>;
  /** Whether the agent has a socket open anywhere (every instance), checked when a grace period ends. */
  isConnected: (agentId: string) => Promise<boolean>;
  onError: (error: unknown, what: string) => void;
  newId?: () => string;
}

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

/** Mean handle time before any chat has closed: the planning figure of the simulator scenarios. */
const DEFAULT_HANDLE_SEC = 360;
const TRANSCRIPT_LIMIT = 200;

/** A closed chat as the agent's "recently closed" list shows it: no personal data. */
const closedView = (h: HandoffRecord): ClosedChatView => ({
  chatId: h.id,
  conversationId: h.conversationId,
  citizenCode: h.conversationId.replace(/-/g, "").slice(0, 4).toUpperCase(),
  language: h.language === "en" ? "en" : "zh",
  intent: h.intent,
  wrapUp: (h.wrapUp as WrapUpCode | null) ?? null,
  durationSec: h.acceptedAt && h.closedAt ? Math.max(0, Math.round((Date.parse(h.closedAt) - Date.parse(h.acceptedAt)) / 1000)) : 0,
  closedAt: h.closedAt ?? "",
});

const transcriptView = (m: MessageRecord): TranscriptMessageView => ({
  id: m.id,
  seq: m.seq,
  role: m.role,
  text: m.text,
  createdAt: m.createdAt,
});

/**
 * The live desk: turns a citizen's request for a person into a queued chat, asks the routing engine
 * for offers, and carries the chat through offer, accept, relay, transfer and close to the survey.
 * Every change is written to storage before it is announced; the routing state (in process or in
 * Redis) holds only who waits and who has what, and is rebuilt from storage on start.
 */
export class HandoffDesk {
  private readonly newId: () => string;
  private routing: Promise<void> = Promise.resolve();
  private routeAgain = false;
  private routeRunning = false;
  private meanHandleSec = DEFAULT_HANDLE_SEC;
  /** Last status pushed per chat, so an unchanged position is not pushed again. */
  private readonly lastPushed = new Map<string, string>();
  private tick: NodeJS.Timeout | undefined;
  /** How long agents take to answer an offer, as this desk saw it: the citizen's estimate while offered. */
  private readonly answerTimes: AnswerTimes;

  constructor(private readonly deps: DeskDeps) {
    this.newId = deps.newId ?? randomUUID;
    this.answerTimes = new AnswerTimes(deps.offerTimeoutMs / 1000);
    deps.jobs.handle(async (kind, key, payload) => {
      if (kind === "offer-timeout") await this.offerLapsed(key, payload.agentId ?? "");
      else if (kind === "agent-grace") await this.graceEnded(key);
      else await this.citizenGone(key);
    });
  }

  /**
   * Puts open handoffs the routing state does not know (after a restart of a local desk, or a lost
   * Redis) back in the queue with their original arrival time, then routes every few seconds: a
   * chat's skill and language requirements relax with its wait, and its position and estimate move.
   */
  async start(tickMs = 5000): Promise<void> {
    this.meanHandleSec = (await this.deps.storage.handoffs.meanHandleSeconds(50)) ?? DEFAULT_HANDLE_SEC;
    for (const h of await this.deps.storage.handoffs.listOpen()) {
      if (await this.deps.state.placement(h.id)) continue;
      await this.deps.state
        .enqueue({ id: h.id, arrivedAt: Date.parse(h.arrivedAt), urgency: h.urgency, language: h.language, skill: h.skill })
        .catch((error) => this.ignoreRouting(error));
      if (h.status === "active") await this.deps.storage.handoffs.update(h.id, { status: "queued", agentId: null });
    }
    this.tick = setInterval(() => this.route(), tickMs);
    this.tick.unref();
    this.route();
  }

  stop(): void {
    clearInterval(this.tick);
  }

  // ---------------------------------------------------------------- citizen side

  /** Whether a person can answer now; when not, when they are back. */
  async availability(now: Date): Promise<{ open: true } | { open: false; why: "closed" | "nobody"; backAt?: Date }> {
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
      const status = await this.statusOf(open);
      this.deps.outlet.citizen(conversationId, "chat:handoff", status);
      return { kind: "already", status, text: handoffResponses.alreadyQueued[req.locale] };
    }
    const available = await this.availability(now);
    // Outside service hours nobody will come: leave a message. Within them, with nobody online,
    // the citizen waits in line all the same and the first agent to sign in gets the chat.
    if (!available.open && available.why === "closed") {
      const backAt = available.backAt;
      const text = fill(handoffResponses.outsideHours[req.locale], { time: backAt ? this.formatTime(backAt, req.locale) : "" });
      const status: HandoffStatusView = { handoffId: "", state: "unavailable", ...(backAt ? { backAt: backAt.toISOString() } : {}) };
      this.deps.outlet.citizen(conversationId, "chat:handoff", status);
      return { kind: "unavailable", status, text };
    }
    const urgency: Urgency = deriveUrgency(signalsOf(req.recentTexts, req.failedAttempts, req.reason === "complaint"));
    const record: HandoffRecord = {
      id: this.newId(),
      conversationId,
      status: "queued",
      reason: req.reason,
      urgency,
      language: req.locale,
      skill: req.skill ?? skillForIntent(req.intent),
      intent: req.intent,
      arrivedAt: now.toISOString(),
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
    await storage.handoffs.create(record);
    await state
      .enqueue({ id: record.id, arrivedAt: now.getTime(), urgency, language: record.language, skill: record.skill })
      // Another instance starting up may have put it back already from storage: the same chat, fine.
      .catch((error) => {
        if (!(error instanceof RoutingError && error.code === "ROUTING_DUPLICATE_CHAT")) throw error;
      });
    const status = await this.statusOf(record);
    this.route();
    if (status.waitingForAgents) return { kind: "waiting", status, text: handoffResponses.waitingForAgents[req.locale] };
    return { kind: "queued", status, text: handoffResponses.connecting[req.locale] };
  }

  /**
   * A tab of the conversation closed. When it was the last (on any instance), a chat still waiting
   * for an agent leaves the queue if they are not back within the grace period, so no agent is
   * offered a conversation nobody is reading.
   */
  async citizenAway(conversationId: string): Promise<void> {
    if (await this.deps.isCitizenConnected(conversationId)) return;
    const open = await this.deps.storage.handoffs.open(conversationId);
    if (open?.status !== "queued") return;
    await this.deps.jobs.schedule("citizen-gone", conversationId, {}, this.deps.citizenGraceMs);
  }

  /** A tab of the conversation connected: whatever it was waiting for, it is still waiting. */
  async citizenBack(conversationId: string): Promise<void> {
    await this.deps.jobs.cancel("citizen-gone", conversationId);
  }

  private async citizenGone(conversationId: string): Promise<void> {
    if (await this.deps.isCitizenConnected(conversationId)) return;
    const open = await this.deps.storage.handoffs.open(conversationId);
    if (open?.status !== "queued") return;
    await this.cancel(conversationId, await this.localeOf(conversationId), "left");
  }

  /**
   * Where the conversation's request for a person stands, for a citizen who reconnects: the open
   * one's status; or, when the bot's last word on it was that nobody could answer (outside service
   * hours) and that still holds, that again, so "leave a message" stays usable after a reload.
   */
  async currentStatus(conversationId: string): Promise<HandoffStatusView | undefined> {
    const open = await this.deps.storage.handoffs.open(conversationId);
    if (open) return this.statusOf(open);
    const recent = await this.deps.storage.messages.listRecent(conversationId, 16);
    const lastWord = recent.findLast((m) => m.role !== "citizen" && m.meta.decision?.startsWith("handoff"))?.meta.decision;
    if (lastWord !== "handoff_unavailable") return undefined;
    const available = await this.availability(this.deps.clock());
    if (available.open || available.why !== "closed") return undefined;
    return { handoffId: "", state: "unavailable", ...(available.backAt ? { backAt: available.backAt.toISOString() } : {}) };
  }

  /** The open handoff of a conversation, if any: while there is one, the bot stays quiet. */
  openHandoff(conversationId: string): Promise<HandoffRecord | undefined> {
    return this.deps.storage.handoffs.open(conversationId);
  }

  /** A citizen message (already stored) during a handoff: relayed to the agent if one has the chat. */
  async citizenMessage(handoff: HandoffRecord, message: MessageRecord): Promise<void> {
    const placement = await this.deps.state.placement(handoff.id);
    if (placement?.status === "active" && placement.agentId) {
      this.deps.outlet.agent(placement.agentId, "agent:chat-message", { chatId: handoff.id, message: transcriptView(message) });
    }
  }

  async citizenTyping(conversationId: string, typing: boolean): Promise<void> {
    const open = await this.deps.storage.handoffs.open(conversationId);
    if (open?.status !== "active" || !open.agentId) return;
    this.deps.outlet.agent(open.agentId, "agent:citizen-typing", { chatId: open.id, typing });
  }

  /**
   * The citizen leaves the queue (or ends the chat with the agent). Returns the bot's words: why
   * says which (they cancelled; they left the page; they chose to leave a message instead, when the
   * bot's next words are the prompt for it and nothing is said here).
   */
  async cancel(conversationId: string, locale: Locale, why: "cancelled" | "left" | "leave_message" = "cancelled"): Promise<MessageRecord | undefined> {
    const open = await this.deps.storage.handoffs.open(conversationId);
    if (!open) return undefined;
    const placement = await this.deps.state.placement(open.id);
    const now = this.deps.clock().toISOString();
    if (placement?.status === "active" && placement.agentId) {
      await this.deps.state.finish(open.id, placement.agentId);
      await this.deps.storage.handoffs.update(open.id, { status: "closed", closedAt: now, closeNote: "ended by citizen" });
      this.deps.outlet.agent(placement.agentId, "agent:chat-ended", { chatId: open.id, reason: "citizen_left" });
    } else {
      const heldBy = placement ? await this.deps.state.abandon(open.id) : null;
      await this.deps.storage.handoffs.update(open.id, { status: "cancelled", closedAt: now });
      if (heldBy) {
        await this.deps.jobs.cancel("offer-timeout", open.id);
        this.deps.outlet.agent(heldBy, "agent:offer-withdrawn", { chatId: open.id, reason: "cancelled" });
      }
    }
    this.lastPushed.delete(open.id);
    this.deps.outlet.citizen(conversationId, "chat:handoff", { handoffId: open.id, state: "cancelled" });
    const words = why === "left" ? handoffResponses.leftQueue : why === "cancelled" ? handoffResponses.cancelled : undefined;
    const message = words
      ? await this.say(conversationId, "bot", words[locale], { decision: why === "left" ? "handoff_left" : "handoff_cancelled", handoffId: open.id })
      : undefined;
    this.route();
    return message;
  }

  /** A message left for an agent when nobody could answer live. */
  async leaveMessage(conversationId: string, text: string, locale: Locale): Promise<{ ticketId: string; text: string }> {
    const { masked, changed } = maskPersonalData(text);
    const id = this.newId();
    await this.deps.storage.tickets.create({
      id,
      conversationId,
      language: locale,
      text: masked,
      textSealed: changed ? this.deps.cipher.encrypt(text) : null,
      status: "open",
      createdAt: this.deps.clock().toISOString(),
      answeredBy: null,
      answeredAt: null,
    });
    return { ticketId: id, text: fill(handoffResponses.ticketReceived[locale], { ticket: id.slice(0, 8).toUpperCase() }) };
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

  // ---------------------------------------------------------------- agent side

  /** An agent's first socket connected (sign-in, reload, reconnect within the grace period). */
  async agentConnected(staff: StaffRecord, presence: "online" | "away"): Promise<void> {
    await this.deps.jobs.cancel("agent-grace", staff.id);
    if (presence === "online") await this.setPresence(staff, "online");
    else await this.deps.state.agentAway(staff.id).catch((e) => this.ignoreRouting(e));
  }

  /** The agent's last socket closed: their chats wait for them for the grace period. */
  async agentDisconnected(agentId: string): Promise<void> {
    await this.deps.state.agentAway(agentId).catch((e) => this.ignoreRouting(e));
    await this.deps.jobs.schedule("agent-grace", agentId, {}, this.deps.agentGraceMs);
  }

  async setPresence(staff: StaffRecord, presence: "online" | "away"): Promise<void> {
    if (presence === "online") {
      await this.deps.state.agentOnline(
        { id: staff.id, capacity: staff.capacity, languages: staff.languages, skills: staff.skills },
        this.deps.clock().getTime(),
      );
      this.route();
    } else {
      await this.deps.state.agentAway(staff.id).catch((e) => this.ignoreRouting(e));
    }
  }

  /** Online or away, as the shared routing state has it now. */
  async presenceOf(agentId: string): Promise<"online" | "away"> {
    const agent = (await this.deps.state.agentStates()).find((a) => a.id === agentId);
    return agent?.online ? "online" : "away";
  }

  /** Signing out: chats and offers go back to the queue at once. */
  async agentSignedOut(agentId: string): Promise<void> {
    await this.deps.jobs.cancel("agent-grace", agentId);
    await this.requeueAgent(agentId);
  }

  async accept(staff: StaffRecord, chatId: string): Promise<ChatContextView> {
    await this.answerOffer(() => this.deps.state.accept(chatId, staff.id), chatId);
    const h = await this.handoff(chatId);
    if (h.offeredAt) this.answerTimes.record((this.deps.clock().getTime() - Date.parse(h.offeredAt)) / 1000);
    const now = this.deps.clock().toISOString();
    await this.deps.storage.handoffs.update(chatId, { status: "active", agentId: staff.id, acceptedAt: h.acceptedAt ?? now });
    const locale = await this.localeOf(h.conversationId);
    await this.say(h.conversationId, "system", fill(handoffResponses.agentJoined[locale], { name: staff.displayName }), {
      decision: "agent_joined",
      handoffId: chatId,
    });
    this.lastPushed.delete(chatId);
    this.deps.outlet.citizen(h.conversationId, "chat:handoff", { handoffId: chatId, state: "connected", agentName: staff.displayName });
    this.route();
    return this.context(staff, chatId);
  }

  async decline(staff: StaffRecord, chatId: string): Promise<void> {
    await this.answerOffer(() => this.deps.state.decline(chatId, staff.id), chatId);
    this.route();
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

  /** A reply from the agent: stored (masked, original sealed) before it is acknowledged and relayed. */
  async agentMessage(staff: StaffRecord, chatId: string, clientId: string, text: string): Promise<TranscriptMessageView> {
    const h = await this.assigned(staff, chatId);
    const key = `agent-${clientId}`;
    const earlier = await this.deps.storage.messages.findByClientId(h.conversationId, key);
    if (earlier) return transcriptView(earlier);
    const { masked, changed } = maskPersonalData(text);
    const stored = await this.deps.storage.messages.append({
      id: this.newId(),
      conversationId: h.conversationId,
      role: "agent",
      text: masked,
      textSealed: changed ? this.deps.cipher.encrypt(text) : null,
      clientId: key,
      createdAt: this.deps.clock().toISOString(),
      meta: { handoffId: chatId, agentId: staff.id, agentName: staff.displayName },
    });
    this.deps.outlet.citizen(h.conversationId, "chat:reply", toView(stored));
    return transcriptView(stored);
  }

  async agentTyping(staff: StaffRecord, chatId: string, typing: boolean): Promise<void> {
    const h = await this.assigned(staff, chatId);
    this.deps.outlet.citizen(h.conversationId, "chat:typing", { typing, from: "agent" });
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
    this.deps.outlet.agent(staff.id, "agent:chat-ended", { chatId, reason: "transferred" });
    await this.say(h.conversationId, "system", handoffResponses.transferred[await this.localeOf(h.conversationId)], {
      decision: "transferred",
      handoffId: chatId,
    });
    if (to.toAgentId) {
      try {
        await this.deps.state.offer(chatId, to.toAgentId, this.deps.clock().getTime());
        await this.announceOffer(chatId, to.toAgentId);
      } catch (error) {
        // The target filled up in between: the chat waits in the queue like any other.
        this.ignoreRouting(error);
      }
    }
    this.lastPushed.delete(chatId);
    this.route();
  }

  /** Closes the chat with a wrap-up code; the citizen is asked to rate it. */
  async close(staff: StaffRecord, chatId: string, wrapUp: WrapUpCode, note: string | undefined): Promise<void> {
    const h = await this.assigned(staff, chatId);
    await this.deps.state.finish(chatId, staff.id);
    const now = this.deps.clock();
    await this.deps.storage.handoffs.update(chatId, {
      status: "closed",
      closedAt: now.toISOString(),
      wrapUp,
      closeNote: note?.trim() ? maskPersonalData(note.trim()).masked : null,
    });
    this.meanHandleSec = (await this.deps.storage.handoffs.meanHandleSeconds(50)) ?? DEFAULT_HANDLE_SEC;
    await this.say(h.conversationId, "system", handoffResponses.closed[await this.localeOf(h.conversationId)], {
      decision: "handoff_closed",
      handoffId: chatId,
      survey: true,
    });
    this.lastPushed.delete(chatId);
    this.deps.outlet.citizen(h.conversationId, "chat:handoff", { handoffId: chatId, state: "ended" });
    const closed = await this.handoff(chatId);
    this.deps.outlet.agent(staff.id, "agent:chat-ended", { chatId, reason: "closed", summary: closedView(closed) });
    this.route();
  }

  /** The transcript and context of a chat the agent holds (active) or is offered. */
  async context(staff: StaffRecord, chatId: string): Promise<ChatContextView> {
    const h = await this.handoff(chatId);
    const placement = await this.deps.state.placement(chatId);
    if (placement?.agentId !== staff.id) throw new HandoffError("HANDOFF_NOT_ASSIGNED");
    const conversation = await this.deps.storage.conversations.get(h.conversationId);
    const locale = conversation?.locale ?? "zh";
    const messages = await this.deps.storage.messages.listRecent(h.conversationId, TRANSCRIPT_LIMIT);
    const intent = h.intent ?? [...messages].reverse().find((m) => m.meta.intent)?.meta.intent ?? null;
    return {
      chatId,
      conversationId: h.conversationId,
      channel: conversation?.channel ?? "web",
      language: (h.language === "en" ? "en" : "zh") as Locale,
      intent,
      reason: h.reason,
      urgency: h.urgency,
      skill: h.skill,
      flowValues: await this.deps.flowValues(h.conversationId, locale),
      transferNote: h.transferNote,
      transcript: messages.map(transcriptView),
    };
  }

  /** What an agent needs on (re)connect: their chats, their offers, the queue. */
  async snapshot(staff: StaffRecord): Promise<{ chats: ChatContextView[]; offers: OfferView[]; queue: QueueItemView[] }> {
    const mine = await this.deps.state.agentChats(staff.id);
    const chats = await Promise.all(mine.active.map((id) => this.context(staff, id)));
    const offers = (await Promise.all(mine.offered.map((id) => this.offerView(id)))).filter((o): o is OfferView => o !== undefined);
    return { chats, offers, queue: await this.queueView() };
  }

  async tickets(): Promise<TicketView[]> {
    const open = await this.deps.storage.tickets.list("open", 100);
    return open.map((t) => ({
      id: t.id,
      conversationId: t.conversationId,
      language: (t.language === "en" ? "en" : "zh") as Locale,
      text: t.text,
      createdAt: t.createdAt,
      status: t.status,
      hasCallback: this.callbackNumber(t) !== null,
    }));
  }

  /**
   * The phone number a left message gives to be called back on, in full, for the agent who
   * handles it; null when it gives none. (Reading it is to be recorded in the audit log.)
   */
  async ticketCallback(_staff: StaffRecord, ticketId: string): Promise<string | null> {
    const ticket = await this.deps.storage.tickets.get(ticketId);
    if (!ticket) throw new HandoffError("HANDOFF_UNKNOWN_TICKET");
    return this.callbackNumber(ticket);
  }

  private callbackNumber(ticket: TicketRecord): string | null {
    if (!ticket.textSealed) return null;
    return findMobile(this.deps.cipher.decrypt(ticket.textSealed)) ?? null;
  }

  /** The chats this agent closed in the last `hours`, newest first, for the "recently closed" list. */
  async recentlyClosed(staff: StaffRecord, hours = 12, limit = 30): Promise<ClosedChatView[]> {
    const since = new Date(this.deps.clock().getTime() - hours * 3_600_000).toISOString();
    return (await this.deps.storage.handoffs.closedBy(staff.id, since, limit)).map(closedView);
  }

  /** Answers a left message: stored in its conversation and pushed if the citizen is there. */
  async ticketReply(staff: StaffRecord, ticketId: string, text: string): Promise<void> {
    const ticket = await this.deps.storage.tickets.get(ticketId);
    const at = this.deps.clock().toISOString();
    if (!ticket || !(await this.deps.storage.tickets.markAnswered(ticketId, staff.id, at))) {
      throw new HandoffError("HANDOFF_UNKNOWN_TICKET");
    }
    const { masked, changed } = maskPersonalData(text);
    const stored = await this.deps.storage.messages.append({
      id: this.newId(),
      conversationId: ticket.conversationId,
      role: "agent",
      text: masked,
      textSealed: changed ? this.deps.cipher.encrypt(text) : null,
      clientId: null,
      createdAt: at,
      meta: { agentId: staff.id, agentName: staff.displayName, decision: "ticket_reply" },
    });
    this.deps.outlet.citizen(ticket.conversationId, "chat:reply", toView(stored));
  }

  // ---------------------------------------------------------------- routing

  /**
   * One routing round: the engine's offers are claimed atomically in the state, each announced to
   * its agent with a timeout; then positions and the queue panel are refreshed. Rounds never overlap
   * in one process (a call during a round runs one more round after it); across processes the
   * atomic claims keep every agent within capacity.
   */
  route(): void {
    if (this.routeRunning) {
      this.routeAgain = true;
      return;
    }
    this.routeRunning = true;
    this.routing = (async () => {
      do {
        this.routeAgain = false;
        try {
          const made = await routeNextChatsOn(this.deps.state, this.deps.strategy, this.deps.clock().getTime());
          for (const offer of made) await this.announceOffer(offer.chatId, offer.agentId);
          await this.publishQueue();
        } catch (error) {
          this.deps.onError(error, "routing round failed");
        }
      } while (this.routeAgain);
      this.routeRunning = false;
    })();
  }

  /** Each agent's load (active chats plus pending offers) as the shared state holds it now. */
  async routingLoads(): Promise<number[]> {
    return (await this.deps.state.agentStates()).map((a) => a.active + a.pendingOffers);
  }

  /** Resolves when the routing rounds asked for so far are done (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.routeRunning) await this.routing;
  }

  private async announceOffer(chatId: string, agentId: string): Promise<void> {
    await this.deps.storage.handoffs.update(chatId, { offeredAt: this.deps.clock().toISOString() });
    await this.deps.jobs.schedule("offer-timeout", chatId, { agentId }, this.deps.offerTimeoutMs);
    const view = await this.offerView(chatId);
    if (view) this.deps.outlet.agent(agentId, "agent:offer", view);
  }

  private async offerView(chatId: string): Promise<OfferView | undefined> {
    const h = await this.deps.storage.handoffs.get(chatId);
    if (!h) return undefined;
    return {
      chatId,
      urgency: h.urgency,
      language: h.language,
      skill: h.skill,
      reason: h.reason,
      arrivedAt: h.arrivedAt,
      // From when the offer was made, not from now: a reconnecting agent sees the time really left.
      expiresAt: new Date(Date.parse(h.offeredAt ?? this.deps.clock().toISOString()) + this.deps.offerTimeoutMs).toISOString(),
      transferNote: h.transferNote,
    };
  }

  private async offerLapsed(chatId: string, agentId: string): Promise<void> {
    try {
      await this.deps.state.timeout(chatId, agentId);
    } catch (error) {
      // Accepted, declined or withdrawn just before the timer fired: nothing to do.
      this.ignoreRouting(error);
      return;
    }
    this.answerTimes.record(this.deps.offerTimeoutMs / 1000);
    this.deps.outlet.agent(agentId, "agent:offer-withdrawn", { chatId, reason: "timeout" });
    this.route();
  }

  private async graceEnded(agentId: string): Promise<void> {
    if (await this.deps.isConnected(agentId)) return;
    await this.requeueAgent(agentId);
  }

  private async requeueAgent(agentId: string): Promise<void> {
    const requeued = await this.deps.state.agentOffline(agentId);
    for (const chatId of requeued) {
      await this.deps.jobs.cancel("offer-timeout", chatId);
      const h = await this.deps.storage.handoffs.get(chatId);
      if (!h) continue;
      if (h.status === "active") {
        await this.deps.storage.handoffs.update(chatId, { status: "queued", agentId: null });
        await this.say(h.conversationId, "system", handoffResponses.requeued[await this.localeOf(h.conversationId)], {
          decision: "requeued",
          handoffId: chatId,
        });
        this.deps.outlet.agent(agentId, "agent:chat-ended", { chatId, reason: "requeued" });
      }
      this.lastPushed.delete(chatId);
    }
    this.route();
  }

  private async queueView(): Promise<QueueItemView[]> {
    const [chats, open] = await Promise.all([this.deps.state.chats(), this.deps.storage.handoffs.listOpen()]);
    const byId = new Map(open.map((h) => [h.id, h]));
    return chats
      .filter((c) => byId.has(c.id))
      .map((c) => ({
        chatId: c.id,
        urgency: c.urgency,
        language: c.language,
        skill: c.skill,
        reason: byId.get(c.id)!.reason,
        arrivedAt: new Date(c.arrivedAt).toISOString(),
        status: c.status,
        agentId: c.agentId,
        acceptedAt: c.status === "active" ? (byId.get(c.id)!.acceptedAt ?? null) : null,
      }))
      .sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt));
  }

  /** Pushes each waiting citizen's position and estimate (when changed) and the queue to agents. */
  private async publishQueue(): Promise<void> {
    const now = this.deps.clock().getTime();
    const [waiting, agents, chats] = await Promise.all([
      this.deps.state.waiting(),
      this.deps.state.agentStates(),
      this.deps.state.chats(),
    ]);
    const positions = queuePositions(waiting, now, this.deps.policy, this.deps.strategy);
    const load = this.loadOf(agents);
    const open = new Map((await this.deps.storage.handoffs.listOpen()).map((h) => [h.id, h]));
    for (const chat of chats) {
      const h = open.get(chat.id);
      if (!h || chat.status === "active") continue;
      const status = this.waitingStatus(h, chat.status === "offered", positions.get(chat.id) ?? 1, load, now);
      const key = JSON.stringify(status);
      if (this.lastPushed.get(chat.id) === key) continue;
      this.lastPushed.set(chat.id, key);
      this.deps.outlet.citizen(h.conversationId, "chat:handoff", status);
    }
    for (const id of this.lastPushed.keys()) if (!open.has(id)) this.lastPushed.delete(id);
    this.deps.outlet.agents("agent:queue", await this.queueView());
  }

  private async statusOf(h: HandoffRecord): Promise<HandoffStatusView> {
    const placement = await this.deps.state.placement(h.id);
    if (h.status === "active" || placement?.status === "active") {
      const agent = h.agentId ? await this.deps.storage.staff.get(h.agentId) : undefined;
      return { handoffId: h.id, state: "connected", ...(agent ? { agentName: agent.displayName } : {}) };
    }
    const now = this.deps.clock().getTime();
    const [waiting, agents] = await Promise.all([this.deps.state.waiting(), this.deps.state.agentStates()]);
    const position = queuePositions(waiting, now, this.deps.policy, this.deps.strategy).get(h.id) ?? 1;
    return this.waitingStatus(h, placement?.status === "offered", position, this.loadOf(agents), now);
  }

  /** What the desk looks like for an estimate: who is online, free slots, chats in hand. */
  private loadOf(agents: readonly AgentState[]): DeskLoad {
    const online = agents.filter((a) => a.online);
    return {
      onlineAgents: online.length,
      freeSlots: online.reduce((n, a) => n + Math.max(0, a.capacity - a.active - a.pendingOffers), 0),
      activeChats: agents.reduce((n, a) => n + a.active, 0),
      meanHandleSec: this.meanHandleSec,
      answerSec: this.answerTimes.typical(),
    };
  }

  /**
   * A waiting citizen's strip: place in line and an estimate; while offered, the rest of the
   * measured answer time; with nobody online, no number but the word that they are in line.
   */
  private waitingStatus(h: HandoffRecord, offered: boolean, position: number, load: DeskLoad, now: number): HandoffStatusView {
    if (offered) {
      const since = h.offeredAt ? (now - Date.parse(h.offeredAt)) / 1000 : 0;
      const etaSec = estimateOfferedSec(since, load.answerSec, this.deps.offerTimeoutMs / 1000);
      return { handoffId: h.id, state: "offered", position: 1, etaSec };
    }
    const etaSec = estimateWaitSec(position, load);
    return {
      handoffId: h.id,
      state: "queued",
      position,
      ...(etaSec === undefined ? { waitingForAgents: true } : { etaSec }),
    };
  }

  private async handoff(chatId: string): Promise<HandoffRecord> {
    const h = await this.deps.storage.handoffs.get(chatId);
    if (!h) throw new HandoffError("HANDOFF_UNKNOWN_CHAT");
    return h;
  }

  /** The handoff, if this agent handles it now; HANDOFF_NOT_ASSIGNED otherwise. */
  private async assigned(staff: StaffRecord, chatId: string): Promise<HandoffRecord> {
    const h = await this.handoff(chatId);
    const placement = await this.deps.state.placement(chatId);
    if (placement?.status !== "active" || placement.agentId !== staff.id || h.status !== "active") {
      throw new HandoffError("HANDOFF_NOT_ASSIGNED");
    }
    return h;
  }

  /** Stores a bot or system message in the conversation and pushes it to the citizen. */
  private async say(conversationId: string, role: "bot" | "system", text: string, meta: MessageMeta): Promise<MessageRecord> {
    const stored = await this.deps.storage.messages.append({
      id: this.newId(),
      conversationId,
      role,
      text,
      textSealed: null,
      clientId: null,
      createdAt: this.deps.clock().toISOString(),
      meta,
    });
    this.deps.outlet.citizen(conversationId, "chat:reply", toView(stored));
    return stored;
  }

  private async localeOf(conversationId: string): Promise<Locale> {
    return (await this.deps.storage.conversations.get(conversationId))?.locale ?? "zh";
  }

  private formatTime(at: Date, locale: Locale): string {
    return new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
      timeZone: this.deps.serviceHours.timeZone,
      weekday: "short",
      month: "numeric",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(at);
  }

  private ignoreRouting(error: unknown): void {
    if (!(error instanceof RoutingError)) throw error;
  }
}
