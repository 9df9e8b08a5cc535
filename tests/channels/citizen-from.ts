import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { Waiters } from "../../bench/lib/waiters.js";
import type { ClientToServerEvents, ErrorView, HandshakeAuth, MessageView, ServerToClientEvents } from "../../src/protocol/events.js";

type Session = Parameters<ServerToClientEvents["chat:session"]>[0];
export type Ack = { ok: true; message: MessageView } | { ok: false; error: ErrorView };

/**
 * A real socket.io citizen that can say where it comes from: `address` goes out as the
 * X-Forwarded-For a reverse proxy would add (believed only when the server trusts the proxy, here
 * the loopback address the test connects from).
 */
export class Citizen {
  readonly replies: MessageView[] = [];
  readonly errors: ErrorView[] = [];
  disconnectedBy?: string;
  private readonly waiters = new Waiters();

  private constructor(
    readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>,
    readonly session: Session,
  ) {
    socket.on("chat:reply", (m) => this.record(() => this.replies.push(m)));
    socket.on("chat:error", (e) => this.record(() => this.errors.push(e)));
    socket.on("disconnect", (reason) => this.record(() => (this.disconnectedBy = reason)));
  }

  private record(change: () => void) {
    change();
    this.waiters.notify();
  }

  /** Connects and waits for `chat:session`; rejects with the refusal (its `data.code`) otherwise. */
  static connect(url: string, options: HandshakeAuth & { address?: string } = {}): Promise<Citizen> {
    const { address, ...auth } = options;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      auth,
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      ...(address ? { extraHeaders: { "X-Forwarded-For": address } } : {}),
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no chat:session within 10 s")), 10_000);
      socket.once("chat:session", (session) => {
        clearTimeout(timer);
        resolve(new Citizen(socket, session));
      });
      socket.once("connect_error", (error) => {
        clearTimeout(timer);
        socket.close();
        reject(Object.assign(error, { data: (error as Error & { data?: unknown }).data }));
      });
    });
  }

  /** The code a handshake is refused with, or "accepted" (and the citizen is kept in `into`). */
  static async attempt(url: string, options: HandshakeAuth & { address?: string } = {}, into?: Citizen[]): Promise<string> {
    try {
      const c = await Citizen.connect(url, options);
      if (into) into.push(c);
      else c.close();
      return "accepted";
    } catch (error) {
      return (error as { data?: { code?: string } }).data?.code ?? String(error);
    }
  }

  send(text: string, clientId: string = randomUUID()): Promise<Ack> {
    return new Promise((resolve) => this.socket.emit("chat:message", { clientId, text }, resolve));
  }

  /** Any event, known or not, with an ack that resolves with whatever the server answers. */
  call(event: string, payload: unknown): Promise<{ ok: boolean; error?: ErrorView }> {
    return new Promise((resolve) => (this.socket.emit as (e: string, p: unknown, a: unknown) => void)(event, payload, resolve));
  }

  /** Any event without an ack. */
  fire(event: string, payload: unknown): void {
    (this.socket.emit as (e: string, p: unknown) => void)(event, payload);
  }

  until(predicate: () => boolean, ms = 10_000): Promise<void> {
    return this.waiters.until(predicate, ms);
  }

  /** Sends and waits for the reply to this message. */
  async ask(text: string): Promise<MessageView> {
    const ack = await this.send(text);
    if (!ack.ok) throw new Error(`refused: ${ack.error.code}`);
    await this.until(() => this.replies.some((r) => r.replyTo === ack.message.id));
    return this.replies.find((r) => r.replyTo === ack.message.id) as MessageView;
  }

  close(): void {
    this.socket.close();
  }
}
