import { afterEach, describe, expect, it, vi } from "vitest";
import {
  confirmSecondFactor,
  parseSecondFactorAnswer,
} from "../../agent-console/src/features/auth/api/second-factor";
import { parseSignInAnswer, signIn } from "../../agent-console/src/features/auth/api/sign-in";
import { readCode } from "../../agent-console/src/features/auth/model/code-entry";
import { svgDataUrl } from "../../agent-console/src/features/auth/model/qr-image";
import { groupSecret } from "../../agent-console/src/features/auth/model/secret-groups";

/** The two-step sign-in's pure parts: reading the server's answers, the secret, the code typed. */

const agent = {
  id: "s1",
  username: "li.na",
  displayName: "李娜",
  languages: ["zh"],
  skills: ["*"],
  capacity: 3,
  roles: ["admin"],
};
const session = { token: "tok", expiresAt: "2030-01-01T00:00:00.000Z", agent };
const enrolment = { secret: "JBSWY3DPEHPK3PXP", uri: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", qrSvg: "<svg/>" };
const challenge = { token: "ch-1", expiresAt: "2030-01-01T00:05:00.000Z" };

describe("parseSignInAnswer", () => {
  it("reads a session (an account without a second factor)", () => {
    expect(parseSignInAnswer(session)).toEqual({ kind: "signed-in", session });
  });

  it("reads the step asking for the code", () => {
    expect(
      parseSignInAnswer({ step: "second-factor", challenge: "ch-1", challengeExpiresAt: challenge.expiresAt }),
    ).toEqual({ kind: "second-factor", challenge });
  });

  it("reads the enrolment step with its secret, URI and QR code", () => {
    expect(
      parseSignInAnswer({ step: "enrol", challenge: "ch-1", challengeExpiresAt: challenge.expiresAt, enrolment }),
    ).toEqual({ kind: "enrol", challenge, enrolment });
  });

  it("refuses what is none of the three", () => {
    expect(parseSignInAnswer(null)).toBeNull();
    expect(parseSignInAnswer({})).toBeNull();
    expect(parseSignInAnswer({ step: "second-factor" })).toBeNull();
    expect(parseSignInAnswer({ step: "enrol", challenge: "c", challengeExpiresAt: "t" })).toBeNull();
    expect(parseSignInAnswer({ step: "enrol", challenge: "c", challengeExpiresAt: "t", enrolment: { secret: "S" } })).toBeNull();
    expect(parseSignInAnswer({ step: "dance", challenge: "c", challengeExpiresAt: "t" })).toBeNull();
    expect(parseSignInAnswer({ token: "", expiresAt: "t", agent })).toBeNull();
  });

  it("takes a session without roles (an older server) as an agent's", () => {
    const { roles: _roles, ...withoutRoles } = agent;
    const step = parseSignInAnswer({ ...session, agent: withoutRoles });
    expect(step?.kind === "signed-in" && step.session.agent.roles).toEqual(["agent"]);
  });
});

describe("parseSecondFactorAnswer", () => {
  it("reads a session with no recovery codes on an ordinary sign-in", () => {
    expect(parseSecondFactorAnswer(session)).toEqual({ session, recoveryCodes: null });
  });

  it("reads the recovery codes given right after enrolment", () => {
    const codes = Array.from({ length: 10 }, (_, i) => `abcd${i}-fghij`);
    expect(parseSecondFactorAnswer({ ...session, recoveryCodes: codes })).toEqual({ session, recoveryCodes: codes });
  });

  it("refuses codes it cannot read rather than sign in without showing them", () => {
    expect(parseSecondFactorAnswer({ ...session, recoveryCodes: [1, 2] })).toBeNull();
    expect(parseSecondFactorAnswer({ ...session, recoveryCodes: [] })).toBeNull();
    expect(parseSecondFactorAnswer({ ...session, recoveryCodes: "abc" })).toBeNull();
  });
});

describe("the sign-in calls never throw", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const answer = (status: number, body?: unknown) =>
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status })),
    );

  it("signIn: each answer is a step or a reason", async () => {
    answer(200, { step: "second-factor", challenge: "ch-1", challengeExpiresAt: challenge.expiresAt });
    expect(await signIn("li.na", "pw")).toEqual({ ok: true, step: { kind: "second-factor", challenge } });
    answer(401, { error: "STAFF_BAD_CREDENTIALS", message: "" });
    expect(await signIn("li.na", "pw")).toEqual({ ok: false, reason: "badCredentials" });
    answer(429, { error: "STAFF_RATE_LIMITED", message: "" });
    expect(await signIn("li.na", "pw")).toEqual({ ok: false, reason: "rateLimited" });
    answer(200, { step: "unknown" });
    expect(await signIn("li.na", "pw")).toEqual({ ok: false, reason: "server" });
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("offline"))));
    expect(await signIn("li.na", "pw")).toEqual({ ok: false, reason: "network" });
  });

  it("confirmSecondFactor: a wrong code can be retried, a dead challenge starts over", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ error: "STAFF_BAD_CODE", message: "" }), { status: 401 }));
    vi.stubGlobal("fetch", fetch);
    expect(await confirmSecondFactor(challenge, "123 456")).toEqual({ ok: false, reason: "badCode" });
    expect(JSON.parse(String((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body))).toEqual({
      challenge: "ch-1",
      code: "123 456",
    });
    answer(401, { error: "STAFF_BAD_CHALLENGE", message: "" });
    expect(await confirmSecondFactor(challenge, "123456")).toEqual({ ok: false, reason: "badChallenge" });
    answer(429, { error: "STAFF_RATE_LIMITED", message: "" });
    expect(await confirmSecondFactor(challenge, "123456")).toEqual({ ok: false, reason: "rateLimited" });
    answer(400, { error: "STAFF_BAD_INPUT", message: "code" });
    expect(await confirmSecondFactor(challenge, "x")).toEqual({ ok: false, reason: "invalid" });
    answer(200, { ...session, recoveryCodes: ["aaaaa-bbbbb"] });
    expect(await confirmSecondFactor(challenge, "123456")).toEqual({
      ok: true,
      session,
      recoveryCodes: ["aaaaa-bbbbb"],
    });
  });
});

describe("groupSecret", () => {
  it("splits a base32 secret into groups of four for typing by hand", () => {
    expect(groupSecret("JBSWY3DPEHPK3PXP")).toBe("JBSW Y3DP EHPK 3PXP");
    expect(groupSecret("JBSWY3DPEHPK3PXPA")).toBe("JBSW Y3DP EHPK 3PXP A");
  });

  it("drops padding and spaces already there and upper-cases", () => {
    expect(groupSecret("jbsw y3dp ehpk 3p==")).toBe("JBSW Y3DP EHPK 3P");
    expect(groupSecret("")).toBe("");
  });
});

describe("readCode", () => {
  it("takes six digits, with spaces, for enrolment; nothing else", () => {
    expect(readCode(" 123 456 ", "enrol")).toEqual({ ok: true, code: "123 456" });
    expect(readCode("12345", "enrol")).toEqual({ ok: false, problem: "notSixDigits" });
    expect(readCode("abcde-fghij", "enrol")).toEqual({ ok: false, problem: "notSixDigits" });
    expect(readCode("   ", "enrol")).toEqual({ ok: false, problem: "missing" });
  });

  it("leaves anything not empty to the server at sign-in, where a recovery code works too", () => {
    expect(readCode("abcde-fghij", "sign-in")).toEqual({ ok: true, code: "abcde-fghij" });
    expect(readCode("123456", "sign-in")).toEqual({ ok: true, code: "123456" });
    expect(readCode("", "sign-in")).toEqual({ ok: false, problem: "missing" });
  });
});

describe("svgDataUrl", () => {
  it("is a base64 data: URL of the SVG's UTF-8 bytes, non-Latin text included", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>社保</title></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith("data:image/svg+xml;base64,")).toBe(true);
    const bytes = Uint8Array.from(atob(url.slice("data:image/svg+xml;base64,".length)), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(svg);
  });
});
