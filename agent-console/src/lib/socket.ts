import { createContext, useContext } from "react";
import { io, type Socket } from "socket.io-client";
import type { AgentClientToServer, AgentServerToClient, ErrorView, Locale } from "./protocol";

export type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;

/** What the console sends in the `/agent` handshake. */
export interface AgentHandshakeAuth {
  token: string;
  locale: Locale;
  /** The presence the agent last chose on this device; the server starts the agent in it. */
  presence?: "online" | "away";
}

/** Storing or looking something up is quick; past this the answer is taken as lost. */
export const ACK_TIMEOUT_MS = 15_000;

/** Codes the console makes up itself (translated in lib/i18n.ts like the server's). */
export const LOCAL_ERRORS = {
  timeout: "CONSOLE_TIMEOUT",
  badResponse: "CONSOLE_BAD_RESPONSE",
} as const;

/**
 * Opens nothing yet: the caller wires its listeners, then calls `connect()`. The auth is a
 * function, so every reconnection reads the current token, language and chosen presence.
 */
export function createAgentSocket(auth: () => AgentHandshakeAuth): AgentSocket {
  return io("/agent", {
    autoConnect: false,
    // WebSocket first: one connection to one instance, so several instances behind a proxy need
    // no sticky sessions. Long-polling only where WebSocket is blocked (see deploy/nginx.conf).
    transports: ["websocket", "polling"],
    tryAllTransports: true,
    auth: (send) => send({ ...auth() }),
  });
}

/** The `{code, message}` a refused handshake carries in `connect_error`'s `err.data`, if any. */
export function handshakeError(error: Error): ErrorView | undefined {
  const data = (error as Error & { data?: unknown }).data;
  if (typeof data !== "object" || data === null) return undefined;
  const { code, message } = data as { code?: unknown; message?: unknown };
  return typeof code === "string" ? { code, message: typeof message === "string" ? message : "" } : undefined;
}

type ClientEvent = keyof AgentClientToServer;
export type RequestInput<E extends ClientEvent> = Parameters<AgentClientToServer[E]>[0];
/** What the server acks for `E`: `{ok: true, ...}` or `{ok: false, error}`. */
export type RequestResult<E extends ClientEvent> = Parameters<
  NonNullable<Parameters<AgentClientToServer[E]>[1]>
>[0];

interface LooseEmitter {
  emitWithAck(event: string, input: unknown): Promise<unknown>;
}

/**
 * Sends one client event and waits for its ack. Never rejects: a timeout (no connection, or the
 * server never answered) and a malformed ack come back as `{ok:false}` with a console code, so
 * every caller handles one shape.
 */
export async function request<E extends ClientEvent>(
  socket: AgentSocket,
  event: E,
  input: RequestInput<E>,
  timeoutMs = ACK_TIMEOUT_MS,
): Promise<RequestResult<E>> {
  let result: unknown;
  try {
    result = await (socket.timeout(timeoutMs) as unknown as LooseEmitter).emitWithAck(event, input);
  } catch {
    return {
      ok: false,
      error: { code: LOCAL_ERRORS.timeout, message: "No answer from the server." },
    } as RequestResult<E>;
  }
  if (typeof result !== "object" || result === null || typeof (result as { ok?: unknown }).ok !== "boolean") {
    return {
      ok: false,
      error: { code: LOCAL_ERRORS.badResponse, message: "The server's answer could not be read." },
    } as RequestResult<E>;
  }
  return result as RequestResult<E>;
}

export const SocketContext = createContext<AgentSocket | null>(null);

/** The signed-in agent's socket; only under the console's SocketContext. */
export function useAgentSocket(): AgentSocket {
  const socket = useContext(SocketContext);
  if (!socket) throw new Error("useAgentSocket outside SocketContext");
  return socket;
}
