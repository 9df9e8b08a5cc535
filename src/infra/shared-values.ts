import type { Redis } from "ioredis";

/**
 * Small values every instance reads alike, each with a lifetime: WeChat's access token, fetched
 * once for all (a second fetch makes the first stop working after a while). In this process on
 * embedded defaults; in Redis when REDIS_URL is set.
 */
export interface SharedValues {
  get(key: string): Promise<string | undefined>;
  /** Kept for `ttlMs`, then gone. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

export class InProcessSharedValues implements SharedValues {
  private readonly values = new Map<string, { value: string; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<string | undefined> {
    const kept = this.values.get(key);
    if (kept && kept.until > this.now()) return kept.value;
    this.values.delete(key);
    return undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.values.set(key, { value, until: this.now() + Math.max(1, ttlMs) });
  }
}

export class RedisSharedValues implements SharedValues {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}:${key}`)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(`${this.prefix}:${key}`, value, "PX", Math.max(1, Math.round(ttlMs)));
  }
}
