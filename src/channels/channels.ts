import type { Channel } from "../domain/channel.js";
import type { ConversationStore } from "../storage/ports.js";
import type { ConversationOutbox } from "../transcript/outbox.js";
import type { ChannelAdapter, CitizenDesk } from "./port/channel-port.js";

/** What the desk needs of the ways citizens are reached: the outbox, and whether one is still there. */
export type CitizenOutbox = ConversationOutbox & { isConnected(conversationId: string): Promise<boolean> };

/** Conversations whose channel this process remembers; the least recently used forgotten past this. */
const KNOWN = 50_000;

/**
 * Every channel the desk serves, as one outbox: a message, a status or a typing notice for a
 * conversation goes to the adapter of the channel it lives on (read once from the store, then
 * remembered), and a citizen is there while their channel can reach them. Sends for one
 * conversation keep their order while its channel is being looked up.
 */
export class Channels implements CitizenOutbox {
  private readonly adapters = new Map<Channel, ChannelAdapter>();
  private readonly known = new Map<string, ChannelAdapter>();
  private readonly lookups = new Map<string, Promise<ChannelAdapter | undefined>>();

  constructor(
    private readonly conversations: Pick<ConversationStore, "get">,
    private readonly onError: (error: unknown, what: string) => void,
  ) {}

  add(adapter: ChannelAdapter): this {
    if (this.adapters.has(adapter.channel)) throw new Error(`channel ${adapter.channel} is added twice`);
    this.adapters.set(adapter.channel, adapter);
    return this;
  }

  /** Starts every channel's inbound side, once the desk they hand messages to is built. */
  async receive(desk: CitizenDesk): Promise<void> {
    for (const adapter of this.adapters.values()) await adapter.receive(desk);
  }

  message: ConversationOutbox["message"] = (conversationId, message) => this.to(conversationId, (a) => a.message(conversationId, message));
  handoff: ConversationOutbox["handoff"] = (conversationId, status) => this.to(conversationId, (a) => a.handoff(conversationId, status));
  typing: ConversationOutbox["typing"] = (conversationId, state) => this.to(conversationId, (a) => a.typing(conversationId, state));

  isConnected = async (conversationId: string): Promise<boolean> => {
    const adapter = this.known.get(conversationId) ?? (await this.lookup(conversationId));
    return adapter ? adapter.isReachable(conversationId) : false;
  };

  private to(conversationId: string, send: (adapter: ChannelAdapter) => void): void {
    const known = this.known.get(conversationId);
    const pending = this.lookups.get(conversationId);
    if (known && !pending) {
      send(known);
      return;
    }
    // Behind the lookup already under way, so that this send does not overtake an earlier one.
    const next = (pending ?? this.lookup(conversationId)).then((adapter) => {
      if (adapter) send(adapter);
      return adapter;
    });
    this.lookups.set(conversationId, next);
    void next
      .catch((error) => this.onError(error, "finding a conversation's channel"))
      .finally(() => {
        if (this.lookups.get(conversationId) === next) this.lookups.delete(conversationId);
      });
  }

  private async lookup(conversationId: string): Promise<ChannelAdapter | undefined> {
    const channel = (await this.conversations.get(conversationId))?.channel;
    const adapter = channel === undefined ? undefined : this.adapters.get(channel);
    if (adapter) {
      this.known.delete(conversationId);
      this.known.set(conversationId, adapter);
      if (this.known.size > KNOWN) this.known.delete(this.known.keys().next().value as string);
    }
    return adapter;
  }
}
