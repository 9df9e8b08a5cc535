import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

const dir = mkdtempSync(join(tmpdir(), "cfg-limits-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const load = (env: Record<string, string> = {}) => loadConfig({ DATA_DIR: dir, ...env }, dir);

describe("abuse limit settings", () => {
  it("has defaults a citizen never reaches, and no trusted proxy", () => {
    const { limits } = load();
    expect(limits.trustedProxies).toBeUndefined();
    expect(limits).toMatchObject({
      addressConnections: { limit: 120, windowMs: 60_000 },
      addressSockets: 50,
      addressConversations: { limit: 60, windowMs: 600_000 },
      conversationMessages: { limit: 20, windowMs: 10_000 },
      socketEvents: {
        locale: { limit: 10, windowMs: 60_000 },
        typing: { limit: 120, windowMs: 60_000 },
        feedback: { limit: 30, windowMs: 60_000 },
        survey: { limit: 5, windowMs: 60_000 },
        unknown: { limit: 3, windowMs: 60_000 },
        refused: { limit: 20, windowMs: 60_000 },
      },
    });
  });

  it("reads N/window rates, partial socket budgets and a proxy list", () => {
    const { limits } = load({
      LIMIT_ADDRESS_CONNECTIONS: "10/30s",
      LIMIT_CONVERSATION_MESSAGES: " 5 / 500ms ",
      LIMIT_ADDRESS_CONVERSATIONS: "100/1h",
      LIMIT_SOCKET_EVENTS: "unknown=1/10s, typing=30/1m",
      TRUSTED_PROXY: "10.0.0.0/8,loopback",
    });
    expect(limits.addressConnections).toEqual({ limit: 10, windowMs: 30_000 });
    expect(limits.conversationMessages).toEqual({ limit: 5, windowMs: 500 });
    expect(limits.addressConversations).toEqual({ limit: 100, windowMs: 3_600_000 });
    expect(limits.socketEvents.unknown).toEqual({ limit: 1, windowMs: 10_000 });
    expect(limits.socketEvents.typing).toEqual({ limit: 30, windowMs: 60_000 });
    expect(limits.socketEvents.locale).toEqual({ limit: 10, windowMs: 60_000 });
    expect(limits.trustedProxies?.trusts("10.2.3.4")).toBe(true);
    expect(limits.trustedProxies?.trusts("192.0.2.1")).toBe(false);
  });

  it("names a bad value", () => {
    expect(() => load({ LIMIT_ADDRESS_CONNECTIONS: "lots" })).toThrow(/LIMIT_ADDRESS_CONNECTIONS: must be "N\/window"/);
    expect(() => load({ LIMIT_CONVERSATION_MESSAGES: "0/1s" })).toThrow(ConfigError);
    expect(() => load({ LIMIT_CONVERSATION_MESSAGES: "5/10ms" })).toThrow(ConfigError);
    expect(() => load({ LIMIT_ADDRESS_SOCKETS: "0" })).toThrow(/LIMIT_ADDRESS_SOCKETS/);
    expect(() => load({ LIMIT_SOCKET_EVENTS: "teleport=1/1s" })).toThrow(/"teleport" is not one of/);
    expect(() => load({ LIMIT_SOCKET_EVENTS: "locale=often" })).toThrow(/LIMIT_SOCKET_EVENTS: locale: must be/);
    expect(() => load({ TRUSTED_PROXY: "nginx.internal" })).toThrow(/TRUSTED_PROXY: "nginx.internal" is not an IP address/);
  });
});
