import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_NOT_BUILT, consolePlugin } from "../../src/console/plugin.js";

const SECRET = "do-not-serve-this";

describe("agent console static pages", () => {
  let temp: string;
  let http: FastifyInstance;
  let missing: FastifyInstance;

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), "console-static-"));
    const dist = join(temp, "dist");
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(
      join(dist, "index.html"),
      '<!doctype html><script type="module" src="/console/assets/index-abc123.js"></script>',
    );
    writeFileSync(join(dist, "assets", "index-abc123.js"), "console.log('console')");
    writeFileSync(join(dist, "assets", "index-abc123.css"), "body{color:red}");
    writeFileSync(join(temp, "secret.txt"), SECRET);
    writeFileSync(join(dist, "secret.txt"), SECRET);
    symlinkSync(join(temp, "secret.txt"), join(dist, "assets", "link.txt"));

    http = Fastify();
    await http.register(consolePlugin, { dir: dist });
    await http.ready();
    missing = Fastify();
    await missing.register(consolePlugin, { dir: join(temp, "not-built") });
    await missing.ready();
  });

  afterAll(async () => {
    await http.close();
    await missing.close();
    rmSync(temp, { recursive: true, force: true });
  });

  it.each(["/console", "/console/"])("serves index.html at %s, revalidated on every load", async (url) => {
    const response = await http.inject({ method: "GET", url });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers["cache-control"]).toBe("no-cache");
    expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(response.body).toContain("/console/assets/index-abc123.js");
  });

  it("serves hashed assets with their type and a long cache", async () => {
    const js = await http.inject({ method: "GET", url: "/console/assets/index-abc123.js" });
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-type"]).toBe("application/javascript; charset=utf-8");
    expect(js.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(js.headers["x-content-type-options"]).toBe("nosniff");
    expect(js.body).toBe("console.log('console')");

    const css = await http.inject({ method: "GET", url: "/console/assets/index-abc123.css" });
    expect(css.statusCode).toBe(200);
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
  });

  it("answers 404 for an asset that is not there", async () => {
    const response = await http.inject({ method: "GET", url: "/console/assets/nope-123.js" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: "CONSOLE_ASSET_NOT_FOUND" });
  });

  it.each([
    "/console/assets/../secret.txt",
    "/console/assets/../../secret.txt",
    "/console/assets/..%2fsecret.txt",
    "/console/assets/..%2f..%2fsecret.txt",
    "/console/assets/%2e%2e/%2e%2e/secret.txt",
    "/console/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/console/assets/..%5csecret.txt",
    "/console/assets/%2fetc%2fpasswd",
    "/console/assets/index-abc123.js%00.txt",
    "/console/assets/link.txt",
  ])("refuses to leave assets/: %s", async (url) => {
    const response = await http.inject({ method: "GET", url });
    expect([400, 404]).toContain(response.statusCode);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain("root:");
  });

  it("says how to build the console when dist is missing", async () => {
    for (const url of ["/console", "/console/", "/console/assets/index-abc123.js"]) {
      const response = await missing.inject({ method: "GET", url });
      expect(response.statusCode).toBe(503);
      expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(response.body).toBe(CONSOLE_NOT_BUILT);
    }
  });
});
