import { randomUUID } from "node:crypto";
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
  /** PEM certificate and key: serve https (and socket.io over it) instead of http. */
  tls?: { cert: Buffer; key: Buffer };
  /** Send Strict-Transport-Security (on by default with `tls`, see config.ts). */
  hsts?: boolean;
  /** Whose X-Forwarded-For a request's address (`request.ip`: staff sign-in limits, the audit log) is taken from. */
  trustedProxies?: { trusts(address: string): boolean };
}

/**
 * The HTTP server and the socket.io server on it, with the limits every route and event shares:
 * 64 KB bodies and frames, request logs that keep the path only (query strings carry capabilities:
 * a certificate link's signature, a verification code), CORS for the configured origins, the
 * socket's Origin check (socket-origin.ts), the browser-facing headers on every response
 * (browser-headers.ts), and https from the configured certificate (TLS 1.2 at least; 1.3 is
 * chosen whenever the browser offers it).
 */
export function createServers(
  config: ServersConfig,
  options: { logStream?: NodeJS.WritableStream } = {},
): { http: FastifyInstance; io: SocketServer } {
  const fastifyOptions = {
    logger:
      config.logLevel === "silent"
        ? false
        : {
            level: config.logLevel,
            ...(options.logStream ? { stream: options.logStream } : {}),
            serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split("?")[0] }) },
          },
    bodyLimit: 64 * 1024,
    // Every line a request logs carries its id (`reqId`), unique across instances; the client gets
    // it back as X-Request-Id, so a citizen's or agent's report can be matched to the logs.
    genReqId: () => randomUUID(),
    // Only a configured proxy may say who the client is; without one, the connection's own address.
    ...(config.trustedProxies ? { trustProxy: (address: string) => config.trustedProxies?.trusts(address) ?? false } : {}),
  };
  // Over TLS only the raw server's type differs (https.Server): routes, hooks and listen are the same.
  const http = (
    config.tls
      ? Fastify({ ...fastifyOptions, https: { cert: config.tls.cert, key: config.tls.key, minVersion: "TLSv1.2" } })
      : Fastify(fastifyOptions)
  ) as unknown as FastifyInstance;
  const hsts = config.hsts ?? config.tls !== undefined;
  http.addHook("onSend", browserHeaders({ hsts }));
  http.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  const io: SocketServer = new Server(http.server, {
    maxHttpBufferSize: 64 * 1024,
    serveClient: false,
    allowRequest: allowSocketRequest(config),
    ...(config.corsOrigins.length > 0 ? { cors: { origin: config.corsOrigins } } : {}),
  });
  io.engine.on("headers", socketHeaders({ hsts }));
  return { http, io };
}
