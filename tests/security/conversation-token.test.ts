import { describe, expect, it } from "vitest";
import { ConversationTokens, SignedTokens, StaffTokens } from "../../src/security/conversation-token.js";
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

describe("token kinds", () => {
  const secret = "s".repeat(32);
  const conversations = new ConversationTokens(secret, 3600);
  const staff = new StaffTokens(secret, 3600);

  it("verifies a staff token as a staff token", () => {
    expect(staff.verify(staff.issue("staff-1", now), now)).toBe("staff-1");
    expect(staff.expiresAt(now)).toEqual(new Date(now.getTime() + 3600_000));
  });

  it("never verifies a staff token as a conversation token, nor the other way round, with the same secret", () => {
    expect(conversations.verify(staff.issue("id-1", now), now)).toBeUndefined();
    expect(staff.verify(conversations.issue("id-1", now), now)).toBeUndefined();
  });

  it("refuses a conversation token re-labelled with the staff claim (the keys differ, not only the claim)", () => {
    // Same payload shape as a staff token, signed with the conversation key.
    const relabelled = new SignedTokens(secret, 3600, "sid").issue("id-1", now);
    expect(staff.verify(relabelled, now)).toBeUndefined();
    // And a token under the staff key but the conversation claim is no conversation token.
    const wrongClaim = new SignedTokens(secret, 3600, "cid", "staff-session").issue("id-1", now);
    expect(conversations.verify(wrongClaim, now)).toBeUndefined();
    expect(staff.verify(wrongClaim, now)).toBeUndefined();
  });

  it("expires staff tokens after their ttl", () => {
    const t = staff.issue("staff-1", now);
    expect(staff.verify(t, new Date(now.getTime() + 3599_000))).toBe("staff-1");
    expect(staff.verify(t, new Date(now.getTime() + 3600_000))).toBeUndefined();
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

  it("allows() looks without counting", () => {
    const limit = new SlidingWindowLimit(2, 1000);
    for (let i = 0; i < 5; i++) expect(limit.allows(0)).toBe(true);
    limit.tryHit(0);
    limit.tryHit(10);
    expect(limit.allows(20)).toBe(false);
    expect(limit.allows(1000)).toBe(true);
  });
});
