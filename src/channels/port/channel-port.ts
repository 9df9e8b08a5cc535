import type { FastifyInstance } from "fastify";
import type { ConversationService } from "../../conversation/service.js";
import type { Channel } from "../../domain/channel.js";
import type { HandoffDesk } from "../../handoff/desk.js";
import type { ConversationOutbox } from "../../transcript/outbox.js";

/** What a channel can show; the dialog's replies are rendered to it (render-reply.ts). */
export interface ChannelCapabilities {
  /** Quick replies as buttons the citizen presses; without them, numbered choices answered by number. */
  buttons: boolean;
  /** Markdown shown formatted, links clickable; without it, plain text with the links written out. */
  richText: boolean;
  /** The longest message the channel takes, in UTF-8 bytes: a longer reply goes as several parts. */
  maxBytes?: number;
  /**
   * A live queue strip and typing indicator beside the messages. Without one, the citizen hears
   * where they stand in line as messages, now and then (queue-updates.ts).
   */
  liveStatus: boolean;
  /** The 1-5 survey after a chat with an agent, shown its own way; without it, the ratings as choices. */
  survey: boolean;
  /**
   * How long after the citizen last wrote the channel still lets the desk write to them (WeChat's
   * customer-service messages: 48 hours); unset, no limit.
   */
  pushWindowMs?: number;
}

/** What a channel needs to take citizens' messages in: where requests arrive, and the desk they go to. */
export interface CitizenDesk {
  http: FastifyInstance;
  service: ConversationService;
  handoffs: HandoffDesk;
}

/**
 * One way citizens reach the desk (the web widget and /m page, a WeChat official account, a Bot
 * Framework channel), behind one small interface: what it can show, how it sends (the outbox, for
 * the conversations that live on it), and how it receives (mounted once the desk is built). The
 * dialog engine and the handoff desk are the same for every channel.
 */
export interface ChannelAdapter extends ConversationOutbox {
  readonly channel: Channel;
  readonly capabilities: ChannelCapabilities;
  /** Whether a citizen of this channel can be reached now (a socket connected; WeChat's 48-hour window). */
  isReachable(conversationId: string): Promise<boolean>;
  /** Starts taking citizens' messages: routes, a socket namespace. */
  receive(desk: CitizenDesk): Promise<void>;
}
