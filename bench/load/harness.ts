// What the socket load benches share (npm run bench:load, npm run bench:publish:load): the server in
// a process of its own, a fleet of real socket.io clients, and an open-loop sender.
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../src/protocol/events.js";

export type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A message to or from bench/load/server.ts: the answer to a request has the request's type. */
export type ServerMessage = { type: string } & Record<string, unknown>;

export interface BenchServer {
  url: string;
  /** Sends `message` and resolves with the server's answer of the same type. */
  request<T>(message: ServerMessage): Promise<T>;
  /** Sends `message`, expecting no answer. */
  send(message: ServerMessage): void;
  /** Stops the server (it closes the app) and waits for its process to end. */
  stop(): Promise<void>;
}

/**
 * Starts bench/load/server.ts (diag-server.ts with `diag`) on a random port in a process of its
 * own, so the load generator does not share its event loop, and resolves once it serves. The
 * flood guard per connection and the abuse limits per address and conversation are lifted: the
 * benches measure throughput, and every client comes from this one address. `env` comes last.
 */
export async function forkServer(options: {
  dataDir: string;
  modelsDir: string;
  env?: Record<string, string>;
  execArgv?: string[];
  diag?: boolean;
}): Promise<BenchServer> {
  const child: ChildProcess = fork(join(import.meta.dirname, options.diag ? "diag-server.ts" : "server.ts"), [], {
    execArgv: ["--import", "tsx", ...(options.execArgv ?? [])],
    env: {
      ...process.env,
      DATA_DIR: options.dataDir,
      MODELS_DIR: options.modelsDir,
      PORT: "0",
      LOG_LEVEL: "silent",
      CHAT_RATE_LIMIT: "1000",
      CHAT_RATE_WINDOW_MS: "100",
      LIMIT_ADDRESS_SOCKETS: "1000000",
      LIMIT_ADDRESS_CONNECTIONS: "1000000/1s",
      LIMIT_ADDRESS_CONVERSATIONS: "1000000/1s",
      LIMIT_CONVERSATION_MESSAGES: "1000000/1s",
      ...options.env,
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const on = (m: ServerMessage) => {
        if (m.type !== type) return;
        child.off("message", on);
        child.off("exit", exited);
        resolve(m as T);
      };
      const exited = (code: number | null) => reject(new Error(`the bench server exited (${code}) before its '${type}'`));
      child.on("message", on);
      child.once("exit", exited);
    });
  const { url } = await next<{ url: string }>("ready");
  return {
    url,
    request: <T>(message: ServerMessage) => {
      const answer = next<T>(message.type);
      child.send(message);
      return answer;
    },
    send: (message) => child.send(message),
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.send({ type: "stop" });
      await exited;
    },
  };
}

/**
 * Connects `count` socket.io clients as the widget does (websocket, no reconnection) to `url` (or
 * client i to `url(i)`: several instances behind the bench's own round-robin), `wire`
 * attaching each one's handlers before it connects, and resolves once every one has its
 * conversation (chat:session). Opened a hundred at a time, 20 ms apart, as a crowd arrives
 * rather than in one burst. Rejects on a refused connection.
 */
export async function connectClients(
  url: string | ((i: number) => string),
  count: number,
  wire: (socket: BenchSocket, i: number) => void,
): Promise<BenchSocket[]> {
  const sockets: BenchSocket[] = [];
  const sessions: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const s: BenchSocket = io(typeof url === "string" ? url : url(i), { transports: ["websocket"], reconnection: false, forceNew: true });
    sessions.push(
      new Promise((resolve, reject) => {
        s.once("chat:session", resolve);
        s.once("connect_error", reject);
      }),
    );
    wire(s, i);
    sockets.push(s);
    if (i % 100 === 99) await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all(sessions);
  return sockets;
}

/**
 * Open loop: calls `send(i, at)` for i = 0, 1, 2… at `rate` a second from `start`, each at its
 * scheduled time `at` (or as soon as this loop gets to it, late sends keeping their scheduled
 * time, so latency counted from `at` shows a queue the server or the generator built), while
 * `more(i)` holds. Resolves when it no longer does.
 */
export function atSteadyRate(rate: number, start: number, send: (i: number, at: number) => void, more: (i: number) => boolean): Promise<void> {
  let i = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (more(i) && start + (i * 1000) / rate <= now) {
        send(i, start + (i * 1000) / rate);
        i++;
      }
      if (!more(i)) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
}
