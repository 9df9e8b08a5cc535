import { io, type Socket } from "socket.io-client";
import type {
  ChatMessageInput,
  ClientToServerEvents,
  ErrorView,
  HandoffStatusView,
  HandshakeAuth,
  Locale,
  MessageView,
  ServerToClientEvents,
} from "../../src/protocol/events";
import { safeStorage } from "./dom";

export type Session = Parameters<ServerToClientEvents["chat:session"]>[0];

/** How a send ended: stored by the server, refused with a reason, or unknown (re-send later). */
export type SendResult =
  | { status: "stored"; message: MessageView }
  | { status: "refused"; error: ErrorView }
  | { status: "lost" };

export interface ConnectionHandlers {
  session(session: Session): void;
  reply(message: MessageView): void;
  typing(typing: boolean, from: "bot" | "agent"): void;
  handoff(status: HandoffStatusView): void;
  error(error: ErrorView): void;
  /** Not connected (lost, or not reachable yet); socket.io or our own timer is retrying. */
  offline(): void;
  /** The stored conversation token was refused; a new conversation is being opened. */
  tokenRejected(): void;
}

export const TOKEN_KEY = "shebao-desk:token";
/** Storing a message is quick; past this the connection is presumed dead and the message re-sent. */
const ACK_TIMEOUT_MS = 15_000;
const MAX_RETRY_MS = 30_000;

/**
 * The socket to the desk: keeps the conversation token, opens a new conversation when the token
 * is refused, and retries handshakes the server refused for other reasons (e.g. a restart), which
 * socket.io does not retry by itself.
 */
export class Connection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly tokens = safeStorage("localStorage");
  private retryDelay = 1_000;
  private retryTimer: number | undefined;

  constructor(
    origin: string,
    private readonly locale: () => Locale,
    private readonly on: ConnectionHandlers,
  ) {
    this.socket = io(origin, {
      autoConnect: false,
      // WebSocket first: one connection to one instance, so several instances behind a proxy need
      // no sticky sessions. Long-polling only where WebSocket is blocked (see deploy/nginx.conf).
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      // A function, so every attempt reads the token afresh: after a refusal it goes without one.
      auth: (send) => send(this.handshake()),
    });
    this.listen();
  }

  get online(): boolean {
    return this.socket.connected;
  }

  /** Connects once; later calls do nothing. Lazy, so a page view alone opens no conversation. */
  start(): void {
    if (!this.socket.active && this.retryTimer === undefined) this.socket.connect();
  }

  async send(input: ChatMessageInput): Promise<SendResult> {
    // Never let socket.io buffer it while offline: the outbox re-sends after the next session.
    if (!this.socket.connected) return { status: "lost" };
    try {
      const result = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("chat:message", input);
      return result.ok
        ? { status: "stored", message: result.message }
        : { status: "refused", error: result.error };
    } catch {
      return { status: "lost" }; // timed out or disconnected before the ack
    }
  }

  /** Resolves to undefined when done, or the reason it was not. */
  async rate(messageId: string, rating: "up" | "down"): Promise<ErrorView | "offline" | undefined> {
    if (!this.socket.connected) return "offline";
    try {
      const result = await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("chat:feedback", { messageId, rating });
      return result.ok ? undefined : result.error;
    } catch {
      return "offline";
    }
  }

  async setLocale(locale: Locale): Promise<ErrorView | "offline" | undefined> {
    if (!this.socket.connected) return "offline";
    try {
      const result = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("chat:locale", { locale });
      return result.ok ? undefined : result.error;
    } catch {
      return "offline";
    }
  }

  async survey(input: {
    handoffId: string;
    rating: 1 | 2 | 3 | 4 | 5;
    comment?: string;
  }): Promise<ErrorView | "offline" | undefined> {
    if (!this.socket.connected) return "offline";
    try {
      const result = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("chat:survey", input);
      return result.ok ? undefined : result.error;
    } catch {
      return "offline";
    }
  }

  /** Fire and forget, and never buffered: a stale "typing" delivered after a reconnect means nothing. */
  typing(typing: boolean): void {
    if (this.socket.connected) this.socket.emit("chat:typing", { typing });
  }

  private handshake(): HandshakeAuth {
    const token = this.tokens.get(TOKEN_KEY);
    return token ? { token, locale: this.locale() } : { locale: this.locale() };
  }

  private listen(): void {
    const { socket, on } = this;
    socket.on("connect", () => {
      this.retryDelay = 1_000;
    });
    socket.on("chat:session", (session) => {
      if (session.token) this.tokens.set(TOKEN_KEY, session.token);
      on.session(session);
    });
    socket.on("chat:reply", (message) => on.reply(message));
    socket.on("chat:typing", (state) => on.typing(state.typing, state.from === "agent" ? "agent" : "bot"));
    socket.on("chat:handoff", (status) => on.handoff(status));
    socket.on("chat:error", (error) => on.error(error));
    socket.on("disconnect", (reason) => {
      on.offline();
      // A disconnect by the server is deliberate, and socket.io leaves it at that; we come back.
      if (reason === "io server disconnect") this.retryLater();
    });
    socket.on("connect_error", (error) => {
      on.offline();
      if (socket.active) return; // a network problem: socket.io is already retrying
      // Refused by the server's handshake check.
      const code = (error as Error & { data?: { code?: string } }).data?.code;
      const hadToken = this.tokens.get(TOKEN_KEY) !== null;
      if (hadToken && (code === "CHAT_BAD_TOKEN" || code === "CHAT_BAD_PAYLOAD")) {
        this.tokens.remove(TOKEN_KEY);
        on.tokenRejected();
        socket.connect();
        return;
      }
      this.retryLater();
    });
  }

  private retryLater(): void {
    if (this.retryTimer !== undefined) return;
    const delay = this.retryDelay * (0.75 + Math.random() * 0.5); // jitter: not every tab at once after a restart
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = undefined;
      this.socket.connect();
    }, delay);
  }
}
