import type { Channel } from "../domain/channel.js";
import type { Locale } from "../domain/locale.js";
import type { MessageView, QuickReplyPayload } from "../domain/message.js";

/**
 * A citizen's message as any channel hands it to the conversation service, once the channel has
 * checked its own envelope (a socket event, a WeChat XML push): validated, within the size limit,
 * not empty.
 */
export interface InboundMessage {
  channel: Channel;
  /** The channel's own name for the conversation: the id its token names on the web, the OpenID on WeChat. */
  key: string;
  text: string;
  /** The sender's idempotency key (the widget's message UUID, WeChat's MsgId): a resend is stored once. */
  clientId: string;
  quickReply?: QuickReplyPayload;
  /** The language the citizen chose on the channel (and the one a new conversation starts in). */
  locale: Locale;
}

/** What a channel does at the moments of a turn that only it can (the socket's acknowledgement, say). */
export interface TurnHooks {
  /** The message is stored, so it is safe to acknowledge: nothing acknowledged is lost. */
  stored?(message: MessageView): void;
  /** The message was sent before and already answered: the answer again, for the sender. */
  answeredBefore?(reply: MessageView): void;
  /** The bot's answer to this message, stored and delivered (not called when the bot stays quiet). */
  answered?(reply: MessageView): void;
  /** The answer is taking a while (shown to the sender), and then it is there. */
  typing?(typing: boolean): void;
}
