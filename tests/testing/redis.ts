import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { describe, it } from "vitest";

/** The Redis the Redis-backed tests use. */
export const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** One quick PING, no retries: a missing Redis must not hang the suite. */
export async function redisReachable(): Promise<boolean> {
  const probe = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  probe.on("error", () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

// Asked once per test file, before its suites are declared.
const reachable = await redisReachable();

/**
 * A describe that needs Redis. Without it: skipped with a visible message locally, but a failure
 * in CI (CI=true), where a missing Redis is a broken pipeline, not a reason to test less.
 */
export function describeRedis(name: string, fn: () => void): void {
  if (reachable) {
    describe(name, fn);
  } else if (process.env.CI === "true") {
    describe(name, () => {
      it("needs Redis", () => {
        throw new Error(`Redis not reachable at ${redisUrl}; CI must provide it (REDIS_URL)`);
      });
    });
  } else {
    console.warn(`Redis not reachable at ${redisUrl}: skipping ${name}`);
    describe.skip(name, fn);
  }
}

/** A key prefix no other test file (or earlier run) uses. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${randomBytes(6).toString("hex")}`;
}

/** Deletes every key under the prefix (SCAN, not KEYS, to stay polite on a shared Redis). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}
