import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessLimitStore, type LimitStore, type Rate } from "../../src/security/rate-limit.js";
import { RedisLimitStore } from "../../src/security/redis-limit-store.js";
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from "../testing/redis.js";

/** What every limit store does, in this process or in Redis. */
function contract(name: string, open: () => Promise<LimitStore>, after?: () => Promise<void>) {
  describe(name, () => {
    let store: LimitStore;
    let n = 0;
    /** A key of its own for each test. */
    const key = () => `k${n++}:${Math.random()}`;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
      await after?.();
    });
    const hits = async (k: string, rate: Rate, times: number[]) => {
      const out: boolean[] = [];
      for (const t of times) out.push(await store.hit(k, rate, t));
      return out;
    };

    it("allows the limit within a window, refuses more without counting them, and recovers as the window slides", async () => {
      const rate = { limit: 3, windowMs: 1000 };
      const k = key();
      // 10_000 is the start of a window: nothing of the one before.
      expect(await hits(k, rate, [10_000, 10_010, 10_020, 10_030, 10_900])).toEqual([true, true, true, false, false]);
      // In the next window, the previous one's 3 count for the share of it the sliding window still
      // covers, rounded up: 70% of it, 3; then 30% of it, 1.
      expect(await hits(k, rate, [11_000, 11_300, 11_700, 11_701, 11_702])).toEqual([false, false, true, true, false]);
      // Two windows on, the burst has left the window altogether.
      expect(await hits(k, rate, [13_000, 13_001, 13_002, 13_003])).toEqual([true, true, true, false]);
    });

    it("never lets a burst across a window boundary through twice", async () => {
      const rate = { limit: 10, windowMs: 1000 };
      const k = key();
      const times = [...Array.from({ length: 15 }, (_, i) => 20_990 + i / 2), ...Array.from({ length: 15 }, (_, i) => 21_000 + i)];
      const allowed = (await hits(k, rate, times)).filter(Boolean).length;
      expect(allowed).toBe(10);
    });

    it("keeps keys and windows apart", async () => {
      const a = key();
      const b = key();
      const rate = { limit: 1, windowMs: 60_000 };
      expect(await store.hit(a, rate, 0)).toBe(true);
      expect(await store.hit(a, rate, 1)).toBe(false);
      expect(await store.hit(b, rate, 1)).toBe(true);
      expect(await store.hit(a, { limit: 1, windowMs: 30_000 }, 1)).toBe(true);
    });

    it("counts hits arriving together exactly once each", async () => {
      const rate = { limit: 25, windowMs: 60_000 };
      const k = key();
      const results = await Promise.all(Array.from({ length: 100 }, () => store.hit(k, rate, 600_000)));
      expect(results.filter(Boolean).length).toBe(25);
    });
  });
}

contract("in-process limit store", async () => new InProcessLimitStore());

describe("in-process limit store memory", () => {
  it("forgets keys whose windows are over", async () => {
    const store = new InProcessLimitStore();
    for (let i = 0; i < 1000; i++) await store.hit(`conversation-${i}`, { limit: 5, windowMs: 1000 }, 0);
    expect(store.size).toBe(1000);
    await store.hit("later", { limit: 5, windowMs: 1000 }, 60_000);
    expect(store.size).toBe(1);
  });
});

const prefix = uniquePrefix("limits");
describeRedis("Redis limit store", () => {
  contract(
    "shared by instances",
    async () => RedisLimitStore.connect(redisUrl, prefix),
    async () => {
      const redis = new Redis(redisUrl);
      await deleteKeys(redis, prefix);
      await redis.quit();
    },
  );

  it("is one budget for two instances", async () => {
    const p = `${prefix}:two`;
    const [a, b] = await Promise.all([RedisLimitStore.connect(redisUrl, p), RedisLimitStore.connect(redisUrl, p)]);
    const rate = { limit: 20, windowMs: 60_000 };
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).hit("conversation-x", rate, 120_000)));
    expect(results.filter(Boolean).length).toBe(20);
    await a.close();
    await b.close();
  });
});

describe("Redis limit store without Redis", () => {
  it("counts in this process instead, at once, reports once, and never refuses a citizen for Redis being away", async () => {
    const errors: unknown[] = [];
    // Nothing listens on port 1; the start waits for it only briefly.
    const store = await RedisLimitStore.connect("redis://127.0.0.1:1", "nowhere", (e) => errors.push(e), 200);
    const rate = { limit: 3, windowMs: 60_000 };
    const started = performance.now();
    const results: boolean[] = [];
    for (let i = 0; i < 5; i++) results.push(await store.hit("a", rate, 1000 + i));
    expect(performance.now() - started).toBeLessThan(100);
    expect(results).toEqual([true, true, true, false, false]);
    expect(errors.length).toBe(1);
    await store.close();
  });
});
