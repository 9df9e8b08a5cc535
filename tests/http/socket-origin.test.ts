import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { socketOriginAllowed } from "../../src/http/socket-origin.js";
import { createAgent, signIn } from "../testing/agent-client.js";
import { startTestServer, type TestServer } from "../testing/server.js";

const LISTED = "https://bureau.example.gov.cn";

describe("the socket's Origin rule", () => {
  const allowed = socketOriginAllowed({
    corsOrigins: [LISTED, "http://127.0.0.1:8080"],
    publicUrl: "https://desk.example/",
  });

  it("lets in clients without an Origin (not a browser page: tests, the load bench)", () => {
    expect(allowed(undefined, "desk.example")).toBe(true);
    expect(allowed(undefined, undefined)).toBe(true);
  });

  it("lets in the desk's own pages: the Origin names the host the request went to, whatever the scheme", () => {
    expect(allowed("http://127.0.0.1:3000", "127.0.0.1:3000")).toBe(true);
    expect(allowed("https://desk.internal", "desk.internal")).toBe(true);
    expect(allowed("https://desk.internal", "DESK.internal:443")).toBe(true);
    // A proxy terminating TLS forwards the https page's request as http with the same Host.
    expect(allowed("https://desk.internal", "desk.internal")).toBe(true);
    // PUBLIC_URL is the desk's own even when the proxy rewrites Host.
    expect(allowed("https://desk.example", "127.0.0.1:3000")).toBe(true);
  });

  it("lets in other sites only when listed, by exact origin", () => {
    expect(allowed(LISTED, "desk.example")).toBe(true);
    expect(allowed("http://127.0.0.1:8080", "127.0.0.1:3000")).toBe(true);
    expect(allowed("http://bureau.example.gov.cn", "desk.example")).toBe(false);
    expect(allowed("https://evil.bureau.example.gov.cn", "desk.example")).toBe(false);
    expect(allowed("http://127.0.0.1:8081", "127.0.0.1:3000")).toBe(false);
    expect(allowed("https://attacker.example", "desk.example")).toBe(false);
  });

  it("refuses opaque and malformed origins", () => {
    expect(allowed("null", "desk.example")).toBe(false);
    expect(allowed("file://", "desk.example")).toBe(false);
    expect(allowed("chrome-extension://abc", "abc")).toBe(false);
    expect(allowed("not a url", "desk.example")).toBe(false);
    expect(allowed("http://127.0.0.1:3000", undefined)).toBe(false);
  });
});

describe("the real socket.io server checks Origin on the handshake", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { CORS_ORIGINS: LISTED } });
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  /** Opens a citizen socket with the given Origin; resolves to the session or the refusal's message. */
  function connect(
    origin: string | undefined,
    transport: "websocket" | "polling",
    namespace = "/",
    auth: Record<string, string> = {},
  ) {
    const socket: Socket = io(`${server.url}${namespace}`, {
      auth,
      transports: [transport],
      reconnection: false,
      forceNew: true,
      ...(origin ? { extraHeaders: { Origin: origin } } : {}),
    });
    return new Promise<{ ok: true; socket: Socket } | { ok: false; error: Error & { context?: unknown } }>(
      (resolve) => {
        socket.once(namespace === "/" ? "chat:session" : "connect", () => resolve({ ok: true, socket }));
        socket.once("connect_error", (error) => {
          socket.close();
          resolve({ ok: false, error });
        });
      },
    );
  }

  it.each(["websocket", "polling"] as const)(
    "over %s: a listed origin, the desk's own and no origin connect",
    async (transport) => {
      const own = new URL(server.url).origin;
      for (const origin of [LISTED, own, undefined]) {
        const result = await connect(origin, transport);
        expect(result.ok, `${origin}`).toBe(true);
        if (result.ok) {
          const ack = await result.socket.emitWithAck("chat:message", {
            clientId: crypto.randomUUID(),
            text: "你好",
          });
          expect(ack.ok).toBe(true);
          result.socket.close();
        }
      }
    },
  );

  it.each(["websocket", "polling"] as const)(
    "over %s: an unlisted site is refused at the handshake",
    async (transport) => {
      for (const origin of ["https://attacker.example", "http://bureau.example.gov.cn", "null"]) {
        const result = await connect(origin, transport);
        expect(result.ok, origin).toBe(false);
      }
    },
  );

  it("applies to the agents' namespace too: a valid staff token from an unlisted site is refused", async () => {
    const account = await createAgent(server.app, "origin.agent");
    const { body } = await signIn(server.url, account.username, account.password);
    const token = String(body.token);
    const refused = await connect("https://attacker.example", "websocket", "/agent", { token });
    expect(refused.ok).toBe(false);
    const own = await connect(new URL(server.url).origin, "websocket", "/agent", { token });
    expect(own.ok).toBe(true);
    if (own.ok) own.socket.close();
  });

  it("answers a refused long-polling handshake 403 with socket.io's Forbidden code, and lists CORS only for listed origins", async () => {
    const refused = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { Origin: "https://attacker.example" },
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ code: 4, message: "origin not allowed" });
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();

    const listed = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { Origin: LISTED },
    });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("access-control-allow-origin")).toBe(LISTED);
    await listed.text();
  });
});
