import { fill } from "../../../bot/flow-responses.js";
import { handoffResponses } from "../../../bot/responses.js";
import type { Channel } from "../../domain/channel.js";
import type { HandoffStatusView } from "../../domain/handoff-status.js";
import type { Locale } from "../../domain/locale.js";
import type { MessageView } from "../../domain/message.js";
import type { DelayedKind } from "../../jobs/delayed-jobs.js";
import type { JobDefinition, Jobs } from "../../jobs/jobs.js";
import type { FieldCipher } from "../../security/field-cipher.js";
import type { ConversationStore, MessageStore } from "../../storage/ports.js";
import type { Transcript } from "../../transcript/transcript.js";
import type { ChannelAdapter, ChannelCapabilities, CitizenDesk } from "./channel-port.js";
import { type QueueTold, type QueueUpdate, queueUpdate } from "./queue-updates.js";
import { type RenderedPart, renderReply } from "./render-reply.js";

/**
 * A citizen's request still open on a channel that can answer it with several messages (a Bot
 * Framework turn): while it is, what the desk says to that conversation goes back in its response.
 */
export interface LiveTurn {
  locale: Locale;
  send(part: RenderedPart): void;
}

/** How a push channel puts one message in front of a citizen, outside a request of theirs. */
export interface PushSender {
  /** Sends one part to the citizen at `contact` (the channel's own address for them, unsealed). */
  send(contact: string, part: RenderedPart): Promise<void>;
  /** Whether a failed send is worth trying again (busy, unreachable) rather than refused for good. */
  retryable(error: unknown): boolean;
}

/** What every push channel is built with, whichever it is: the composition root gives these. */
export type PushChannelBase = Pick<PushChannelDeps, "jobs" | "conversations" | "messages" | "transcript" | "cipher" | "clock" | "onError" | "retryDelayMs">;

export interface PushChannelDeps {
  channel: Channel;
  capabilities: ChannelCapabilities;
  /** The delayed job that sends one message. */
  jobKind: DelayedKind;
  /** Without one (no API credentials), replies only in the response to the citizen's own request. */
  sender?: PushSender;
  /** The citizen's request open now for this conversation, if any: messages go back in its response. */
  liveTurn?(conversationId: string): LiveTurn | undefined;
  /** Mounts the channel's inbound side (its routes). */
  receive(desk: CitizenDesk): Promise<void>;
  jobs: Jobs;
  conversations: Pick<ConversationStore, "get" | "getContact" | "setContact">;
  messages: Pick<MessageStore, "get" | "listRecent">;
  transcript: Pick<Transcript, "citizenView">;
  cipher: FieldCipher;
  clock: () => Date;
  onError: (error: unknown, what: string) => void;
  /** Waits before the n-th retry (from 1); default 2, 4, 8, 16 s. */
  retryDelayMs?: (attempt: number) => number;
}

/** A send that keeps failing is given up after this many tries. */
const TRIES = 5;
/** Conversations remembered per process (contacts written, places told); the oldest forgotten past this. */
const KNOWN = 20_000;

/**
 * A channel that reaches citizens by pushing to the channel's service (WeChat's customer-service
 * API, a Bot Framework connector), with the answer to a citizen's own message going back in the
 * response to their request. Everything else (an answer the request gave up waiting for, an
 * agent's words, the desk's notices, a status change, the rest of a long answer, their place in
 * line) goes out as a delayed job (kept in the store, or in Redis), one conversation's messages in
 * order, retried with growing waits while the service is busy or unreachable and given up (and
 * logged) when it refuses for good. The citizen's address on the channel is kept sealed beside the
 * conversation; the conversation's key is only its hash.
 */
export class PushChannel implements ChannelAdapter {
  readonly channel: Channel;
  readonly capabilities: ChannelCapabilities;
  /** Citizen messages whose answer goes back in the response to their request, not as a push. */
  readonly inReply = new Set<string>();
  /** The last contact written per conversation: one write per change, not per message. */
  private readonly contacts = new Map<string, string>();
  private readonly told = new Map<string, QueueTold>();
  private readonly sending = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: PushChannelDeps) {
    this.channel = deps.channel;
    this.capabilities = deps.capabilities;
  }

  /** Whether messages can be pushed at all (the channel's API credentials are set). */
  get pushes(): boolean {
    return this.deps.sender !== undefined;
  }

  receive(desk: CitizenDesk): Promise<void> {
    return this.deps.receive(desk);
  }

  /** The citizen's address on the channel, kept sealed for the pushes to come. */
  async remember(conversationId: string, contact: string): Promise<void> {
    if (this.contacts.get(conversationId) === contact) return;
    await this.deps.conversations.setContact(conversationId, this.deps.cipher.encrypt(contact));
    bounded(this.contacts, conversationId, contact);
  }

  message(conversationId: string, message: MessageView): void {
    if (message.role === "citizen" || (message.replyTo !== undefined && this.inReply.has(message.replyTo))) return;
    const live = this.deps.liveTurn?.(conversationId);
    if (live) {
      for (const part of renderReply(message, this.capabilities, live.locale)) live.send(part);
      return;
    }
    this.sendRest(conversationId, message.id, 0);
  }

  /** Sends a message's parts from the `sent`-th on (the first ones went back in the response). */
  sendRest(conversationId: string, messageId: string, sent: number): void {
    if (!this.deps.sender) return;
    this.queue(conversationId, messageId, { sent: String(sent) }).catch((error) => this.deps.onError(error, `queueing a ${this.channel} message`));
  }

  /** No live strip: the citizen's place in line, as a message now and then (queue-updates.ts). */
  handoff(conversationId: string, status: HandoffStatusView): void {
    if (this.capabilities.liveStatus) return;
    const live = this.deps.liveTurn?.(conversationId);
    const decided = queueUpdate(this.told.get(conversationId), status, this.deps.clock().getTime());
    // Told only where it can be said: in the open turn's response, or pushed.
    if (!decided || (!live && !this.deps.sender)) return;
    bounded(this.told, conversationId, decided.told);
    if (live) {
      live.send({ text: updateText(decided.update, live.locale), format: "plain", choices: [] });
      return;
    }
    void this.deps.conversations
      .get(conversationId)
      .then((c) => (c ? this.queue(conversationId, `place:${status.handoffId}:${decided.told.at}`, { text: updateText(decided.update, c.locale) }) : undefined))
      .catch((error) => this.deps.onError(error, `queueing a ${this.channel} queue update`));
  }

  typing(): void {}

  /** The desk asks only about this channel's conversations; a pushed message reaches them while the channel lets it. */
  async isReachable(conversationId: string): Promise<boolean> {
    if (!this.deps.sender) return false;
    return this.contacts.has(conversationId) || (await this.deps.conversations.getContact(conversationId)) !== undefined;
  }

  /** The job that sends one message (by id, or a notice's text), part by part, resuming after the parts already sent. */
  job(): JobDefinition | undefined {
    const sender = this.deps.sender;
    if (!sender) return undefined;
    return {
      kind: this.deps.jobKind,
      run: async (key, payload) => {
        const { conversationId } = payload as { conversationId: string };
        const attempt = Number(payload.attempt ?? "1");
        let sent = Number(payload.sent ?? "0");
        const [contact, conversation] = await Promise.all([this.deps.conversations.getContact(conversationId), this.deps.conversations.get(conversationId)]);
        if (!contact || !conversation) return;
        let parts: RenderedPart[];
        if (payload.text !== undefined) parts = [{ text: payload.text, format: "plain", choices: [] }];
        else {
          const stored = await this.deps.messages.get(key);
          if (!stored) return;
          parts = renderReply(this.deps.transcript.citizenView(stored), this.capabilities, conversation.locale);
        }
        // Past the channel's window WeChat refuses for good: not tried, and said once, plainly.
        if (!(await this.withinWindow(conversationId))) {
          this.deps.onError(new Error(`the citizen last wrote more than ${Math.round((this.capabilities.pushWindowMs ?? 0) / 3_600_000)} hours ago`), `a ${this.channel} message not sent: outside the channel's window`);
          return;
        }
        const address = this.deps.cipher.decrypt(contact);
        try {
          await this.inTurn(conversationId, async () => {
            for (; sent < parts.length; sent++) await sender.send(address, parts[sent] as RenderedPart);
          });
        } catch (error) {
          if (sender.retryable(error) && attempt < TRIES) {
            const wait = this.deps.retryDelayMs?.(attempt) ?? 2000 * 2 ** (attempt - 1);
            await this.queue(conversationId, key, { ...payload, sent: String(sent), attempt: String(attempt + 1) }, wait);
            return;
          }
          this.deps.onError(error, `a ${this.channel} message given up after ${attempt} tries`);
        }
      },
    };
  }

  /** Whether the citizen wrote within the channel's window (its last words among the recent messages). */
  private async withinWindow(conversationId: string): Promise<boolean> {
    const windowMs = this.capabilities.pushWindowMs;
    if (windowMs === undefined) return true;
    const lastWords = (await this.deps.messages.listRecent(conversationId, 50)).findLast((m) => m.role === "citizen");
    return lastWords !== undefined && this.deps.clock().getTime() - Date.parse(lastWords.createdAt) <= windowMs;
  }

  private queue(conversationId: string, key: string, payload: Record<string, string>, delayMs = 0): Promise<void> {
    return this.deps.jobs.schedule(this.deps.jobKind, key, { attempt: "1", ...payload, conversationId }, delayMs);
  }

  /** One conversation's messages go one after another, in the order they were queued. */
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
}

function updateText(update: QueueUpdate, locale: Locale): string {
  if (update.say === "next") return handoffResponses.queueNext[locale];
  if (update.minutes === undefined) return fill(handoffResponses.queuePlaceNoEstimate[locale], { ahead: String(update.ahead) });
  return fill(handoffResponses.queuePlace[locale], { ahead: String(update.ahead), minutes: String(update.minutes) });
}

function bounded<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > KNOWN) map.delete(map.keys().next().value as string);
}
