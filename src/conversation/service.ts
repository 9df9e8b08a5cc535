import { randomUUID } from "node:crypto";
import type { Locale } from "../domain/locale.js";
import type { ChatMessageInput, MessageView } from "../domain/message.js";
import { handoffResponses, responses } from "../../bot/responses.js";
import { handoffReason } from "../dialog/handoff.js";
import { botTurn } from "../dialog/turn.js";
import type { ReplyCatalogue } from "../dialog/reply.js";
import type { Understanding } from "../nlu/engine.js";
import type { Understander } from "../nlu/understander.js";
import type { ConversationTokens } from "../security/conversation-token.js";
import { type Masking, maskNumbers, type Transcript } from "../transcript/transcript.js";
import { personName } from "../dialog/validators/person-name.js";
import type { ConversationRecord, MessageMeta, MessageRecord, Storage } from "../storage/ports.js";
import { detectLocale } from "../nlu/locale.js";
import { FAILED_TURNS } from "../domain/decision.js";
import { ChatError } from "./errors.js";
import type { FlowSessions } from "./flow-session.js";
import type { HandoffDesk } from "../handoff/desk.js";
import { skillForConversation } from "../handoff/skill.js";

export interface ConversationDeps {
  storage: Storage;
  /** Where every message of a conversation is written. */
  transcript: Transcript;
  tokens: ConversationTokens;
  nlu: Understander;
  catalogue: ReplyCatalogue;
  clock: () => Date;
  newId?: () => string;
  /** Guided applications; without them the bot only answers questions. */
  flows?: FlowSessions;
  /** The live desk; without it a request for a person gets the 12333 pointer. */
  desk?: HandoffDesk;
}

/** Typed words that leave the queue while waiting for a person. */
const CANCEL_QUEUE = /^\s*(?:取消|取消转人工|不等了|算了|cancel|never ?mind)\s*[。.!！]?\s*$/i;

const NAMES = personName();

/**
 * A citizen's message as it is stored and shown to staff: numbers masked (ID, phone, card), and a
 * name the citizen gives masked as well ("我叫演示张三" → "我叫演***"), when they introduce it or
 * answer a question asking for it. The original is sealed whenever anything changed.
 */
function citizenMasking(askedForName: boolean, now: Date): Masking {
  return (text) => {
    const numbers = maskNumbers(text);
    const ctx = { now, locale: "zh" as const };
    const answer = askedForName ? NAMES.validate(text, ctx) : undefined;
    const found = answer?.ok ? answer : NAMES.extract(text, ctx);
    if (!found?.ok || found.value.length < 2) return numbers;
    const masked = numbers.masked.split(found.value).join(found.display);
    return { masked, changed: masked !== text };
  };
}

/** What a pressed button meant, kept with the citizen's message. */
function pressedMeta(input: ChatMessageInput): MessageMeta {
  const qr = input.quickReply;
  if (!qr) return {};
  if ("intent" in qr) return { intent: qr.intent };
  if (qr.action === "handoff") return { decision: `handoff_${qr.command}` };
  if (qr.action === "rephrase") return { decision: "rephrase_asked" };
  return { decision: qr.action === "agent" ? "handoff" : `flow_${qr.command}` };
}

/** What the bot says: text as stored (masked), and for the citizen's eyes only, the same in full. */
interface BotWords {
  text: string;
  meta: MessageMeta;
  privateText?: string;
}

/** A flow turn as a stored bot message. */
function flowMessage(turn: import("./flow-session.js").FlowTurn, notice?: string): BotWords {
  return {
    text: notice ? `${notice}\n\n${turn.text}` : turn.text,
    ...(turn.privateText ? { privateText: notice ? `${notice}\n\n${turn.privateText}` : turn.privateText } : {}),
    meta: {
      ...(turn.quickReplies.length > 0 ? { quickReplies: turn.quickReplies } : {}),
      ...(turn.links ? { links: turn.links } : {}),
      ...(turn.intent ? { intent: turn.intent } : {}),
      ...(turn.applicationNumber ? { applicationNumber: turn.applicationNumber } : {}),
      ...(turn.applicationKind ? { applicationKind: turn.applicationKind } : {}),
      ...(turn.asking ? { asking: turn.asking } : {}),
      decision: turn.decision,
    },
  };
}

/**
 * The conversation service: opens and resumes conversations, stores each citizen message before
 * it is acknowledged, and produces and stores the bot's reply. Channel-agnostic: the web socket
 * today, WeChat later.
 */
export class ConversationService {
  private readonly inFlight = new Set<Promise<unknown>>();
  /**
   * Citizen messages stored here whose answer is being worked out, from the moment they are stored
   * (a resend can arrive before the answer starts), with when: one older than a minute was dropped
   * on the way and may be answered again.
   */
  private readonly answering = new Map<string, number>();
  private readonly newId: () => string;

  constructor(private readonly deps: ConversationDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  /** Resumes the conversation a token names, or starts a new one when there is no token. */
  async open(token: string | undefined, locale: Locale): Promise<{ conversation: ConversationRecord; token: string; resumed: boolean }> {
    const now = this.deps.clock();
    if (token !== undefined) {
      const id = this.deps.tokens.verify(token, now);
      const conversation = id ? await this.deps.storage.conversations.get(id) : undefined;
      if (!conversation) throw new ChatError("CHAT_BAD_TOKEN");
      return { conversation, token, resumed: true };
    }
    const at = now.toISOString();
    const id = this.newId();
    const conversation: ConversationRecord = { id, channel: "web", key: id, locale, createdAt: at, updatedAt: at };
    await this.deps.storage.conversations.create(conversation);
    return { conversation, token: this.deps.tokens.issue(conversation.id, now), resumed: false };
  }

  async history(conversationId: string, limit = 200): Promise<MessageView[]> {
    const [messages, feedback] = await Promise.all([
      this.deps.storage.messages.listRecent(conversationId, limit),
      this.deps.storage.feedback.forConversation(conversationId),
    ]);
    const rating = new Map(feedback.map((f) => [f.messageId, f.rating]));
    return messages.map((m) => this.citizenView(m, rating.get(m.id)));
  }

  /**
   * Stores a citizen message (masked, the original encrypted) and returns it. A retried message
   * (same clientId) is not stored twice: the earlier one comes back, with its reply if it has one,
   * or marked `duplicate` while that reply is still being worked out (so it is not answered twice).
   */
  async accept(
    conversationId: string,
    input: ChatMessageInput,
  ): Promise<{ message: MessageRecord; reply?: MessageRecord; duplicate?: true }> {
    const [last] = await this.deps.storage.messages.listRecent(conversationId, 1);
    const { message, fresh } = await this.deps.transcript.writeOnce({
      conversationId,
      role: "citizen",
      text: input.text,
      clientId: input.clientId,
      meta: pressedMeta(input),
      mask: citizenMasking(last?.meta.asking === "person_name", this.deps.clock()),
    });
    // A resend that raced the first copy: the store kept the first.
    if (!fresh) return this.earlierCopy(message);
    if (this.answering.size > 10_000) {
      // Entries of answers that never started (an error on the way) are dropped after a minute.
      for (const [key, since] of this.answering) if (Date.now() - since > 60_000) this.answering.delete(key);
    }
    this.answering.set(message.id, Date.now());
    return { message };
  }

  /**
   * A message sent again: its answer if it has one; `duplicate` while this server is still working
   * it out (so it is not answered twice); otherwise it was stored but never answered (a restart
   * came in between), and it is answered now.
   */
  private async earlierCopy(message: MessageRecord): Promise<{ message: MessageRecord; reply?: MessageRecord; duplicate?: true }> {
    const reply = await this.deps.storage.messages.next(message.conversationId, message.seq);
    if (reply && reply.role !== "citizen") return { message, reply };
    const since = this.answering.get(message.id);
    return since !== undefined && Date.now() - since < 60_000 ? { message, duplicate: true } : { message };
  }

  /** Whether a person is handling (or about to handle) the conversation: then the bot stays quiet. */
  async withAgent(conversationId: string): Promise<boolean> {
    return (await this.deps.desk?.requests.openHandoff(conversationId)) !== undefined;
  }

  /**
   * Produces, stores and returns the bot's reply to a stored citizen message. Undefined when the
   * bot stays quiet: a person has the conversation (the message is relayed to them), or the desk
   * already pushed its own words (leaving the queue).
   */
  respond(conversationId: string, locale: Locale, question: MessageRecord, input: ChatMessageInput): Promise<MessageRecord | undefined> {
    const work = (async () => {
      const now = this.deps.clock();
      const desk = this.deps.desk;
      const open = desk ? await desk.requests.openHandoff(conversationId) : undefined;
      if (desk && open) {
        const qr = input.quickReply;
        const pressed = qr && "action" in qr && qr.action === "handoff" ? qr.command : undefined;
        const cancel = pressed === "cancel" || CANCEL_QUEUE.test(input.text);
        if (cancel && open.status === "queued") {
          await desk.requests.cancel(conversationId, detectLocale(input.text) ?? locale);
          return undefined;
        }
        if (pressed === "leave_message" && open.status === "queued") {
          // Waiting for an agent, the citizen chose to leave a message instead: out of line, then the prompt.
          await desk.requests.cancel(conversationId, locale, "leave_message");
        } else if (pressed) {
          // A queue button from a moment that has passed (an agent has joined): not words for the agent.
          return this.store(conversationId, question, { text: handoffResponses.staleButton[locale], meta: { decision: "stale_button" } });
        } else {
          await desk.requests.citizenMessage(open, question);
          return undefined;
        }
      }
      return this.store(conversationId, question, await this.reply(conversationId, locale, input, now));
    })();
    this.inFlight.add(work);
    this.answering.set(question.id, this.answering.get(question.id) ?? Date.now());
    void work
      .finally(() => {
        this.inFlight.delete(work);
        this.answering.delete(question.id);
      })
      .catch(() => {});
    return work;
  }

  /**
   * Stores the bot's reply to a citizen message; words for the citizen's eyes only are sealed. Not
   * delivered here: the channel sends it with the turn (after the acknowledgement of the question).
   */
  private store(conversationId: string, question: MessageRecord, reply: BotWords): Promise<MessageRecord> {
    return this.deps.transcript.write({
      conversationId,
      role: "bot",
      text: reply.text,
      ...(reply.privateText !== undefined ? { privateText: reply.privateText } : {}),
      meta: { ...reply.meta, replyTo: question.id },
      push: false,
    });
  }

  /** A message as the citizen of this conversation sees it: their own values in full where meant for them. */
  citizenView(m: MessageRecord, feedback?: "up" | "down"): MessageView {
    return this.deps.transcript.citizenView(m, feedback);
  }

  /** The bot's words for one message: a step of a guided application, or an answer. */
  private async reply(conversationId: string, chosen: Locale, input: ChatMessageInput, now: Date): Promise<BotWords> {
    const flows = this.deps.flows;
    const locale = detectLocale(input.text) ?? chosen;
    const recentMessages = await this.deps.storage.messages.listRecent(conversationId, 8);
    const recent = recentMessages
      .filter((m) => m.role === "bot")
      .reverse()
      .map((m) => m.meta.decision);
    const desk = this.deps.desk;
    const qr = input.quickReply;
    if (desk && qr && "action" in qr && qr.action === "handoff") {
      if (qr.command === "leave_message") return { text: handoffResponses.ticketPrompt[locale], meta: { decision: "ticket_prompt" } };
      return { text: handoffResponses.cancelled[locale], meta: { decision: "handoff_cancelled" } };
    }
    if (desk && recent[0] === "ticket_prompt" && !qr) {
      const ticket = await desk.tickets.leave(conversationId, input.text, locale);
      return { text: ticket.text, meta: { decision: "ticket_created" } };
    }
    /** Asks the desk for a person; the reply says what happens next (queued, or when agents are back). */
    const bringInPerson = async (reason: string, intent: string | null, before: string | undefined) => {
      if (!desk) return undefined;
      // The chat goes to the skill group of what the conversation is about (src/handoff/skill.ts).
      const topics = await this.deps.storage.messages.listRecent(conversationId, 16);
      const skill = skillForConversation({
        flowIntent: flows ? await flows.currentFlowIntent(conversationId) : null,
        recent: [...topics].reverse().map((m) => m.meta),
      });
      const outcome = await desk.requests.request(conversationId, {
        reason,
        locale,
        intent,
        skill,
        recentTexts: [...recentMessages.filter((m) => m.role === "citizen").map((m) => m.text), input.text],
        failedAttempts: recent.filter((d) => d !== undefined && FAILED_TURNS.has(d)).length,
      });
      const leave = { label: handoffResponses.leaveMessage[locale], payload: { action: "handoff" as const, command: "leave_message" as const } };
      const cancel = { label: handoffResponses.cancelQueue[locale], payload: { action: "handoff" as const, command: "cancel" as const } };
      const buttons = outcome.kind === "unavailable" ? [leave] : outcome.kind === "waiting" ? [leave, cancel] : [cancel];
      return {
        text: before ? `${before}\n\n${outcome.text}` : outcome.text,
        meta: {
          decision: outcome.kind === "unavailable" ? "handoff_unavailable" : outcome.kind === "waiting" ? "handoff_waiting" : "handoff",
          handoff: reason,
          ...(outcome.status.handoffId ? { handoffId: outcome.status.handoffId } : {}),
          ...(intent ? { intent } : {}),
          quickReplies: buttons,
        } satisfies MessageMeta,
      };
    };
    // Typed text is understood once (off the event loop), for the flow and the bot's answer alike.
    let understood: Promise<Understanding> | undefined;
    const understand = () => {
      understood ??= this.deps.nlu.understand(input.text, now);
      return understood;
    };
    let notice: string | undefined;
    if (flows) {
      const handled = await flows.handle(conversationId, input, locale, now, understand);
      if (handled.turn?.decision === "flow_handoff") {
        const person = await bringInPerson("flow_given_up", handled.turn.intent ?? null, handled.turn.text);
        if (person) return person;
      }
      if (handled.turn) return flowMessage(handled.turn);
      notice = handled.notice;
    }
    const turn = await botTurn(
      { text: input.text, ...(input.quickReply ? { quickReply: input.quickReply } : {}), locale: chosen, now },
      understand,
      this.deps.catalogue,
    );
    const meta = { ...turn.meta };
    let text = turn.text;
    const handoff = handoffReason(turn.decision, recent);
    if (desk && (handoff === "explicit" || handoff === "complaint")) {
      // The topic the citizen was on decides the skill group (a complaint about a pension goes to pensions).
      const intent = recentMessages.findLast((m) => m.meta.intent && !["agent.request", "complaint"].includes(m.meta.intent))?.meta.intent ?? null;
      const person = await bringInPerson(handoff, intent, handoff === "complaint" ? turn.text : undefined);
      if (person) return { text: notice ? `${notice}\n\n${person.text}` : person.text, meta: person.meta };
    }
    if (handoff) {
      meta.handoff = handoff;
      // A question back (did you mean…?) is not a failure: its buttons already include an agent.
      if (turn.decision.kind === "fallback" && (handoff === "repeated_fallback" || handoff === "sensitive_low_confidence")) {
        const offer = handoff === "repeated_fallback" ? responses.handoffOffer : responses.sensitiveOffer;
        text = `${text}\n\n${offer[turn.locale]}`;
        const agent = { label: responses.talkToAgent[turn.locale], payload: { action: "agent" as const } };
        if (!meta.quickReplies?.some((q) => "action" in q.payload && q.payload.action === "agent")) {
          meta.quickReplies = [...(meta.quickReplies ?? []), agent];
        }
      }
    }
    if (flows && turn.decision.kind === "answer" && turn.decision.action === "faq") {
      const wish = input.quickReply ? undefined : flows.wantsToStart(input.text, turn.decision.intent);
      if (wish) {
        const started = await flows.handle(conversationId, input, turn.locale, now, understand, wish);
        if (started.turn) return flowMessage(started.turn, notice);
      }
      const offer = flows.flowForIntent(turn.decision.intent);
      if (offer) meta.quickReplies = [flows.offerButton(offer, turn.locale), ...(meta.quickReplies ?? [])];
    }
    return { text: notice ? `${notice}\n\n${text}` : text, meta };
  }

  async setLocale(conversationId: string, locale: Locale): Promise<void> {
    await this.deps.storage.conversations.setLocale(conversationId, locale, this.deps.clock().toISOString());
  }

  /** Records a thumbs up or down on a bot message of this conversation. */
  async rate(conversationId: string, messageId: string, rating: "up" | "down"): Promise<void> {
    const message = await this.deps.storage.messages.get(messageId);
    if (!message || message.conversationId !== conversationId || message.role !== "bot") {
      throw new ChatError("CHAT_UNKNOWN_MESSAGE");
    }
    await this.deps.storage.feedback.set({ messageId, conversationId, rating, createdAt: this.deps.clock().toISOString() });
  }

  /** Waits for every turn being answered, for a graceful shutdown. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
