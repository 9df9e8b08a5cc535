import type { Channel } from "../../domain/channel.js";
import type { HandoffStatusView } from "../../domain/handoff-status.js";
import type { MessageView } from "../../domain/message.js";
import type { JobDefinition, Jobs } from "../../jobs/jobs.js";
import type { FieldCipher } from "../../security/field-cipher.js";
import type { ConversationStore, MessageStore } from "../../storage/ports.js";
import type { ConversationOutbox } from "../../transcript/outbox.js";
import type { Transcript } from "../../transcript/transcript.js";
import { WechatApiError, type WechatApi } from "./wechat-api.js";
import { splitForWechat, wechatText } from "./wechat-text.js";

export interface WechatDeliveryDeps {
  api: WechatApi;
  jobs: Jobs;
  conversations: Pick<ConversationStore, "get" | "getContact" | "setContact">;
  messages: Pick<MessageStore, "get">;
  transcript: Pick<Transcript, "citizenView">;
  cipher: FieldCipher;
  onError: (error: unknown, what: string) => void;
  /** Waits before the n-th retry (from 1); default 2, 4, 8, 16 s. */
  retryDelayMs?: (attempt: number) => number;
}

/** A send that keeps failing is given up after this many tries. */
const TRIES = 5;
/** Conversations whose channel is known, most recent last; the oldest forgotten past this many. */
const KNOWN = 20_000;

/**
 * Everything a WeChat citizen should hear that is not the passive reply to their own message: an
 * answer WeChat's request gave up waiting for, an agent's words, the desk's notices, an
 * application's status change, the rest of an answer too long for one message. Each goes out as a
 * customer-service message through WeChat's API, as a delayed job (kept in the store, or in Redis),
 * retried with growing waits when WeChat is busy or unreachable; given up (and logged) when WeChat
 * refuses for good (past its 48-hour window, unfollowed). It hears every conversation's messages
 * (the outbox goes to every channel) and acts on WeChat's only.
 */
export class WechatDelivery implements ConversationOutbox {
  /** Citizen messages whose answer goes back as the passive reply (the plugin marks and unmarks them). */
  readonly passive = new Set<string>();
  private readonly channels = new Map<string, Channel>();
  /** Conversations whose OpenID this process has already kept: one write per conversation, not per message. */
  private readonly contacts = new Set<string>();

  constructor(private readonly deps: WechatDeliveryDeps) {}

  /** The conversation's OpenID, kept sealed for the sends to come (the key is only its hash). */
  async remember(conversationId: string, openId: string): Promise<void> {
    this.know(conversationId, "wechat");
    if (this.contacts.has(conversationId)) return;
    await this.deps.conversations.setContact(conversationId, this.deps.cipher.encrypt(openId));
    if (this.contacts.size >= KNOWN) this.contacts.clear();
    this.contacts.add(conversationId);
  }

  message(conversationId: string, message: MessageView): void {
    if (message.role === "citizen" || (message.replyTo !== undefined && this.passive.has(message.replyTo))) return;
    void this.onWechat(conversationId)
      .then((yes) => (yes ? this.queue(conversationId, message.id, 0) : undefined))
      .catch((error) => this.deps.onError(error, "queueing a WeChat message"));
  }

  /** Sends a long answer's parts after the first, which went as the passive reply. */
  sendRest(conversationId: string, messageId: string, sent: number): void {
    this.queue(conversationId, messageId, sent).catch((error) => this.deps.onError(error, "queueing a WeChat message"));
  }

  /** The send of a message's parts from `sent` on, as a job: now, or after `delayMs` for a retry. */
  private queue(conversationId: string, messageId: string, sent: number, attempt = 1, delayMs = 0): Promise<void> {
    return this.deps.jobs.schedule("wechat-send", messageId, { conversationId, attempt: String(attempt), sent: String(sent) }, delayMs);
  }

  /** The desk's words on the way to a person come as messages too; the strip's updates have no WeChat form. */
  handoff(_conversationId: string, _status: HandoffStatusView): void {}

  typing(): void {}

  /** Whether the citizen can be reached: a WeChat follower can, for 48 hours after they wrote. */
  async isReachable(conversationId: string): Promise<boolean> {
    return this.onWechat(conversationId);
  }

  /** The job that sends one message, part by part, resuming after the parts already sent. */
  job(): JobDefinition {
    return {
      kind: "wechat-send",
      run: async (messageId, payload) => {
        const { conversationId } = payload as { conversationId: string };
        const attempt = Number(payload.attempt ?? "1");
        let sent = Number(payload.sent ?? "0");
        const [stored, contact, conversation] = await Promise.all([
          this.deps.messages.get(messageId),
          this.deps.conversations.getContact(conversationId),
          this.deps.conversations.get(conversationId),
        ]);
        if (!stored || !contact || !conversation) return;
        const openId = this.deps.cipher.decrypt(contact);
        const parts = splitForWechat(wechatText(this.deps.transcript.citizenView(stored), conversation.locale));
        try {
          // One conversation's messages go one after another, in the order they were written.
          await this.inTurn(conversationId, async () => {
            for (; sent < parts.length; sent++) await this.deps.api.sendText(openId, parts[sent] as string);
          });
        } catch (error) {
          if (error instanceof WechatApiError && error.retryable && attempt < TRIES) {
            const wait = this.deps.retryDelayMs?.(attempt) ?? 2000 * 2 ** (attempt - 1);
            await this.queue(conversationId, messageId, sent, attempt + 1, wait);
            return;
          }
          this.deps.onError(error, `a WeChat message given up after ${attempt} tries`);
        }
      },
    };
  }

  private readonly sending = new Map<string, Promise<unknown>>();

  private async inTurn(conversationId: string, send: () => Promise<void>): Promise<void> {
    const mine = (this.sending.get(conversationId) ?? Promise.resolve()).then(send);
    const settled = mine.catch(() => {});
    this.sending.set(conversationId, settled);
    try {
      await mine;
    } finally {
      if (this.sending.get(conversationId) === settled) this.sending.delete(conversationId);
    }
  }

  private async onWechat(conversationId: string): Promise<boolean> {
    let channel = this.channels.get(conversationId);
    if (channel === undefined) {
      channel = (await this.deps.conversations.get(conversationId))?.channel;
      if (channel === undefined) return false;
      this.know(conversationId, channel);
    }
    return channel === "wechat";
  }

  private know(conversationId: string, channel: Channel): void {
    this.channels.delete(conversationId);
    this.channels.set(conversationId, channel);
    if (this.channels.size > KNOWN) this.channels.delete(this.channels.keys().next().value as string);
  }
}
