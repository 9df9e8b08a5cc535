/**
 * The socket.io event maps shared by the server, the widget and (later) the agent console.
 * A renamed event or changed payload breaks the build instead of a citizen's chat.
 * Events are named `area:verb`.
 */

export type Locale = "zh" | "en";

/** Buttons inside a guided application: start it, confirm, edit, cancel, go back, answer yes/no. */
export type FlowCommand = "start" | "confirm" | "edit" | "cancel" | "back" | "yes" | "no" | "continue";

/** What a quick-reply button sends back when pressed. */
export type QuickReplyPayload =
  | { intent: string }
  | { action: "agent" }
  /** "No, something else" to a "did you mean…?": the bot asks the citizen to say it another way. */
  | { action: "rephrase" }
  /** While waiting for a person: leave the queue, or leave a message when nobody can answer now. */
  | { action: "handoff"; command: "cancel" | "leave_message" }
  | { action: "flow"; command: FlowCommand; flow?: string };

export interface QuickReplyView {
  label: string;
  payload: QuickReplyPayload;
}

export type MessageRole = "citizen" | "bot" | "agent" | "system";

/** A message as a citizen may see it: personal data masked. */
export interface MessageView {
  id: string;
  /** Order within the conversation, from 1. */
  seq: number;
  role: MessageRole;
  text: string;
  createdAt: string;
  /** The citizen's own id for a message they sent, echoed so the widget can match its pending bubble. */
  clientId?: string;
  quickReplies?: QuickReplyView[];
  /** Set on bot answers from an FAQ: the widget shows thumbs up/down on these. */
  faqId?: string;
  /** On a reply: the id of the citizen message it answers. */
  replyTo?: string;
  /** Downloads the reply offers (a certificate PDF): same-origin URLs for the widget to show as links. */
  links?: { label: string; url: string }[];
  feedback?: "up" | "down";
  /** Set on the closing message of a chat with an agent: the widget shows the 1-5 survey. */
  survey?: { handoffId: string };
  /** An agent's display name, on their messages. */
  agentName?: string;
  /**
   * On a guided application's question: the kind of answer it asks for (`bank_card`, `id_number`,
   * `mobile`, `person_name`, `date`, `region`, `enum`, `yes_no`, `application_number_or_id`), so
   * the widget can say what is safe to send at this step.
   */
  asking?: string;
}

/** Where the citizen's request for a person stands; pushed whenever it changes. */
export interface HandoffStatusView {
  handoffId: string;
  state: "queued" | "offered" | "connected" | "ended" | "cancelled" | "unavailable";
  /** 1 = next in line (queued/offered). */
  position?: number;
  /** Estimated seconds until an agent answers (queued/offered). */
  etaSec?: number;
  agentName?: string;
  /** When agents are back (ISO), when state is unavailable. */
  backAt?: string;
  /**
   * Queued while no agent is online (within service hours): the first agent to come online gets
   * the chat. No estimate is given then.
   */
  waitingForAgents?: boolean;
}

export interface ErrorView {
  /** Stable code to branch on, e.g. CHAT_TEXT_TOO_LONG, CHAT_RATE_LIMITED, CHAT_BAD_PAYLOAD. */
  code: string;
  message: string;
}

export type Ack<T> = (result: ({ ok: true } & T) | { ok: false; error: ErrorView }) => void;

/** Sent in the socket.io handshake: `io(url, { auth })`. */
export interface HandshakeAuth {
  /** The signed conversation token from an earlier `chat:session`; omit to start a new conversation. */
  token?: string;
  locale?: Locale;
}

export interface ChatMessageInput {
  /** Unique per message on the citizen's side (a UUID): a retried send is stored once. */
  clientId: string;
  /** What the citizen typed, or the label of the button they pressed. At most 2,000 characters. */
  text: string;
  /** Present when a quick-reply button was pressed. */
  quickReply?: QuickReplyPayload;
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
