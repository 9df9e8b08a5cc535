import { randomUUID } from "node:crypto";
import type { MessageRole, MessageView } from "../domain/message.js";
import type { FieldCipher } from "../security/field-cipher.js";
import { maskPersonalData } from "../security/masking.js";
import { wellFormed } from "../security/text-integrity.js";
import type { MessageMeta, MessageRecord, MessageStore } from "../storage/ports.js";
import type { ConversationOutbox } from "./outbox.js";

/** Finds personal data in words: the masked text, and whether anything was masked. */
export type Masking = (text: string) => { masked: string; changed: boolean };

/** ID, phone and bank-card numbers: what any person's words are checked for. */
export const maskNumbers: Masking = maskPersonalData;

/** The bot's and the desk's own words carry nothing personal of their own. */
const keepAsIs: Masking = (text) => ({ masked: text, changed: false });

export interface TranscriptEntry {
  conversationId: string;
  role: MessageRole;
  /** The words in full; stored masked, with the original sealed, when `mask` finds personal data. */
  text: string;
  meta?: MessageMeta;
  /** The sender's idempotency key; see `writeOnce`. */
  clientId?: string;
  /** Default: numbers for citizens and agents, nothing for the bot and the desk. */
  mask?: Masking;
  /**
   * Words for the citizen's eyes only (a summary with their own values in full): sealed, shown to
   * them, while staff and logs see `text`.
   */
  privateText?: string;
  /** Deliver it to the citizen's channel once stored. Default: yes, except the citizen's own words. */
  push?: boolean;
}

export interface TranscriptDeps {
  messages: MessageStore;
  cipher: FieldCipher;
  clock: () => Date;
  outbox: ConversationOutbox;
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
    ...(m.meta.links ? { links: m.meta.links } : {}),
    ...(feedback ? { feedback } : {}),
    ...(m.meta.survey && m.meta.handoffId ? { survey: { handoffId: m.meta.handoffId } } : {}),
    ...(m.meta.agentName ? { agentName: m.meta.agentName } : {}),
    ...(m.meta.asking ? { asking: m.meta.asking } : {}),
  };
}

/**
 * The one writer of a conversation's messages, whoever speaks (citizen, bot, agent, the desk, a
 * status notice): a new id and timestamp, personal data masked and the original sealed, stored,
 * then delivered to the citizen through the outbox. Stored before delivered: nothing shown is lost.
 */
export class Transcript {
  private readonly newId: () => string;

  constructor(private readonly deps: TranscriptDeps) {
    this.newId = deps.newId ?? randomUUID;
  }

  /** Stores the message and (by default) delivers it to the citizen. */
  async write(entry: TranscriptEntry): Promise<MessageRecord> {
    return (await this.store(entry)).message;
  }

  /**
   * The same, once per client id: a message sent again (a retry, a second click) comes back as the
   * first copy with `fresh: false`, stored and delivered once, also when both copies race.
   */
  async writeOnce(entry: TranscriptEntry & { clientId: string }): Promise<{ message: MessageRecord; fresh: boolean }> {
    const earlier = await this.deps.messages.findByClientId(entry.conversationId, entry.clientId);
    if (earlier) return { message: earlier, fresh: false };
    return this.store(entry);
  }

  /** A message as the citizen of its conversation sees it: their own values in full where meant for them. */
  citizenView(m: MessageRecord, feedback?: "up" | "down"): MessageView {
    const view = toView(m, feedback);
    if (!m.meta.citizenSeesSealed || !m.textSealed) return view;
    return { ...view, text: this.deps.cipher.decrypt(m.textSealed) };
  }

  private async store(given: TranscriptEntry): Promise<{ message: MessageRecord; fresh: boolean }> {
    // Whoever writes (an agent's console too): what is stored is what is read back and shown.
    const entry = { ...given, text: wellFormed(given.text), ...(given.privateText !== undefined ? { privateText: wellFormed(given.privateText) } : {}) };
    const person = entry.role === "citizen" || entry.role === "agent";
    const { masked, changed } = (entry.mask ?? (person ? maskNumbers : keepAsIs))(entry.text);
    const sealedPrivate = entry.privateText !== undefined && entry.privateText !== entry.text;
    const id = this.newId();
    const message = await this.deps.messages.append({
      id,
      conversationId: entry.conversationId,
      role: entry.role,
      text: masked,
      textSealed: sealedPrivate ? this.deps.cipher.encrypt(entry.privateText as string) : changed ? this.deps.cipher.encrypt(entry.text) : null,
      clientId: entry.clientId ?? null,
      createdAt: this.deps.clock().toISOString(),
      meta: sealedPrivate ? { ...entry.meta, citizenSeesSealed: true } : (entry.meta ?? {}),
    });
    // The store keeps the first of two copies that raced on one client id.
    const fresh = message.id === id;
    if (fresh && (entry.push ?? entry.role !== "citizen")) this.deps.outbox.message(entry.conversationId, this.citizenView(message));
    return { message, fresh };
  }
}
