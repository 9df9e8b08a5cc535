import { Redis } from "ioredis";
import { afterAll } from "vitest";
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from "../testing/redis.js";
import { liveHandoffSuite } from "./live-handoff-suite.js";

const prefix = uniquePrefix("handoff").replaceAll(":", "-");

describeRedis("live handoff with the queue in Redis", () => {
  liveHandoffSuite("redis", () => ({ REDIS_URL: redisUrl, REDIS_PREFIX: prefix }));
  afterAll(async () => {
    const redis = new Redis(redisUrl);
    await deleteKeys(redis, prefix);
    await redis.quit();
  });
});
