import { randomUUID } from "node:crypto";
import { handoffResponses } from "../../bot/responses.js";
import type { Locale } from "../domain/locale.js";
import type { ChatMessageInput, MessageView } from "../domain/message.js";
import type { HandoffDesk } from "../handoff/desk.js";
import { detectLocale } from "../nlu/locale.js";
import { type DeskMeter, meteredTurn, silentMeter, type TurnOutcome } from "../observability/desk-meter.js";
import type { KnowledgeSource } from "../publishing/active-knowledge.js";
import type { ConversationTokens } from "../security/conversation-token.js";
import { wellFormed } from "../security/text-integrity.js";
import type { ConversationRecord, MessageRecord, Storage } from "../storage/ports.js";
import type { Transcript } from "../transcript/transcript.js";
import { type BotWords, botWords } from "./bot-words.js";
import { citizenMasking, pressedMeta } from "./citizen-words.js";
import { ChatError } from "./errors.js";
import type { FlowSessions } from "./flow-session.js";
import type { InboundMessage, TurnHooks } from "./inbound.js";

export interface ConversationDeps {
  storage: Storage;
  /** Where every message of a conversation is written. */
  transcript: Transcript;
  tokens: ConversationTokens;
  /** What the bot knows (model and answers), as active at each turn. */
  knowledge: KnowledgeSource;
  clock: () => Date;
  newId?: () => string;
  /** An answer that takes longer than this shows the bot typing; 0 shows it at once. */
  typingAfterMs?: number;
  /** Guided applications; without them the bot only answers questions. */
  flows?: FlowSessions;
  /** The live desk; without it a request for a person gets the 12333 pointer. */
  desk?: HandoffDesk;
  /** Counts messages, replies and turn times; none for the warm-up rehearsal, which must not count. */
  meter?: DeskMeter;
}

/** Which conversation a channel means: its name for it, and the language it starts in. */
type ChannelOpening = Pick<InboundMessage, "channel" | "key" | "locale">;

/** Typed words that leave the queue while waiting for a person. */
const CANCEL_QUEUE = /^\s*(?:取消|取消转人工|不等了|算了|cancel|never ?mind)\s*[。.!！]?\s*$/i;

/**
 * The conversation service: opens and resumes conversations, and carries each citizen message
 * through its turn (`handle`): stored before it is acknowledged, relayed to the agent or answered by
 * the bot, the answer stored and delivered to every tab through the transcript's outbox. Channels
 * (the web socket today, WeChat next) only check their envelope and call `handle`.
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
  private readonly meter: DeskMeter;

  constructor(private readonly deps: ConversationDeps) {
    this.newId = deps.newId ?? randomUUID;
    this.meter = deps.meter ?? silentMeter;
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
   * One turn of a citizen's message, whatever the channel: find (or open) the conversation by the
   * channel's key, store the message, tell the channel it is safe to acknowledge, then relay it to
   * the agent who has the chat or work out, store and deliver the bot's answer. A message sent again
   * is stored and answered once.
   */
  handle(inbound: InboundMessage, hooks: TurnHooks = {}): Promise<void> {
    return meteredTurn(this.meter, inbound.channel, () => this.turn(inbound, hooks));
  }

  /** The turn `handle` describes; says how it ended, for the turn-time figure. */
  private async turn(inbound: InboundMessage, hooks: TurnHooks): Promise<TurnOutcome> {
    const conversation = await this.conversationFor(inbound);
    // Lone UTF-16 surrogates have no UTF-8 form: replaced (U+FFFD) here, before anything is stored,
    // so what the channel acknowledges is what is stored and read back, whatever the channel.
    const text = wellFormed(inbound.text);
    const input: ChatMessageInput = { clientId: inbound.clientId, text, ...(inbound.quickReply ? { quickReply: inbound.quickReply } : {}) };
    const { message, reply, duplicate } = await this.accept(conversation.id, input);
    hooks.stored?.(this.citizenView(message));
    if (reply) {
      hooks.answeredBefore?.(this.citizenView(reply));
      return "repeated";
    }
    if (duplicate) return "repeated"; // its first copy's answer is on its way to every tab
    // With a person on the chat the bot stays quiet: no typing indicator either. Otherwise "typing"
    // shows only when the answer takes a while: one in milliseconds needs no indicator that flickers.
    const quiet = !hooks.typing || (await this.withAgent(conversation.id));
    let typing = false;
    const showTyping = () => {
      typing = true;
      hooks.typing?.(true);
    };
    const after = this.deps.typingAfterMs ?? 0;
    let timer: NodeJS.Timeout | undefined;
    if (!quiet && after === 0) showTyping();
    else if (!quiet) timer = setTimeout(showTyping, after);
    try {
      const reply = await this.respond(conversation.id, inbound.locale, message, input);
      if (!reply) return "to_desk";
      hooks.answered?.(this.citizenView(reply));
      return "answered";
    } finally {
      clearTimeout(timer);
      if (typing) hooks.typing?.(false);
    }
  }

  /**
   * Stores a citizen message (masked, the original encrypted) and returns it. A retried message
   * (same clientId) is not stored twice: the earlier one comes back, with its reply if it has one,
   * or marked `duplicate` while that reply is still being worked out (so it is not answered twice).
   */
  private async accept(
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
  private async withAgent(conversationId: string): Promise<boolean> {
    return (await this.deps.desk?.requests.openHandoff(conversationId)) !== undefined;
  }

  /**
   * Produces, stores and returns the bot's reply to a stored citizen message. Undefined when the
   * bot stays quiet: a person has the conversation (the message is relayed to them), or the desk
   * already pushed its own words (leaving the queue).
   */
  private respond(conversationId: string, locale: Locale, question: MessageRecord, input: ChatMessageInput): Promise<MessageRecord | undefined> {
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
      return this.store(conversationId, question, await botWords(this.deps, conversationId, locale, input, now));
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

  /** Stores the bot's reply to a citizen message (words for the citizen's eyes only sealed) and delivers it to every tab. */
  private store(conversationId: string, question: MessageRecord, reply: BotWords): Promise<MessageRecord> {
    this.meter.replied(reply.meta.decision);
    return this.deps.transcript.write({
      conversationId,
      role: "bot",
      text: reply.text,
      ...(reply.privateText !== undefined ? { privateText: reply.privateText } : {}),
      meta: { ...reply.meta, replyTo: question.id },
    });
  }

  /** The conversation a channel names by `key`, opened (in the channel's language) if it is new. */
  async conversationFor(opening: ChannelOpening): Promise<ConversationRecord> {
    const at = this.deps.clock().toISOString();
    const { conversation } = await this.deps.storage.conversations.findOrCreateByKey({
      id: this.newId(),
      channel: opening.channel,
      key: opening.key,
      locale: opening.locale,
      createdAt: at,
      updatedAt: at,
    });
    return conversation;
  }

  /**
   * The desk's latest words in a conversation (the bot's, or the desk's own such as the closing
   * words with their survey), as its citizen sees them: a channel without buttons reads the
   * choices they offered from them. None when an agent spoke last.
   */
  async latestBotMessage(conversationId: string): Promise<MessageView | undefined> {
    const recent = await this.deps.storage.messages.listRecent(conversationId, 4);
    const last = recent.findLast((m) => m.role !== "citizen");
    return last && (last.role === "bot" || last.role === "system") ? this.citizenView(last) : undefined;
  }

  /**
   * Says `words` in the conversation a channel names by `key`, opening it if it is new: the bot
   * speaking first, as when a citizen starts following the WeChat account. Stored, then delivered.
   */
  async greet(opening: ChannelOpening, words: BotWords): Promise<MessageView> {
    const conversation = await this.conversationFor(opening);
    const message = await this.deps.transcript.write({ conversationId: conversation.id, role: "bot", text: words.text, meta: words.meta });
    return this.citizenView(message);
  }

  /** A message as the citizen of this conversation sees it: their own values in full where meant for them. */
  citizenView(m: MessageRecord, feedback?: "up" | "down"): MessageView {
    return this.deps.transcript.citizenView(m, feedback);
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
