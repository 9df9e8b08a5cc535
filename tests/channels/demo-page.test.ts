import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
  server.cleanup();
});

describe("the demo page's own requests", () => {
  it("answers /favicon.ico (every browser asks for it) and /favicon.svg with an icon, not a 404", async () => {
    for (const path of ["/favicon.ico", "/favicon.svg"]) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toContain("image/svg+xml");
      expect(await response.text(), path).toContain("<svg");
    }
  });
});
