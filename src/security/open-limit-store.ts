import { InProcessLimitStore, type LimitStore } from "./rate-limit.js";

/**
 * The store for limits across sockets: in this process, or in Redis when several instances share
 * one desk (then a limit per conversation or address holds whichever instance the sockets reach).
 * Redis's client is loaded only then.
 */
export async function openLimitStore(redis: { url: string; prefix: string } | undefined, onError: (error: unknown) => void): Promise<LimitStore> {
  if (!redis) return new InProcessLimitStore();
  const { RedisLimitStore } = await import("./redis-limit-store.js");
  return RedisLimitStore.connect(redis.url, `${redis.prefix}:limits`, onError);
}
