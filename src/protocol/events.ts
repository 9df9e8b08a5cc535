/**
 * The socket.io event maps shared by the server, the widget and (later) the agent console.
 * A renamed event or changed payload breaks the build instead of a citizen's chat.
 * Events are named `area:verb`.
 */
import type { ErrorView } from "../domain/coded-error.js";
import type { HandoffStatusView } from "../domain/handoff-status.js";
import type { Locale } from "../domain/locale.js";
import type { ChatMessageInput, FlowCommand, MessageRole, MessageView, QuickReplyPayload, QuickReplyView } from "../domain/message.js";

// The shapes the events carry live in src/domain/ (storage, dialog and the desk use them too);
// they are re-exported here so the widget and the console import one file.
export type { ChatMessageInput, ErrorView, FlowCommand, HandoffStatusView, Locale, MessageRole, MessageView, QuickReplyPayload, QuickReplyView };

export type Ack<T> = (result: ({ ok: true } & T) | { ok: false; error: ErrorView }) => void;

/** Sent in the socket.io handshake: `io(url, { auth })`. */
export interface HandshakeAuth {
  /** The signed conversation token from an earlier `chat:session`; omit to start a new conversation. */
  token?: string;
  locale?: Locale;
}

export interface ClientToServerEvents {
  "chat:message": (input: ChatMessageInput, ack: Ack<{ message: MessageView }>) => void;
  "chat:feedback": (input: { messageId: string; rating: "up" | "down" }, ack: Ack<object>) => void;
  "chat:locale": (input: { locale: Locale }, ack: Ack<object>) => void;
  /** The citizen is typing (shown to the agent while a person handles the chat). */
  "chat:typing": (input: { typing: boolean }) => void;
  /** The satisfaction survey after an agent closed the chat. */
  "chat:survey": (input: { handoffId: string; rating: 1 | 2 | 3 | 4 | 5; comment?: string }, ack: Ack<object>) => void;
}

export interface ServerToClientEvents {
  /** On every connection: the token to keep (localStorage) and the conversation so far. */
  "chat:session": (session: {
    token: string;
    conversationId: string;
    locale: Locale;
    resumed: boolean;
    messages: MessageView[];
    /** The service's time zone (IANA, e.g. Asia/Shanghai): times shown to the citizen are in it. */
    timeZone: string;
  }) => void;
  "chat:typing": (state: { typing: boolean; from?: "bot" | "agent" }) => void;
  /** The request for a person: position in the queue, estimated wait, who answers. */
  "chat:handoff": (status: HandoffStatusView) => void;
  /** A reply from the bot or an agent. */
  "chat:reply": (message: MessageView) => void;
  /** A problem with something the client sent; nothing was stored. */
  "chat:error": (error: ErrorView) => void;
}

/** Data the server keeps on each socket. */
export interface SocketData {
  conversationId: string;
  locale: Locale;
}
