import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { Waiters } from "./waiters.js";
import type {
  ChatMessageInput,
  ClientToServerEvents,
  ErrorView,
  HandoffStatusView,
  HandshakeAuth,
  MessageView,
  ServerToClientEvents,
} from "../../src/protocol/events.js";

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Session = Parameters<ServerToClientEvents["chat:session"]>[0];

/** A real socket.io client, as the widget uses, that records what the server sends. */
export class ChatClient {
  readonly replies: MessageView[] = [];
  readonly errors: ErrorView[] = [];
  readonly typing: boolean[] = [];
  /** Typing notices with who is typing (bot or agent). */
  readonly typingFrom: { typing: boolean; from?: "bot" | "agent" }[] = [];
  /** Where the request for a person stands, each update in order. */
  readonly handoff: HandoffStatusView[] = [];
  private readonly waiters = new Waiters();

  private constructor(
    readonly socket: ChatSocket,
    readonly session: Session,
  ) {
    socket.on("chat:reply", (m) => this.push(() => this.replies.push(m)));
    socket.on("chat:error", (e) => this.push(() => this.errors.push(e)));
    socket.on("chat:typing", (t) =>
      this.push(() => {
        this.typing.push(t.typing);
        this.typingFrom.push(t);
      }),
    );
    socket.on("chat:handoff", (h) => this.push(() => this.handoff.push(h)));
  }

  private push(record: () => void) {
    record();
    this.waiters.notify();
  }

  /** Connects and waits for `chat:session`; rejects with the server's error for a refused handshake. */
  static connect(url: string, auth: HandshakeAuth = {}): Promise<ChatClient> {
    const socket: ChatSocket = io(url, { auth, transports: ["websocket"], reconnection: false, forceNew: true });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no chat:session within 5 s")), 5000);
      socket.once("chat:session", (session) => {
        clearTimeout(timer);
        resolve(new ChatClient(socket, session));
      });
      socket.once("connect_error", (error) => {
        clearTimeout(timer);
        socket.close();
        reject(Object.assign(error, { data: (error as Error & { data?: unknown }).data }));
      });
    });
  }

  /** Sends a message and resolves with the ack (stored message or error). */
  send(text: string, extra: Partial<ChatMessageInput> = {}) {
    return new Promise<{ ok: true; message: MessageView } | { ok: false; error: ErrorView }>((resolve) =>
      this.socket.emit("chat:message", { clientId: randomUUID(), text, ...extra }, resolve),
    );
  }

  /** Waits until `predicate` holds over what has been received. */
  until(predicate: () => boolean, ms = 5000): Promise<void> {
    return this.waiters.until(predicate, ms);
  }

  /** Sends and waits for the bot's reply to this message. */
  async ask(text: string, extra: Partial<ChatMessageInput> = {}): Promise<MessageView> {
    const before = this.replies.length;
    const ack = await this.send(text, extra);
    if (!ack.ok) throw new Error(`refused: ${ack.error.code}`);
    await this.until(() => this.replies.length > before);
    return this.replies[before] as MessageView;
  }

  close() {
    this.socket.close();
  }
}
