import Fastify, { type FastifyInstance } from "fastify";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from "../protocol/events.js";
import { browserHeaders, socketHeaders } from "./browser-headers.js";
import { allowSocketRequest } from "./socket-origin.js";

export type SocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface ServersConfig {
  logLevel: string;
  /** Other sites allowed to embed the widget: CORS for their requests, and their Origin on the socket. */
  corsOrigins: string[];
  /** The desk's public address; its origin counts as the desk's own. */
  publicUrl?: string;
  /** Send Strict-Transport-Security. */
  hsts?: boolean;
}

/**
 * The HTTP server and the socket.io server on it, with the limits every route and event shares:
 * 64 KB bodies and frames, request logs that keep the path only (query strings carry capabilities:
 * a certificate link's signature, a verification code), CORS for the configured origins, the
 * socket's Origin check (socket-origin.ts), and the browser-facing headers on every response
 * (browser-headers.ts).
 */
export function createServers(
  config: ServersConfig,
  options: { logStream?: NodeJS.WritableStream } = {},
): { http: FastifyInstance; io: SocketServer } {
  const http = Fastify({
    logger:
      config.logLevel === "silent"
        ? false
        : {
            level: config.logLevel,
            ...(options.logStream ? { stream: options.logStream } : {}),
            serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split("?")[0] }) },
          },
    bodyLimit: 64 * 1024,
  });
  const hsts = config.hsts ?? false;
  http.addHook("onSend", browserHeaders({ hsts }));

  const io: SocketServer = new Server(http.server, {
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    allowRequest: allowSocketRequest(config),
    ...(config.corsOrigins.length > 0 ? { cors: { origin: config.corsOrigins } } : {}),
  });
  io.engine.on("headers", socketHeaders({ hsts }));
  return { http, io };
}
