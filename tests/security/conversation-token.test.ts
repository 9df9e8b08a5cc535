import { describe, expect, it } from "vitest";
import { ConversationTokens } from "../../src/security/conversation-token.js";
import { SlidingWindowLimit } from "../../src/security/rate-limit.js";

const now = new Date("2026-11-28T12:00:00Z");

describe("conversation tokens", () => {
  const tokens = new ConversationTokens("s".repeat(32), 3600);

  it("verifies its own tokens and names the conversation", () => {
    expect(tokens.verify(tokens.issue("conv-1", now), now)).toBe("conv-1");
  });

  it("refuses expired, forged and re-signed tokens", () => {
    const t = tokens.issue("conv-1", now);
    expect(tokens.verify(t, new Date(now.getTime() + 3601_000))).toBeUndefined();
    expect(new ConversationTokens("x".repeat(32), 3600).verify(t, now)).toBeUndefined();
    const [, sig] = t.split(".");
    const other = Buffer.from(JSON.stringify({ cid: "conv-2", exp: 4102444800 })).toString("base64url");
    expect(tokens.verify(`${other}.${sig}`, now)).toBeUndefined();
    expect(tokens.verify(`${t}.extra`, now)).toBeUndefined();
    expect(tokens.verify("", now)).toBeUndefined();
  });
});

describe("sliding-window rate limit", () => {
  it("allows the limit within the window, refuses more, and recovers as time passes", () => {
    const limit = new SlidingWindowLimit(3, 1000);
    expect([0, 10, 20, 30].map((t) => limit.tryHit(t))).toEqual([true, true, true, false]);
    expect(limit.tryHit(999)).toBe(false);
    expect(limit.tryHit(1000)).toBe(true); // the event at 0 left the window
    expect(limit.tryHit(1005)).toBe(false);
  });
});
