import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoutingError } from "../../src/routing/errors.js";
import { RedisRoutingState } from "../../src/routing/state/redis.js";
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from "../testing/redis.js";
import { routingStateContract } from "./state-contract.js";

const profile = (id: string, capacity: number) => ({ id, capacity, languages: ["zh"], skills: ["*"] });
const newChat = (id: string, arrivedAt: number) => ({
  id,
  arrivedAt,
  urgency: "normal" as const,
  language: "zh",
  skill: "pension",
});

describeRedis("RedisRoutingState", () => {
  const filePrefix = uniquePrefix("routing-state");
  let redis: Redis;
  let n = 0;
  /** A fresh desk per test: its own prefix under the file's. */
  const nextPrefix = () => `${filePrefix}:${++n}`;

  beforeAll(() => {
    redis = new Redis(redisUrl);
  });
  afterAll(async () => {
    await deleteKeys(redis, filePrefix);
    await redis.quit();
  });

  routingStateContract(
    "RedisRoutingState",
    async () => new RedisRoutingState(redis, { prefix: nextPrefix() }),
    () => deleteKeys(redis, filePrefix),
  );

  describe("across connections", () => {
    it("two instances racing 50 offers each never overfill an agent or offer a chat twice", async () => {
      const prefix = nextPrefix();
      const one = new Redis(redisUrl);
      const two = new Redis(redisUrl);
      const first = new RedisRoutingState(one, { prefix });
      const second = new RedisRoutingState(two, { prefix });
      try {
        const agents = ["a0", "a1", "a2"];
        for (const id of agents) await first.agentOnline(profile(id, 3), 0);
        for (let i = 0; i < 50; i++) await first.enqueue(newChat(`c${i}`, i));
        // Both instances go for every chat, each with a different agent: every claim conflicts.
        const claims = [
          ...Array.from({ length: 50 }, (_, i) => ({
            state: first,
            chatId: `c${i}`,
            agentId: agents[i % 3]!,
          })),
          ...Array.from({ length: 50 }, (_, i) => ({
            state: second,
            chatId: `c${i}`,
            agentId: agents[(i + 1) % 3]!,
          })),
        ];
        const results = await Promise.allSettled(claims.map((c) => c.state.offer(c.chatId, c.agentId, 1)));
        const made = claims.filter((_, i) => results[i]!.status === "fulfilled");
        for (const r of results) {
          if (r.status === "rejected") {
            expect(r.reason).toBeInstanceOf(RoutingError);
            expect(["ROUTING_OVER_CAPACITY", "ROUTING_CHAT_NOT_WAITING"]).toContain(
              (r.reason as RoutingError).code,
            );
          }
        }
        expect(made).toHaveLength(9);
        expect(new Set(made.map((m) => m.chatId)).size).toBe(9);
        for (const a of await second.agentStates()) expect(a).toMatchObject({ pendingOffers: 3, active: 0 });
        for (const id of agents) {
          const mine = made.filter((m) => m.agentId === id).map((m) => m.chatId);
          expect((await first.agentChats(id)).offered.sort()).toEqual(mine.sort());
        }
        expect(await first.waiting()).toHaveLength(41);
      } finally {
        await first.close();
        await second.close();
        await one.quit();
        await two.quit();
      }
    });
  });

  describe("connection ownership", () => {
    it("close() leaves a connection it was given open", async () => {
      const state = new RedisRoutingState(redis, { prefix: nextPrefix() });
      await state.close();
      expect(await redis.ping()).toBe("PONG");
    });

    it("connect() opens its own connection and close() ends it", async () => {
      const state = RedisRoutingState.connect(redisUrl, { prefix: nextPrefix() });
      await state.enqueue(newChat("c", 1));
      expect(await state.placement("c")).toMatchObject({ status: "waiting" });
      await state.close();
      await expect(state.waiting()).rejects.toThrow();
    });
  });

  describe("errors", () => {
    it("an error that is not a refusal comes through as is", async () => {
      const prefix = nextPrefix();
      const state = new RedisRoutingState(redis, { prefix });
      // Someone else's data where the queue should be: Redis's own error, not a RoutingError.
      await redis.set(`${prefix}:waiting`, "not a sorted set");
      const error = await state.waiting().catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(RoutingError);
      expect(String(error)).toContain("WRONGTYPE");
    });

    it("scripts are loaded again after SCRIPT FLUSH", async () => {
      const state = new RedisRoutingState(redis, { prefix: nextPrefix() });
      await state.enqueue(newChat("c1", 1));
      await redis.script("FLUSH");
      await state.enqueue(newChat("c2", 2));
      expect((await state.waiting()).map((c) => c.id)).toEqual(["c1", "c2"]);
    });
  });
});
