import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { errorHandler } from "../../src/http/errors.js";
import { healthPlugin } from "../../src/http/health.js";

describe("health and readiness", () => {
  it("says ok while the process answers, ready or not ready with the model and knowledge version", async () => {
    let ready = true;
    const http = Fastify();
    http.setErrorHandler(errorHandler());
    let model = "abc123";
    let version = 1;
    await http.register(healthPlugin, { ready: async () => ready, store: "sqlite", knowledge: () => ({ model, version }) });
    expect((await http.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    const yes = await http.inject({ url: "/readyz" });
    expect(yes.statusCode).toBe(200);
    expect(yes.json()).toEqual({ status: "ready", store: "sqlite", model: "abc123", version: 1 });
    ready = false;
    const no = await http.inject({ url: "/readyz" });
    expect(no.statusCode).toBe(503);
    expect(no.json()).toEqual({ status: "not ready", store: "sqlite", model: "abc123", version: 1 });
    // A published model shows at once.
    model = "def456";
    version = 2;
    expect((await http.inject({ url: "/readyz" })).json()).toMatchObject({ model: "def456", version: 2 });
    expect((await http.inject({ url: "/healthz" })).statusCode).toBe(200);
    await http.close();
  });
});
