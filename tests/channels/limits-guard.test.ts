import { describe, expect, it } from "vitest";
import { ChatLimits } from "../../src/channels/web/guard.js";
import { loadConfig } from "../../src/config.js";
import { InProcessLimitStore } from "../../src/security/rate-limit.js";
import { projectRoot } from "../testing/nlu.js";

const limitsWith = (env: Record<string, string>) => loadConfig({ DATA_DIR: "/tmp/unused", SESSION_SECRET: "s".repeat(40), FIELD_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"), ...env }, projectRoot).limits;

describe("the citizen socket's limits beyond one socket", () => {
  it("says when X-Forwarded-For is not believed, so a proxy left out of TRUSTED_PROXY shows in the log", () => {
    const forwarded = { address: "::ffff:10.0.0.7", headers: { "x-forwarded-for": "198.51.100.1" } };
    const plain = { address: "198.51.100.1", headers: {} };
    const off = new ChatLimits(new InProcessLimitStore(), limitsWith({}));
    expect(off.ignoresForwardedFor(forwarded)).toBe(true);
    expect(off.ignoresForwardedFor(plain)).toBe(false);
    expect(off.addressOf(forwarded)).toBe("10.0.0.7");
    const on = new ChatLimits(new InProcessLimitStore(), limitsWith({ TRUSTED_PROXY: "10.0.0.0/24" }));
    expect(on.ignoresForwardedFor(forwarded)).toBe(false);
    expect(on.addressOf(forwarded)).toBe("198.51.100.1");
    expect(on.ignoresForwardedFor({ ...forwarded, address: "203.0.113.5" })).toBe(true);
  });

  it("gives a socket's place back once, however often the release is called", async () => {
    const limits = new ChatLimits(new InProcessLimitStore(), limitsWith({ LIMIT_ADDRESS_SOCKETS: "2" }));
    const a = await limits.admit("198.51.100.9", false);
    await limits.admit("198.51.100.9", false);
    await expect(limits.admit("198.51.100.9", false)).rejects.toMatchObject({ code: "CHAT_TOO_MANY_CONNECTIONS" });
    a();
    a();
    expect(limits.openSockets("198.51.100.9")).toBe(1);
  });

  it("takes no place for a handshake it refuses by rate", async () => {
    const limits = new ChatLimits(new InProcessLimitStore(), limitsWith({ LIMIT_ADDRESS_CONVERSATIONS: "1/1m" }), () => 1000);
    await limits.admit("198.51.100.8", true);
    await expect(limits.admit("198.51.100.8", true)).rejects.toMatchObject({ code: "CHAT_TOO_MANY_CONVERSATIONS" });
    expect(limits.openSockets("198.51.100.8")).toBe(1);
  });
});
