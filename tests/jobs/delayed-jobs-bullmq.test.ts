import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BullmqDelayedJobs } from "../../src/jobs/bullmq-delayed-jobs.js";
import type { DelayedKind } from "../../src/jobs/delayed-jobs.js";
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from "../testing/redis.js";
import { delayedJobsContract } from "./delayed-jobs-contract.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeRedis("BullmqDelayedJobs", () => {
  const prefix = uniquePrefix("delayed-jobs");
  let redis: Redis;
  let n = 0;
  const connection = { url: redisUrl };
  /** One queue per test, so a late job of one test never reaches the next one's handler. */
  const nextQueue = () => `delayed-${++n}`;

  beforeAll(() => {
    redis = new Redis(redisUrl);
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  delayedJobsContract(
    "BullmqDelayedJobs",
    async (onError) => new BullmqDelayedJobs({ connection, prefix, queueName: nextQueue(), onError }),
    async () => {},
  );

  describe("several instances sharing Redis", () => {
    const fired: { instance: string; kind: DelayedKind; key: string; payload: Record<string, string> }[] = [];
    const handler =
      (instance: string) => async (kind: DelayedKind, key: string, payload: Record<string, string>) => {
        fired.push({ instance, kind, key, payload });
      };

    it("a job scheduled by one instance runs on another's worker, after the first has closed", async () => {
      fired.length = 0;
      const queueName = nextQueue();
      const scheduler = new BullmqDelayedJobs({ connection, prefix, queueName });
      const worker = new BullmqDelayedJobs({ connection, prefix, queueName });
      try {
        await scheduler.schedule("agent-grace", "agent:7", { socket: "s1" }, 300);
        await scheduler.close();
        worker.handle(handler("worker"));
        await vi.waitFor(() => expect(fired).toHaveLength(1), { timeout: 5_000, interval: 20 });
        expect(fired[0]).toEqual({
          instance: "worker",
          kind: "agent-grace",
          key: "agent:7",
          payload: { socket: "s1" },
        });
      } finally {
        await worker.close();
      }
    });

    it("another instance can replace or cancel a job it did not schedule", async () => {
      fired.length = 0;
      const queueName = nextQueue();
      const one = new BullmqDelayedJobs({ connection, prefix, queueName });
      const two = new BullmqDelayedJobs({ connection, prefix, queueName });
      try {
        one.handle(handler("one"));
        two.handle(handler("two"));
        await one.schedule("offer-timeout", "c1", { v: "old" }, 200);
        await two.schedule("offer-timeout", "c1", { v: "new" }, 300);
        await one.schedule("agent-grace", "a1", {}, 200);
        await two.cancel("agent-grace", "a1");
        await vi.waitFor(() => expect(fired).toHaveLength(1), { timeout: 5_000, interval: 20 });
        await sleep(400);
        expect(fired.map((f) => [f.kind, f.key, f.payload])).toEqual([["offer-timeout", "c1", { v: "new" }]]);
      } finally {
        await one.close();
        await two.close();
      }
    });

    it("a finished job leaves no trace, so the same kind and key can be scheduled again", async () => {
      fired.length = 0;
      const queueName = nextQueue();
      const jobs = new BullmqDelayedJobs({ connection, prefix, queueName });
      try {
        jobs.handle(handler("one"));
        await jobs.schedule("offer-timeout", "c", { round: "1" }, 50);
        await vi.waitFor(() => expect(fired).toHaveLength(1), { timeout: 5_000, interval: 20 });
        await jobs.schedule("offer-timeout", "c", { round: "2" }, 50);
        await vi.waitFor(() => expect(fired).toHaveLength(2), { timeout: 5_000, interval: 20 });
        expect(fired.map((f) => f.payload.round)).toEqual(["1", "2"]);
      } finally {
        await jobs.close();
      }
    });

    it("replacing a job while its handler runs waits for it, then schedules the new one", async () => {
      const queueName = nextQueue();
      const jobs = new BullmqDelayedJobs({ connection, prefix, queueName });
      const seen: string[] = [];
      try {
        jobs.handle(async (_kind, _key, payload) => {
          seen.push(`start ${payload.round}`);
          await sleep(300);
          seen.push(`end ${payload.round}`);
        });
        await jobs.schedule("offer-timeout", "c", { round: "1" }, 0);
        await vi.waitFor(() => expect(seen).toEqual(["start 1"]), { timeout: 5_000, interval: 10 });
        await jobs.schedule("offer-timeout", "c", { round: "2" }, 0);
        await vi.waitFor(() => expect(seen).toEqual(["start 1", "end 1", "start 2", "end 2"]), {
          timeout: 5_000,
          interval: 20,
        });
      } finally {
        await jobs.close();
      }
    });
  });
});
