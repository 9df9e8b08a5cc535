import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConversationTokens, StaffTokens } from "../../src/security/conversation-token.js";
import { type NewStaff, type StaffAccounts, StaffError } from "../../src/staff/accounts.js";
import { hashPassword, verifyPassword } from "../../src/staff/password.js";
import type { Storage } from "../../src/storage/ports.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { signedIn, staffAccounts } from "../testing/staff.js";

const SECRET = "k".repeat(32);
const PASSWORD = "correct-horse-battery";

describe("password hashing", () => {
  it("stores scrypt$N$r$p$salt$hash and verifies the password, not another", async () => {
    const hash = await hashPassword(PASSWORD);
    const parts = hash.split("$");
    expect(parts).toHaveLength(6);
    expect(parts[0]).toBe("scrypt");
    for (const n of parts.slice(1, 4)) expect(Number(n)).toBeGreaterThan(0);
    expect(Buffer.from(parts[4]!, "base64").length).toBeGreaterThanOrEqual(16);
    expect(Buffer.from(parts[5]!, "base64").length).toBeGreaterThanOrEqual(32);
    expect(hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword("correct-horse-battery!", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts: two hashes of one password differ and both verify", async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD, b)).toBe(true);
  });

  it("says false for a malformed or foreign hash instead of throwing", async () => {
    const good = await hashPassword(PASSWORD);
    const [, n, r, p, salt, key] = good.split("$");
    for (const bad of [
      "",
      "plain-text",
      PASSWORD,
      `bcrypt$${n}$${r}$${p}$${salt}$${key}`,
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$${n}$${r}$${p}$${salt}$`,
      `scrypt$${n}$${r}$${p}$${salt}$${key!.slice(0, 10)}`,
    ]) {
      expect(await verifyPassword(PASSWORD, bad)).toBe(false);
    }
  });

  it("verifies the same password typed in another Unicode form (NFKC)", async () => {
    // Full-width letters normalise to ASCII under NFKC.
    const hash = await hashPassword("ｐａｓｓｗｏｒｄ-12345");
    expect(await verifyPassword("password-12345", hash)).toBe(true);
  });
});

describe("StaffAccounts on sqlite", () => {
  let dir: string;
  let file: string;
  let storage: Storage;
  let now: Date;
  let accounts: StaffAccounts;
  const tokens = new StaffTokens(SECRET, 3600);
  const clock = () => now;

  const input = (over: Record<string, unknown> = {}): NewStaff =>
    ({
      username: "li.wei",
      displayName: "李伟",
      password: PASSWORD,
      languages: ["zh"],
      skills: ["pension"],
      capacity: 3,
      ...over,
    }) as NewStaff;

  /** The StaffError code a promise rejects with. */
  async function codeOf(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(StaffError);
      return (error as StaffError).code;
    }
    throw new Error("resolved, expected a StaffError");
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "staff-"));
    file = join(dir, "desk.sqlite");
    storage = createSqliteStorage(file);
    now = new Date("2026-11-30T01:00:00Z");
    accounts = staffAccounts(storage, clock, undefined, SECRET).accounts;
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe("create", () => {
    it("stores a valid account and returns it", async () => {
      const record = await accounts.create(input());
      expect(record).toMatchObject({
        username: "li.wei",
        displayName: "李伟",
        languages: ["zh"],
        skills: ["pension"],
        capacity: 3,
        disabled: false,
        createdAt: now.toISOString(),
      });
      expect(await storage.staff.get(record.id)).toEqual(record);
      expect(await storage.staff.findByUsername("li.wei")).toEqual(record);
    });

    it("never stores the password in clear", async () => {
      const record = await accounts.create(input());
      expect(record.passwordHash).not.toBe(PASSWORD);
      expect(record.passwordHash).not.toContain(PASSWORD);
      expect(await verifyPassword(PASSWORD, record.passwordHash)).toBe(true);
      const stored = await storage.staff.findByUsername("li.wei");
      expect(stored!.passwordHash).toBe(record.passwordHash);
      // Nor anywhere in the database file.
      await storage.close();
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from("li.wei"))).toBe(true);
      expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
      storage = createSqliteStorage(file);
    });

    it.each([
      ["an upper-case username", { username: "LiWei" }],
      ["a username starting with a digit", { username: "1wei" }],
      ["a two-letter username", { username: "li" }],
      ["a username with a space", { username: "li wei" }],
      ["a short password", { password: "short-pw" }],
      ["an unknown skill", { skills: ["astrology"] }],
      ["no skill", { skills: [] }],
      ["an unknown language", { languages: ["fr"] }],
      ["zero capacity", { capacity: 0 }],
      ["an empty display name", { displayName: "   " }],
      ["an unknown field", { role: "admin" }],
    ])("refuses %s with STAFF_BAD_INPUT and stores nothing", async (_, over) => {
      expect(await codeOf(accounts.create(input(over)))).toBe("STAFF_BAD_INPUT");
      expect(await storage.staff.list()).toEqual([]);
    });

    it("names the bad field in the message", async () => {
      await expect(accounts.create(input({ password: "short" }))).rejects.toThrow(/password/);
      await expect(accounts.create(input({ skills: ["astrology"] }))).rejects.toThrow(/skills/);
    });

    it("refuses a taken username with STAFF_USERNAME_TAKEN", async () => {
      const first = await accounts.create(input());
      expect(
        await codeOf(accounts.create(input({ displayName: "Another", password: "another-password" }))),
      ).toBe("STAFF_USERNAME_TAKEN");
      expect(await storage.staff.list()).toEqual([first]);
    });
  });

  describe("signIn and fromToken", () => {
    beforeEach(async () => {
      await accounts.create(input());
    });

    it("signs in with the right password and returns a token fromToken accepts", async () => {
      const { token, expiresAt, staff } = signedIn(await accounts.signIn("li.wei", PASSWORD, "10.0.0.1"));
      expect(staff.username).toBe("li.wei");
      expect(new Date(expiresAt).getTime()).toBe(now.getTime() + 3600_000);
      expect(await accounts.fromToken(token)).toEqual(staff);
      // The token names a session of that account, which is open.
      const session = await storage.staffSessions.get(tokens.verify(token, now) as string);
      expect(session).toMatchObject({ staffId: staff.id, endedAt: null });
    });

    it("refuses a wrong password and an unknown user alike", async () => {
      expect(await codeOf(accounts.signIn("li.wei", "wrong-password", "10.0.0.1"))).toBe(
        "STAFF_BAD_CREDENTIALS",
      );
      expect(await codeOf(accounts.signIn("nobody.here", PASSWORD, "10.0.0.2"))).toBe(
        "STAFF_BAD_CREDENTIALS",
      );
      const [wrong, unknown] = await Promise.allSettled([
        accounts.signIn("li.wei", "wrong-password", "10.0.0.3"),
        accounts.signIn("nobody.here", "wrong-password", "10.0.0.4"),
      ]);
      expect(wrong.status).toBe("rejected");
      expect(unknown.status).toBe("rejected");
      const message = (r: PromiseSettledResult<unknown>) =>
        ((r as PromiseRejectedResult).reason as Error).message;
      expect(message(wrong)).toBe(message(unknown));
    });

    it("slows a username after 5 failures from strangers' addresses, never its own known address", async () => {
      await accounts.signIn("li.wei", PASSWORD, "10.0.0.9");
      for (let i = 0; i < 6; i++) {
        // A new address each time: the account's own backoff is what stops it.
        expect(await codeOf(accounts.signIn("li.wei", `guess-number-${i}`, `10.0.1.${i}`))).toBe("STAFF_BAD_CREDENTIALS");
      }
      // Held back for strangers, even with the right password...
      expect(await codeOf(accounts.signIn("li.wei", PASSWORD, "10.0.2.1"))).toBe("STAFF_RATE_LIMITED");
      // ...but not from the address the agent signs in from: guessers cannot lock them out.
      await expect(accounts.signIn("li.wei", PASSWORD, "10.0.0.9")).resolves.toMatchObject({ staff: { username: "li.wei" } });
      // Other usernames are not affected.
      await accounts.create(input({ username: "zhang.min", password: "another-password" }));
      await expect(accounts.signIn("zhang.min", "another-password", "10.0.2.2")).resolves.toMatchObject({ staff: { username: "zhang.min" } });
    });

    it("doubles the wait after each further failure, up to a minute, and the right password starts afresh", async () => {
      for (let i = 0; i < 6; i++) await codeOf(accounts.signIn("li.wei", `guess-${i}`, `10.0.1.${i}`));
      expect(await codeOf(accounts.signIn("li.wei", "guess-6", "10.0.1.6"))).toBe("STAFF_RATE_LIMITED");
      now = new Date(now.getTime() + 1000);
      expect(await codeOf(accounts.signIn("li.wei", "guess-7", "10.0.1.7"))).toBe("STAFF_BAD_CREDENTIALS");
      now = new Date(now.getTime() + 1000);
      expect(await codeOf(accounts.signIn("li.wei", "guess-8", "10.0.1.8"))).toBe("STAFF_RATE_LIMITED");
      now = new Date(now.getTime() + 1000);
      await expect(accounts.signIn("li.wei", PASSWORD, "10.0.1.9")).resolves.toBeDefined();
      expect(await codeOf(accounts.signIn("li.wei", "guess-9", "10.0.1.10"))).toBe("STAFF_BAD_CREDENTIALS");
    });

    it("an admin lifts an account's backoff", async () => {
      for (let i = 0; i < 6; i++) await codeOf(accounts.signIn("li.wei", `guess-${i}`, `10.0.1.${i}`));
      const staff = await accounts.byUsername("li.wei");
      expect(await codeOf(accounts.signIn("li.wei", PASSWORD, "10.0.9.1"))).toBe("STAFF_RATE_LIMITED");
      await accounts.liftSignInBackoff("cli", staff.id);
      await expect(accounts.signIn("li.wei", PASSWORD, "10.0.9.1")).resolves.toBeDefined();
    });

    it("slows an address after 5 failures across usernames, and tells the admins of the anomaly", async () => {
      for (let i = 0; i < 6; i++) {
        expect(await codeOf(accounts.signIn(`made.up${i}`, "whatever-pass", "10.0.3.1"))).toBe("STAFF_BAD_CREDENTIALS");
      }
      expect(await codeOf(accounts.signIn("li.wei", PASSWORD, "10.0.3.1"))).toBe("STAFF_RATE_LIMITED");
      await expect(accounts.signIn("li.wei", PASSWORD, "10.0.3.2")).resolves.toBeDefined();
      const alerts = await storage.audit.list({ action: "alert.sign-in", limit: 10 });
      expect(alerts.map((a) => a.detail)).toEqual([{ kind: "many-accounts", address: "10.0.3.1", accounts: 5 }]);
    });

    it("never rate-limits successful sign-ins", async () => {
      for (let i = 0; i < 15; i++) {
        const { token } = signedIn(await accounts.signIn("li.wei", PASSWORD, "10.0.4.1"));
        expect((await accounts.fromToken(token)).username).toBe("li.wei");
      }
    });

    it("counts concurrent failures: a burst of parallel guesses gets no more than the free ones checked", async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => accounts.signIn("li.wei", `parallel-guess-${i}`, `10.0.5.${i}`)),
      );
      const codes = results.map((r) => ((r as PromiseRejectedResult).reason as StaffError).code);
      expect(codes.filter((c) => c === "STAFF_BAD_CREDENTIALS").length).toBeLessThanOrEqual(6);
      expect(codes.filter((c) => c === "STAFF_RATE_LIMITED").length).toBeGreaterThanOrEqual(24);
    });

    it("refuses a conversation token signed with the same secret, even naming a staff id", async () => {
      const staff = (await storage.staff.findByUsername("li.wei"))!;
      const conversationToken = new ConversationTokens(SECRET, 3600).issue(staff.id, now);
      expect(await codeOf(accounts.fromToken(conversationToken))).toBe("STAFF_BAD_TOKEN");
    });

    it("refuses malformed, forged, non-string and oversized tokens", async () => {
      const staff = (await storage.staff.findByUsername("li.wei"))!;
      const forged = new StaffTokens("x".repeat(32), 3600).issue(staff.id, now);
      for (const bad of [forged, "", "a.b", undefined, null, 42, { token: "x" }, `${"a".repeat(3000)}.b`]) {
        expect(await codeOf(accounts.fromToken(bad))).toBe("STAFF_BAD_TOKEN");
      }
    });

    it("refuses a token for an account that does not exist", async () => {
      expect(await codeOf(accounts.fromToken(tokens.issue(randomUUID(), now)))).toBe("STAFF_BAD_TOKEN");
    });

    it("refuses an expired staff token", async () => {
      const { token } = signedIn(await accounts.signIn("li.wei", PASSWORD, "10.0.9.1"));
      now = new Date(now.getTime() + 3599_000);
      await expect(accounts.fromToken(token)).resolves.toMatchObject({ username: "li.wei" });
      now = new Date(now.getTime() + 1000);
      expect(await codeOf(accounts.fromToken(token))).toBe("STAFF_BAD_TOKEN");
    });

    it("refuses a disabled account at sign-in and by token", async () => {
      // The store has no update: a disabled account is stored as such.
      const disabled = {
        ...(await accounts.create(input({ username: "old.agent" }))),
        id: randomUUID(),
        username: "gone.agent",
        disabled: true,
      };
      await storage.staff.create(disabled);
      expect((await storage.staff.get(disabled.id))!.disabled).toBe(true);
      expect(await codeOf(accounts.signIn("gone.agent", PASSWORD, "10.0.10.1"))).toBe(
        "STAFF_BAD_CREDENTIALS",
      );
      expect(await codeOf(accounts.fromToken(tokens.issue(disabled.id, now)))).toBe("STAFF_BAD_TOKEN");
      // The enabled twin with the same password still signs in.
      await expect(accounts.signIn("old.agent", PASSWORD, "10.0.10.2")).resolves.toBeDefined();
    });
  });
});

describe("demo agents", () => {
  it("show citizens a person's name only: no '(demo)', no spaces", async () => {
    const { DEMO_AGENTS } = await import("../../src/staff/demo-staff.js");
    for (const a of DEMO_AGENTS) expect(a.displayName).toMatch(/^\p{Script=Han}{2,4}$/u);
  });
});
