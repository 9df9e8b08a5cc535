import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cspHash } from "../../src/http/browser-headers.js";
import { VERIFY_STYLE } from "../../src/certificates/verify-page.js";
import { ensureBuilt } from "../testing/browser.js";
import { projectRoot } from "../testing/nlu.js";
import { startTestServer, type TestServer } from "../testing/server.js";

type Headers = Record<string, string | undefined>;

/** Parses a CSP header into directive → sources. */
function csp(value: string | undefined): Record<string, string[]> {
  const directives: Record<string, string[]> = {};
  for (const part of (value ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name] = sources;
  }
  return directives;
}

let server: TestServer;
let consoleAsset: string;

beforeAll(async () => {
  await ensureBuilt("widget");
  await ensureBuilt("agent-console");
  consoleAsset = `/console/assets/${readdirSync(join(projectRoot, "agent-console", "dist", "assets")).find((f) => f.endsWith(".js"))}`;
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  server?.cleanup();
});

/** The same request through inject and over the real listening server: the headers must agree. */
async function both(
  method: "GET" | "POST",
  url: string,
  body?: unknown,
): Promise<{ status: number; headers: Headers }> {
  const injected = await server.app.http.inject({
    method,
    url,
    ...(body ? { payload: body as object } : {}),
  });
  const fetched = await fetch(`${server.url}${url}`, {
    method,
    ...(body ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
  await fetched.arrayBuffer();
  const headers: Headers = {};
  fetched.headers.forEach((value, name) => {
    headers[name] = value;
  });
  expect(fetched.status, url).toBe(injected.statusCode);
  for (const name of [
    "content-type",
    "x-content-type-options",
    "content-security-policy",
    "x-frame-options",
    "referrer-policy",
    "cross-origin-resource-policy",
    "cross-origin-opener-policy",
    "strict-transport-security",
  ]) {
    expect(headers[name], `${url} ${name}`).toBe(
      injected.headers[name] === undefined ? undefined : String(injected.headers[name]),
    );
  }
  return { status: fetched.status, headers };
}

describe("browser-facing headers per route", () => {
  it("the demo page: scripts from this origin only, inline styles for the widget's shadow stylesheet, framed only by this origin", async () => {
    const { status, headers } = await both("GET", "/");
    expect(status).toBe(200);
    expect(headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    const policy = csp(headers["content-security-policy"]);
    expect(policy["script-src"]).toEqual(["'self'"]);
    expect(policy["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy["connect-src"]).toEqual(["'self'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["base-uri"]).toEqual(["'none'"]);
    expect(policy["frame-ancestors"]).toEqual(["'self'"]);
    expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    expect(headers["strict-transport-security"]).toBeUndefined();
  });

  it("the demo page has no inline script (its CSP would block one)", async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/widget\.js"/);
      expect(body?.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it("/widget.js: a script with nosniff, loadable from any site, and no frame rule or CSP that could read as refusing embedding", async () => {
    const { status, headers } = await both("GET", "/widget.js");
    expect(status).toBe(200);
    expect(headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(headers["content-security-policy"]).toBeUndefined();
    expect(headers["x-frame-options"]).toBeUndefined();
  });

  it.each(["/console", "/console/"])("%s: only its own bundle, framed by nobody", async (url) => {
    const { status, headers } = await both("GET", url);
    expect(status).toBe(200);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    const policy = csp(headers["content-security-policy"]);
    expect(policy["script-src"]).toEqual(["'self'"]);
    expect(policy["style-src"]).toEqual(["'self'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("same-origin");
  });

  it("the console's own HTML has no inline script", async () => {
    const html = await (await fetch(`${server.url}/console`)).text();
    for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(attributes).toMatch(/\bsrc="\/console\/assets\//);
      expect(body?.trim()).toBe("");
    }
  });

  it.each(["/verify", "/verify?code=nonsense", "/verify?code=ABCD-1234-EFGH-5678"])(
    "%s: no script at all, its one stylesheet by hash, framed by nobody, no referrer",
    async (url) => {
      const { headers } = await both("GET", url);
      expect(headers["x-content-type-options"]).toBe("nosniff");
      const policy = csp(headers["content-security-policy"]);
      expect(policy["default-src"]).toEqual(["'none'"]);
      expect(policy["script-src"]).toBeUndefined();
      expect(policy["style-src"]).toEqual([cspHash(VERIFY_STYLE)]);
      expect(policy["frame-ancestors"]).toEqual(["'none'"]);
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["referrer-policy"]).toBe("no-referrer");
    },
  );

  it("the verify page's inline stylesheet is exactly the text its hash allows", async () => {
    const html = await (await fetch(`${server.url}/verify`)).text();
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? "");
    expect(styles).toEqual([VERIFY_STYLE]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\sstyle=/i);
  });

  it.each([
    ["GET", "/healthz", 200],
    ["GET", "/readyz", 200],
    ["POST", "/api/v1/ask", 200],
    ["POST", "/api/v1/staff/sign-in", 400],
    ["GET", "/no/such/page", 404],
    ["GET", "/favicon.ico", 200],
  ] as const)(
    "%s %s (JSON, an icon, a 404): nosniff, nothing may load or frame it",
    async (method, url, expected) => {
      const { status, headers } = await both(
        method,
        url,
        method === "POST" ? (url.includes("ask") ? { text: "养老金" } : {}) : undefined,
      );
      expect(status).toBe(expected);
      expect(headers["x-content-type-options"]).toBe("nosniff");
      const policy = csp(headers["content-security-policy"]);
      expect(policy["default-src"]).toEqual(["'none'"]);
      expect(policy["frame-ancestors"]).toEqual(["'none'"]);
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["referrer-policy"]).toBe("no-referrer");
      expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
    },
  );

  it("the console's hashed assets: nosniff and same-origin only", async () => {
    const { status, headers } = await both("GET", consoleAsset);
    expect(status).toBe(200);
    expect(headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
  });

  it("a certificate PDF link: nosniff and no referrer, and no CSP that could stop the browser's PDF viewer", async () => {
    const { status, headers } = await both("GET", "/certificates/SQ20250101000001.pdf?sig=wrong");
    expect(status).toBe(404);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["content-security-policy"]).toBeUndefined();
  });

  it("socket.io's own HTTP responses (long-polling) are nosniff too", async () => {
    const response = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("sends no HSTS over plain http unless HSTS=true (a proxy terminating TLS in front)", async () => {
    for (const url of ["/", "/widget.js", "/healthz", "/console", "/verify"]) {
      const response = await server.app.http.inject({ method: "GET", url });
      expect(response.headers["strict-transport-security"], url).toBeUndefined();
    }
    const behindProxy = await startTestServer({ env: { HSTS: "true" } });
    try {
      for (const url of ["/", "/widget.js", "/healthz", "/console", "/verify", "/nope"]) {
        const response = await fetch(`${behindProxy.url}${url}`);
        await response.arrayBuffer();
        expect(response.headers.get("strict-transport-security"), url).toBe("max-age=31536000");
      }
      const polling = await fetch(`${behindProxy.url}/socket.io/?EIO=4&transport=polling`);
      await polling.text();
      expect(polling.headers.get("strict-transport-security")).toBe("max-age=31536000");
    } finally {
      await behindProxy.stop();
      behindProxy.cleanup();
    }
  });
});
