import { randomUUID } from "node:crypto";
import type { ChatMessageInput, Locale, MessageView } from "../channels/events.js";
import { botTurn } from "../dialog/turn.js";
import type { ReplyCatalogue } from "../dialog/reply.js";
import type { NluEngine } from "../nlu/engine.js";
import type { ConversationTokens } from "../security/conversation-token.js";
import type { FieldCipher } from "../security/field-cipher.js";
import { maskPersonalData } from "../security/masking.js";
import type { ConversationRecord, MessageRecord, Storage } from "../storage/ports.js";
import { ChatError } from "./errors.js";

export interface ConversationDeps {
  storage: Storage;
  cipher: FieldCipher;
  tokens: ConversationTokens;
  nlu: NluEngine;
  catalogue: ReplyCatalogue;
  clock: () => Date;
  newId?: () => string;
}

/** A message as the citizen sees it: masked text, buttons, their rating. */
export function toView(m: MessageRecord, feedback?: "up" | "down"): MessageView {
  return {
    id: m.id,
    seq: m.seq,
    role: m.role,
    text: m.text,
    createdAt: m.createdAt,
    ...(m.clientId ? { clientId: m.clientId } : {}),
    ...(m.meta.quickReplies ? { quickReplies: m.meta.quickReplies } : {}),
    ...(m.meta.faqId ? { faqId: m.meta.faqId } : {}),
    ...(m.meta.replyTo ? { replyTo: m.meta.replyTo } : {}),
    ...(feedback ? { feedback } : {}),
  };
}

/**
 * The conversation service: opens and resumes conversations, stores each citizen message before
 * it is acknowledged, and produces and stores the bot's reply. Channel-agnostic: the web socket
 * today, WeChat later.
 */
export class ConversationService {
  private readonly inFlight = new Set<Promise<unknown>>();
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
    const conversation: ConversationRecord = { id: this.newId(), channel: "web", locale, createdAt: at, updatedAt: at };
    await this.deps.storage.conversations.create(conversation);
    return { conversation, token: this.deps.tokens.issue(conversation.id, now), resumed: false };
  }

  async history(conversationId: string, limit = 200): Promise<MessageView[]> {
    const [messages, feedback] = await Promise.all([
      this.deps.storage.messages.listRecent(conversationId, limit),
      this.deps.storage.feedback.forConversation(conversationId),
    ]);
    const rating = new Map(feedback.map((f) => [f.messageId, f.rating]));
    return messages.map((m) => toView(m, rating.get(m.id)));
  }

  /**
   * Stores a citizen message (masked, the original encrypted) and returns it. A retried message
   * (same clientId) is not stored twice: the earlier one comes back, with its reply if it has one.
   */
  async accept(conversationId: string, input: ChatMessageInput): Promise<{ message: MessageRecord; reply?: MessageRecord }> {
    const earlier = await this.deps.storage.messages.findByClientId(conversationId, input.clientId);
    if (earlier) {
      const reply = await this.deps.storage.messages.next(conversationId, earlier.seq);
      return reply && reply.role !== "citizen" ? { message: earlier, reply } : { message: earlier };
    }
    const { masked, changed } = maskPersonalData(input.text);
    const message = await this.deps.storage.messages.append({
      id: this.newId(),
      conversationId,
      role: "citizen",
      text: masked,
      textSealed: changed ? this.deps.cipher.encrypt(input.text) : null,
      clientId: input.clientId,
      createdAt: this.deps.clock().toISOString(),
      meta: input.quickReply ? ("intent" in input.quickReply ? { intent: input.quickReply.intent } : { decision: "handoff" }) : {},
    });
    return { message };
  }

  /** Produces, stores and returns the bot's reply to a stored citizen message. */
  respond(conversationId: string, locale: Locale, question: MessageRecord, input: ChatMessageInput): Promise<MessageRecord> {
    const work = (async () => {
      const now = this.deps.clock();
      const turn = botTurn(
        { text: input.text, ...(input.quickReply ? { quickReply: input.quickReply } : {}), locale, now },
        this.deps.nlu,
        this.deps.catalogue,
      );
      return this.deps.storage.messages.append({
        id: this.newId(),
        conversationId,
        role: "bot",
        text: turn.text,
        textSealed: null,
        clientId: null,
        createdAt: now.toISOString(),
        meta: { ...turn.meta, replyTo: question.id },
      });
    })();
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => {});
    return work;
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
