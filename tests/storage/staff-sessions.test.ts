import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RedisStaffSessionStore } from "../../src/storage/redis/staff-session-store.js";
import type { StaffSessionStore, Storage } from "../../src/storage/ports.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { AgentClient, createAgent, signIn } from "../testing/agent-client.js";
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from "../testing/redis.js";
import { startTestServer, type TestServer } from "../testing/server.js";

const HOUR = 3600_000;
const at = (ms: number) => new Date(Date.parse("2026-12-07T08:00:00Z") + ms).toISOString();
const session = (id: string, staffId: string, hours = 12) => ({ id, staffId, createdAt: at(0), expiresAt: at(hours * HOUR), endedAt: null, endedReason: null });

/** What every staff-session store does, whatever keeps it. */
function sessionContract(open: () => Promise<{ store: StaffSessionStore; staff: (id: string) => Promise<void>; close: () => Promise<void> }>) {
  let store: StaffSessionStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    const opened = await open();
    store = opened.store;
    close = opened.close;
    for (const id of ["s-1", "s-2"]) await opened.staff(id);
  });
  afterEach(async () => close());

  it("keeps a session as created, and knows no other", async () => {
    await store.create(session("a", "s-1"));
    expect(await store.get("a")).toEqual(session("a", "s-1"));
    expect(await store.get("nope")).toBeUndefined();
  });

  it("ends a session once: the second end says it was not open", async () => {
    await store.create(session("a", "s-1"));
    expect(await store.end("a", at(HOUR), "signed out")).toBe(true);
    expect(await store.end("a", at(2 * HOUR), "again")).toBe(false);
    expect(await store.end("nope", at(HOUR), "x")).toBe(false);
    expect(await store.get("a")).toMatchObject({ endedAt: at(HOUR), endedReason: "signed out" });
  });

  it("ends every open session of one account and names them, leaving the others' alone", async () => {
    for (const [id, staff] of [["a", "s-1"], ["b", "s-1"], ["c", "s-1"], ["d", "s-2"]] as const) await store.create(session(id, staff));
    await store.end("c", at(HOUR), "signed out");
    expect((await store.endAllFor("s-1", at(2 * HOUR), "disabled")).sort()).toEqual(["a", "b"]);
    expect(await store.endAllFor("s-1", at(3 * HOUR), "again")).toEqual([]);
    expect(await store.get("c")).toMatchObject({ endedReason: "signed out" });
    expect(await store.get("d")).toMatchObject({ endedAt: null });
  });

  it("ends each session once however many ask at once", async () => {
    await store.create(session("a", "s-1"));
    const results = await Promise.all([...Array.from({ length: 5 }, () => store.end("a", at(HOUR), "x")), store.endAllFor("s-1", at(HOUR), "y")]);
    const ended = results.filter((r) => r === true).length + (results.at(-1) as string[]).length;
    expect(ended).toBe(1);
  });
}

describe("staff sessions in SQLite", () => {
  sessionContract(async () => {
    const dir = mkdtempSync(join(tmpdir(), "sessions-"));
    const storage: Storage = createSqliteStorage(join(dir, "desk.sqlite"));
    return {
      store: storage.staffSessions,
      staff: async (id) => {
        await storage.staff.create({ id, username: id, displayName: id, passwordHash: "-", languages: ["zh"], skills: ["*"], capacity: 1, disabled: false, createdAt: at(0), roles: ["agent"], totpSecretSealed: null, totpLastStep: 0, recoveryCodeHashes: [], requireSecondFactor: false });
      },
      close: async () => {
        await storage.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

describeRedis("staff sessions in Redis", () => {
  sessionContract(async () => {
    const redis = new Redis(redisUrl);
    const prefix = uniquePrefix("sessions");
    return {
      store: new RedisStaffSessionStore(redis, prefix),
      staff: async () => {},
      close: async () => {
        await deleteKeys(redis, prefix);
        await redis.quit();
      },
    };
  });

  it("lets a session expire away a day after it would have ended", async () => {
    const redis = new Redis(redisUrl);
    const prefix = uniquePrefix("sessions");
    try {
      const store = new RedisStaffSessionStore(redis, prefix);
      const now = Date.now();
      await store.create({ id: "a", staffId: "s-1", createdAt: new Date(now).toISOString(), expiresAt: new Date(now + HOUR).toISOString(), endedAt: null, endedReason: null });
      const ttl = await redis.pttl(`${prefix}:s:a`);
      expect(ttl).toBeGreaterThan(24 * HOUR);
      expect(ttl).toBeLessThanOrEqual(25 * HOUR);
    } finally {
      await deleteKeys(redis, prefix);
      await redis.quit();
    }
  });
});

describeRedis("a sign-out on one instance, in Redis mode", () => {
  const prefix = uniquePrefix("signout").replaceAll(":", "-");
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, DEMO_STAFF: "false" };
    a = await startTestServer({ env });
    b = await startTestServer({ dataDir: a.dataDir, env });
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
    a.cleanup();
    const redis = new Redis(redisUrl);
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it("refuses the token on the other instance at once; the session was kept in Redis, not the database", async () => {
    const agent = await createAgent(a.app, "redis.agent");
    const token = (await signIn(a.url, agent.username, agent.password)).body.token as string;
    const onB = await AgentClient.connect(b.url, token);
    onB.close();
    expect(await a.app.storage.staffSessions.endAllFor(agent.id, at(0), "probe")).toEqual([]);
    const out = await fetch(`${a.url}/api/v1/staff/sign-out`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(204);
    await expect(AgentClient.connect(b.url, token)).rejects.toMatchObject({ data: { code: "STAFF_BAD_TOKEN" } });
  });
});
