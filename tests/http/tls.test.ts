import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { startTestServer, type TestServer } from "../testing/server.js";

let dir: string;
let certFile: string;
let keyFile: string;
let cert: Buffer;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "desk-tls-"));
  certFile = join(dir, "cert.pem");
  keyFile = join(dir, "key.pem");
  // A self-signed certificate for this test only, valid for localhost and 127.0.0.1.
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1"],
      ...["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", keyFile, "-out", certFile],
    ],
    { stdio: "ignore" },
  );
  cert = readFileSync(certFile);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("TLS settings", () => {
  const load = (env: Record<string, string>) => () =>
    loadConfig({ DATA_DIR: join(dir, "data"), ...env }, dir);

  it("reads the certificate and key, relative to the project root too, and turns HSTS on with them", () => {
    const config = loadConfig(
      { DATA_DIR: join(dir, "data"), TLS_CERT_FILE: "cert.pem", TLS_KEY_FILE: keyFile },
      dir,
    );
    expect(config.tls?.certFile).toBe(certFile);
    expect(config.tls?.cert.equals(cert)).toBe(true);
    expect(config.hsts).toBe(true);
    expect(
      loadConfig(
        { DATA_DIR: join(dir, "data"), TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, HSTS: "false" },
        dir,
      ).hsts,
    ).toBe(false);
  });

  it("serves plain http without them, with HSTS off unless HSTS=true", () => {
    expect(loadConfig({ DATA_DIR: join(dir, "data") }, dir)).toMatchObject({ hsts: false });
    expect(loadConfig({ DATA_DIR: join(dir, "data") }, dir).tls).toBeUndefined();
    expect(loadConfig({ DATA_DIR: join(dir, "data"), HSTS: "true" }, dir).hsts).toBe(true);
    expect(load({ HSTS: "yes" })).toThrow(/HSTS/);
  });

  it("stops the start with a clear ConfigError for a missing or unreadable file", () => {
    expect(load({ TLS_CERT_FILE: join(dir, "missing.pem"), TLS_KEY_FILE: keyFile })).toThrow(ConfigError);
    expect(load({ TLS_CERT_FILE: join(dir, "missing.pem"), TLS_KEY_FILE: keyFile })).toThrow(
      `TLS_CERT_FILE: cannot read ${join(dir, "missing.pem")} (ENOENT)`,
    );
    expect(load({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: dir })).toThrow(
      `TLS_KEY_FILE: cannot read ${dir} (EISDIR)`,
    );
  });

  it("wants both files or neither", () => {
    expect(load({ TLS_CERT_FILE: certFile })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE go together/);
    expect(load({ TLS_KEY_FILE: keyFile })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE go together/);
  });

  it("refuses files that are not a certificate and its key, without echoing the key", () => {
    const garbage = join(dir, "garbage.pem");
    writeFileSync(garbage, "not a pem file");
    expect(load({ TLS_CERT_FILE: garbage, TLS_KEY_FILE: keyFile })).toThrow(
      /are not a PEM certificate and its private key/,
    );
    // The certificate given as the key (swapped by mistake).
    let message = "";
    try {
      load({ TLS_CERT_FILE: certFile, TLS_KEY_FILE: certFile })();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/TLS_CERT_FILE \/ TLS_KEY_FILE/);
    expect(message).not.toContain("BEGIN");
  });
});

describe("the desk served over TLS", () => {
  let server: TestServer;
  let origin: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile } });
    origin = `https://127.0.0.1:${(server.app.http.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  /** GET over https trusting only the test's certificate; resolves to status, headers, body and TLS version. */
  function get(path: string, options: { maxVersion?: "TLSv1.2" | "TLSv1.3" } = {}) {
    return new Promise<{
      status: number;
      headers: Record<string, unknown>;
      body: string;
      protocol: string | null;
    }>((resolve, reject) => {
      const req = request(`${origin}${path}`, { ca: cert, ...options }, (res) => {
        const protocol = (res.socket as import("node:tls").TLSSocket).getProtocol();
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, protocol }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("answers https with TLS 1.3, and HSTS on every response", async () => {
    for (const path of ["/healthz", "/", "/widget.js", "/verify", "/console", "/no/such/page"]) {
      const response = await get(path);
      expect(response.protocol, path).toBe("TLSv1.3");
      expect(response.headers["strict-transport-security"], path).toBe("max-age=31536000");
      expect(response.headers["x-content-type-options"], path).toBe("nosniff");
    }
    expect((await get("/healthz")).body).toBe(JSON.stringify({ status: "ok" }));
  });

  it("still speaks TLS 1.2 to an older client", async () => {
    const response = await get("/healthz", { maxVersion: "TLSv1.2" });
    expect(response.status).toBe(200);
    expect(response.protocol).toBe("TLSv1.2");
  });

  it("refuses TLS 1.1 and older", async () => {
    const outcome = await new Promise<string>((resolve) => {
      const port = Number(new URL(origin).port);
      const socket = tlsConnect({
        host: "127.0.0.1",
        port,
        ca: cert,
        minVersion: "TLSv1",
        maxVersion: "TLSv1.1",
        ciphers: "DEFAULT:@SECLEVEL=0",
      });
      socket.once("secureConnect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.once("error", (error) => resolve(`refused: ${error.message}`));
    });
    expect(outcome).toMatch(/^refused/);
  });

  it("refuses a client that does not trust the certificate (it is really TLS, not a plain port)", async () => {
    await expect(
      new Promise((resolve, reject) => {
        request(`${origin}/healthz`, (res) => resolve(res.statusCode))
          .on("error", reject)
          .end();
      }),
    ).rejects.toThrow(/self[- ]signed/i);
  });

  it.each(["websocket", "polling"] as const)("carries the chat over %s (wss / https)", async (transport) => {
    const socket: Socket = io(origin, {
      transports: [transport],
      ca: cert.toString(),
      reconnection: false,
      forceNew: true,
      extraHeaders: { Origin: origin },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("chat:session", () => resolve());
        socket.once("connect_error", reject);
      });
      expect(socket.io.engine.transport.name).toBe(transport);
      const reply = new Promise<{ text: string }>((resolve) => socket.once("chat:reply", resolve));
      const ack = await socket.emitWithAck("chat:message", {
        clientId: crypto.randomUUID(),
        text: "社保卡丢了怎么挂失",
      });
      expect(ack.ok).toBe(true);
      expect((await reply).text).toContain("挂失");
    } finally {
      socket.close();
    }
  });
});
