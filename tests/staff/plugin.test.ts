import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../src/http/errors.js";
import { staffPlugin } from "../../src/staff/plugin.js";
import type { Storage } from "../../src/storage/ports.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { staffAccounts } from "../testing/staff.js";

const PASSWORD = "correct-horse-battery";
const NOW = new Date("2026-11-30T01:00:00Z");

let dir: string;
let storage: Storage;
let http: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "staff-plugin-"));
  storage = createSqliteStorage(join(dir, "desk.sqlite"));
  const { accounts, audit } = staffAccounts(storage, () => NOW, { freeFailuresPerAddress: 1 });
  await accounts.create({ username: "li.wei", displayName: "李伟", password: PASSWORD, languages: ["zh"], skills: ["pension"], capacity: 3 });
  http = Fastify();
  http.setErrorHandler(errorHandler());
  await http.register(staffPlugin, { accounts, audit, agentSecondFactor: "per-account" });
  await http.ready();
});

afterAll(async () => {
  await http.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const signIn = (payload: unknown, ip = "10.0.0.1") =>
  http.inject({ method: "POST", url: "/api/v1/staff/sign-in", payload: payload as object, remoteAddress: ip });

describe("POST /api/v1/staff/sign-in", () => {
  it("gives a token and the agent's profile, not to be cached", async () => {
    const response = await signIn({ username: "li.wei", password: PASSWORD });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const body = response.json();
    expect(body).toMatchObject({ expiresAt: "2026-11-30T02:00:00.000Z", agent: { username: "li.wei", displayName: "李伟", capacity: 3 } });
    expect(typeof body.token).toBe("string");
    expect(body.agent.passwordHash).toBeUndefined();
  });

  it("refuses a malformed body with 400 STAFF_BAD_INPUT naming each field", async () => {
    const response = await signIn({ username: "li.wei" });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: "STAFF_BAD_INPUT",
      message: "password: Invalid input: expected string, received undefined",
    });
  });

  it("refuses a wrong password with 401, then too many with 429", async () => {
    const wrong = await signIn({ username: "li.wei", password: "not-the-password" }, "10.0.0.2");
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: "STAFF_BAD_CREDENTIALS", message: "wrong username or password" });
    expect((await signIn({ username: "li.wei", password: "still-wrong" }, "10.0.0.2")).statusCode).toBe(401);
    const limited = await signIn({ username: "li.wei", password: PASSWORD }, "10.0.0.2");
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ error: "STAFF_RATE_LIMITED", message: "too many failed sign-ins; try again in 1 s" });
  });
});
