import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FieldCipher } from "../../src/security/field-cipher.js";
import type { StaffAccounts } from "../../src/staff/accounts.js";
import {
  matchTotp,
  needsSecondFactor,
  newRecoveryCodes,
  newTotpSecret,
  readTypedCode,
  recoveryCodeHasher,
  TOTP_PERIOD,
  totpCode,
  totpStep,
} from "../../src/staff/second-factor.js";
import type { SignInOutcome } from "../../src/staff/sign-in.js";
import type { Storage } from "../../src/storage/ports.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { staffAccounts } from "../testing/staff.js";

const PASSWORD = "correct-horse-battery";
const HOME = "10.0.0.1";

describe("the second factor's rules (pure)", () => {
  const account = (roles: ("agent" | "editor" | "supervisor" | "admin")[], extra = {}) => ({ roles, requireSecondFactor: false, totpSecretSealed: null, ...extra });

  it("is always needed by editors, supervisors and admins; by agents when asked of one or of all, or once enrolled", () => {
    for (const role of ["editor", "supervisor", "admin"] as const) expect(needsSecondFactor(account([role]), "per-account"), role).toBe(true);
    expect(needsSecondFactor(account(["agent"]), "per-account")).toBe(false);
    expect(needsSecondFactor(account(["agent"]), "required")).toBe(true);
    expect(needsSecondFactor(account(["agent"], { requireSecondFactor: true }), "per-account")).toBe(true);
    expect(needsSecondFactor(account(["agent"], { totpSecretSealed: "v1.x" }), "per-account")).toBe(true);
    expect(needsSecondFactor(account(["agent", "supervisor"]), "per-account")).toBe(true);
  });

  it("reads what a person types: six digits however spaced or full-width, recovery codes in any case", () => {
    expect(readTypedCode("123 456")).toEqual({ kind: "totp", digits: "123456" });
    expect(readTypedCode("１２３４５６")).toEqual({ kind: "totp", digits: "123456" });
    expect(readTypedCode("123-456")).toEqual({ kind: "totp", digits: "123456" });
    expect(readTypedCode(" ABCDE-FGHJK ")).toEqual({ kind: "recovery", code: "abcdefghjk" });
    for (const bad of ["12345", "1234567", "abcde-fghi", "abcde-fghi0", "", "12345a"]) expect(readTypedCode(bad).kind, bad).toBe("malformed");
  });

  it("matches this step's code and its neighbours', not older ones, and says which step it was", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const at = new Date("2026-12-07T08:00:10Z");
    const step = totpStep(at);
    const codeAt = (s: number) => totpCode(secret, new Date(s * TOTP_PERIOD * 1000));
    expect(matchTotp(secret, codeAt(step), at)).toBe(step);
    expect(matchTotp(secret, codeAt(step - 1), at)).toBe(step - 1);
    expect(matchTotp(secret, codeAt(step + 1), at)).toBe(step + 1);
    expect(matchTotp(secret, codeAt(step - 2), at)).toBeUndefined();
    expect(matchTotp(newTotpSecret(), codeAt(step), at)).toBeUndefined();
  });

  it("makes ten distinct recovery codes and keys their hashes with the server's secret", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const hash = recoveryCodeHasher("s".repeat(32));
    expect(hash(codes[0]!)).toBe(hash(codes[0]!.toUpperCase().replace("-", "")));
    expect(hash(codes[0]!)).not.toBe(recoveryCodeHasher("t".repeat(32))(codes[0]!));
    expect(hash(codes[0]!)).not.toContain(codes[0]!.replace("-", ""));
  });
});

describe("signing in with a second factor", () => {
  let dir: string;
  let storage: Storage;
  let now: Date;
  let accounts: StaffAccounts;
  const clock = () => now;
  const cipher = new FieldCipher(Buffer.alloc(32, 9));

  const open = (agentSecondFactor: "per-account" | "required" = "per-account", free = 3) =>
    staffAccounts(storage, clock, { freeFailuresPerAddress: free, freeFailuresPerAccount: free }, "s".repeat(32), { agentSecondFactor, cipher }).accounts;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "second-factor-"));
    storage = createSqliteStorage(join(dir, "desk.sqlite"));
    now = new Date("2026-12-07T08:00:10Z");
    accounts = open();
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const create = (username: string, roles: ("agent" | "editor" | "supervisor" | "admin")[]) =>
    accounts.create({ username, displayName: username, password: PASSWORD, languages: ["zh"], skills: ["*"], capacity: 2, roles });
  const codeOf = (p: Promise<unknown>) => p.then(() => "ok", (e: { code?: string }) => e.code ?? String(e));
  const later = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  const audited = async (action: string) => storage.audit.list({ action, limit: 50 });

  /** Enrols through the first sign-in; the secret the app would hold and the recovery codes. */
  async function enrol(username: string): Promise<{ secret: string; recoveryCodes: string[]; token: string }> {
    const first = await accounts.signIn(username, PASSWORD, HOME);
    if (first.step !== "enrol") throw new Error(`expected enrol, got ${first.step}`);
    const done = await accounts.secondFactor(first.challenge, totpCode(first.enrolment.secret, now), HOME);
    return { secret: first.enrolment.secret, recoveryCodes: done.recoveryCodes as string[], token: done.token };
  }
  const challengeOf = (outcome: SignInOutcome) => {
    if (outcome.step !== "second-factor") throw new Error(`expected second-factor, got ${outcome.step}`);
    return outcome.challenge;
  };

  it("enrols an editor on the first sign-in: a QR code for its app, no session until a code from it proves it, then ten recovery codes", async () => {
    const editor = await create("wang.editor", ["editor"]);
    const first = await accounts.signIn("wang.editor", PASSWORD, HOME);
    expect(first.step).toBe("enrol");
    if (first.step !== "enrol") return;
    expect(first).not.toHaveProperty("token");
    expect(first.enrolment.uri).toMatch(/^otpauth:\/\/totp\/.*wang\.editor\?/);
    expect(first.enrolment.uri).toContain(`secret=${first.enrolment.secret}`);
    expect(first.enrolment.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>$/s);
    expect(new Date(first.challengeExpiresAt).getTime()).toBe(now.getTime() + 300_000);
    expect(await storage.staffSessions.endAllFor(editor.id, now.toISOString(), "probe")).toEqual([]);

    // A wrong code, or a recovery code before any exist: refused, nothing stored.
    expect(await codeOf(accounts.secondFactor(first.challenge, "000000", HOME))).toBe("STAFF_BAD_CODE");
    expect(await codeOf(accounts.secondFactor(first.challenge, "abcde-fghjk", HOME))).toBe("STAFF_BAD_CODE");
    expect((await storage.staff.get(editor.id))?.totpSecretSealed).toBeNull();

    const done = await accounts.secondFactor(first.challenge, totpCode(first.enrolment.secret, now), HOME);
    expect(done.recoveryCodes).toHaveLength(10);
    expect((await accounts.fromToken(done.token)).id).toBe(editor.id);
    const stored = (await storage.staff.get(editor.id))!;
    expect(cipher.decrypt(stored.totpSecretSealed!)).toBe(first.enrolment.secret);
    expect(stored.recoveryCodeHashes).toHaveLength(10);

    // In the file: neither the secret nor any recovery code in plain text.
    const raw = JSON.stringify(new Database(join(dir, "desk.sqlite"), { readonly: true }).prepare("SELECT * FROM staff").all());
    expect(raw).not.toContain(first.enrolment.secret);
    for (const c of done.recoveryCodes!) expect(raw).not.toContain(c.replace("-", ""));

    expect((await audited("second-factor.enrolled")).map((r) => r.target)).toEqual([editor.id]);
    expect((await audited("second-factor.refused")).map((r) => r.detail.reason)).toEqual(["code", "recovery code while enrolling"]);
    expect((await audited("session.start")).map((r) => r.detail.factor)).toEqual(["totp"]);

    // The enrolment's challenge cannot enrol again.
    expect(await codeOf(accounts.secondFactor(first.challenge, totpCode(first.enrolment.secret, now), HOME))).toBe("STAFF_BAD_CHALLENGE");
  });

  it("asks an enrolled account for a code each time; a code works once, the next step's works, a recovery code works once", async () => {
    await create("li.admin", ["admin"]);
    const { secret, recoveryCodes } = await enrol("li.admin");
    // The code just used for enrolling, again in the same 30 s: refused (seen over a shoulder).
    const again = challengeOf(await accounts.signIn("li.admin", PASSWORD, HOME));
    expect(await codeOf(accounts.secondFactor(again, totpCode(secret, now), HOME))).toBe("STAFF_BAD_CODE");
    later(TOTP_PERIOD);
    const token = (await accounts.secondFactor(again, totpCode(secret, now), HOME)).token;
    expect((await accounts.fromToken(token)).username).toBe("li.admin");

    const third = challengeOf(await accounts.signIn("li.admin", PASSWORD, HOME));
    const signedIn = await accounts.secondFactor(third, recoveryCodes[3]!.toUpperCase(), HOME);
    expect(signedIn.recoveryCodes).toBeUndefined();
    const fourth = challengeOf(await accounts.signIn("li.admin", PASSWORD, HOME));
    expect(await codeOf(accounts.secondFactor(fourth, recoveryCodes[3]!, HOME))).toBe("STAFF_BAD_CODE");
    expect((await storage.staff.findByUsername("li.admin"))?.recoveryCodeHashes).toHaveLength(9);
    expect((await audited("recovery-code.used")).map((r) => r.detail.left)).toEqual([9]);
    expect((await audited("second-factor.refused")).map((r) => r.detail.reason)).toEqual(["code already used", "recovery code"]);
  });

  it("lets one code open one session even when sent five times at once", async () => {
    // (Five sign-ins begun at once from one address would otherwise meet the address's backoff.)
    accounts = open("per-account", 20);
    await create("zhao.sup", ["supervisor"]);
    const { secret } = await enrol("zhao.sup");
    later(TOTP_PERIOD);
    const challenges = await Promise.all(Array.from({ length: 5 }, async () => challengeOf(await accounts.signIn("zhao.sup", PASSWORD, HOME))));
    const code = totpCode(secret, now);
    const outcomes = await Promise.all(challenges.map((c) => codeOf(accounts.secondFactor(c, code, HOME))));
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "STAFF_BAD_CODE")).toHaveLength(4);
  });

  it("refuses a challenge expired, forged or overtaken by an admin's reset; after the reset the account enrols again", async () => {
    const admin = await create("chen.admin", ["admin"]);
    const other = await create("other.admin", ["admin"]);
    const { secret, token } = await enrol("chen.admin");
    later(TOTP_PERIOD);
    const expiring = challengeOf(await accounts.signIn("chen.admin", PASSWORD, HOME));
    later(301);
    expect(await codeOf(accounts.secondFactor(expiring, totpCode(secret, now), HOME))).toBe("STAFF_BAD_CHALLENGE");
    const [payload] = expiring.split(".");
    expect(await codeOf(accounts.secondFactor(`${payload}.forged`, "123456", HOME))).toBe("STAFF_BAD_CHALLENGE");
    expect(await codeOf(accounts.secondFactor("not a challenge", "123456", HOME))).toBe("STAFF_BAD_CHALLENGE");

    const pending = challengeOf(await accounts.signIn("chen.admin", PASSWORD, HOME));
    await accounts.resetSecondFactor(other, admin.id);
    // The phone's finder: neither the session it had nor a code from the old app opens anything.
    expect(await codeOf(accounts.fromToken(token))).toBe("STAFF_BAD_TOKEN");
    later(TOTP_PERIOD);
    expect(await codeOf(accounts.secondFactor(pending, totpCode(secret, now), HOME))).toBe("STAFF_BAD_CHALLENGE");
    expect((await accounts.signIn("chen.admin", PASSWORD, HOME)).step).toBe("enrol");
    expect((await audited("staff.reset-second-factor")).map((r) => [r.actor, r.target])).toEqual([[other.id, admin.id]]);
  });

  it("signs agents in with the password alone unless an admin or the desk's rule asks for more", async () => {
    const agent = await create("liu.agent", ["agent"]);
    expect((await accounts.signIn("liu.agent", PASSWORD, HOME)).step).toBe("signed-in");
    await accounts.change("cli", agent.id, { requireSecondFactor: true });
    expect((await accounts.signIn("liu.agent", PASSWORD, HOME)).step).toBe("enrol");
    await accounts.change("cli", agent.id, { requireSecondFactor: false });
    expect((await accounts.signIn("liu.agent", PASSWORD, HOME)).step).toBe("signed-in");
    accounts = open("required");
    expect((await accounts.signIn("liu.agent", PASSWORD, HOME)).step).toBe("enrol");
  });

  it("slows guessing codes from a stranger's address without slowing the owner at their own desk", async () => {
    await create("sun.admin", ["admin"]);
    const { secret } = await enrol("sun.admin");
    // Someone who learnt the password guesses codes from elsewhere.
    // (Each password step that does not end in a session counts against the account too.)
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const address = `192.0.2.${i}`;
      const first = await accounts.signIn("sun.admin", PASSWORD, address).catch((e: { code: string }) => e.code);
      outcomes.push(typeof first === "string" ? first : await codeOf(accounts.secondFactor(challengeOf(first), String(100000 + i), address)));
    }
    expect(outcomes).toEqual(["STAFF_BAD_CODE", "STAFF_BAD_CODE", "STAFF_RATE_LIMITED", "STAFF_RATE_LIMITED"]);
    // The owner, from the address they signed in from before, goes straight in.
    later(TOTP_PERIOD);
    const own = challengeOf(await accounts.signIn("sun.admin", PASSWORD, HOME));
    await expect(accounts.secondFactor(own, totpCode(secret, now), HOME)).resolves.toMatchObject({ step: "signed-in" });
  });
});
