import type { BotFrameworkConfig } from "../../config/botframework.js";
import type { KnowledgeSource } from "../../publishing/active-knowledge.js";
import type { ChannelCapabilities } from "../port/channel-port.js";
import { type LiveTurn, PushChannel, type PushChannelBase } from "../port/push-channel.js";
import { activityFor } from "./activities.js";
import { botAdapter } from "./bot-adapter.js";
import { botFrameworkPlugin } from "./plugin.js";

/** Bot Framework channels show Markdown and suggested actions; none has the widget's live queue strip. */
export const botFrameworkCapabilities: ChannelCapabilities = { buttons: true, richText: true, liveStatus: false, survey: false };

export interface BotFrameworkChannelOptions extends PushChannelBase {
  config: BotFrameworkConfig;
  knowledge: KnowledgeSource;
  sessionSecret: string;
  maxText: number;
  log: (what: string, fields: Record<string, unknown>) => void;
}

/**
 * The Bot Framework as a channel (Teams, Direct Line / Web Chat, the Emulator, and the channels an
 * Azure Bot resource connects): activities come in at /api/messages and are answered within the
 * turn; what comes later (an agent's words, notices, status changes) is sent to the conversation's
 * connector as a continued conversation, with the push channel's jobs and retries.
 */
export function botFrameworkChannel(options: BotFrameworkChannelOptions): PushChannel {
  const adapter = botAdapter(options.config);
  const liveTurns = new Map<string, LiveTurn>();
  const channel: PushChannel = new PushChannel({
    ...options,
    channel: "botframework",
    capabilities: botFrameworkCapabilities,
    jobKind: "botframework-send",
    liveTurn: (conversationId) => liveTurns.get(conversationId),
    sender: {
      send: (reference, part) => adapter.sendTo(reference, [activityFor(part)]),
      // The connector busy, throttling, or out of reach; not: the conversation gone, the bot not allowed.
      retryable: (error) => {
        const status = (error as { statusCode?: unknown }).statusCode;
        return typeof status !== "number" || status === 429 || status >= 500;
      },
    },
    receive: async ({ http, service, handoffs }) => {
      await http.register(botFrameworkPlugin, {
        openHandoff: (conversationId) => handoffs.requests.openHandoff(conversationId),
        adapter,
        service,
        channel,
        liveTurns,
        knowledge: options.knowledge,
        sessionSecret: options.sessionSecret,
        maxText: options.maxText,
        log: options.log,
      });
    },
  });
  return channel;
}
