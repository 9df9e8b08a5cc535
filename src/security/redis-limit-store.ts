import { Redis } from "ioredis";
import { InProcessLimitStore, type LimitStore, type Rate, windowOf } from "./rate-limit.js";

/**
 * One hit of the sliding-window counter (rate-limit.ts `allowsAnother`), atomically: KEYS[1] is the
 * current window's count, KEYS[2] the previous one's; ARGV: limit, weight of the previous window,
 * time to keep the count (two windows). Returns 1 when counted, 0 when refused (not counted).
 */
const HIT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
if math.ceil(previous * tonumber(ARGV[2]) - 1e-9) + current >= tonumber(ARGV[1]) then return 0 end
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

type WithHit = Redis & { deskLimitHit(current: string, previous: string, limit: number, weight: string, ttlMs: number): Promise<number> };

/**
 * The limit counters in Redis, shared by every instance of the desk: a conversation's sockets on
 * two servers share one message budget, an address one connection budget. When Redis does not
 * answer (not connected, or a hit takes over half a second), the hit is counted in this process
 * instead: the limits then hold per instance until it is back, and a citizen is never refused, or
 * kept waiting, because Redis is away.
 */
export class RedisLimitStore implements LimitStore {
  private readonly fallback = new InProcessLimitStore();
  private lastErrorLog = Number.NEGATIVE_INFINITY;
  private owned = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    redis.defineCommand("deskLimitHit", { numberOfKeys: 2, lua: HIT });
  }

  /**
   * Opens its own connection (closed again by `close`) and waits until it is ready, or up to
   * `waitMs`: a server starting while Redis is away still starts, counting here meanwhile.
   */
  static async connect(url: string, prefix: string, onError?: (error: unknown) => void, waitMs = 5000): Promise<RedisLimitStore> {
    const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 500 });
    // Reported through the hits that fall back; the client itself would only repeat it per retry.
    redis.on("error", () => {});
    const store = new RedisLimitStore(redis, prefix, onError);
    store.owned = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, waitMs);
      redis.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return store;
  }

  async hit(key: string, rate: Rate, nowMs: number): Promise<boolean> {
    // While Redis is away, hits do not wait for it: counted here at once.
    if (this.redis.status !== "ready") {
      if (!["wait", "connecting", "connect"].includes(this.redis.status)) this.report(new Error(`Redis is ${this.redis.status}`), nowMs);
      return this.fallback.hitNow(key, rate, nowMs);
    }
    const { bucket, previousWeight } = windowOf(rate, nowMs);
    const base = `${this.prefix}:${key}:${rate.windowMs}`;
    try {
      const counted = await (this.redis as WithHit).deskLimitHit(
        `${base}:${bucket}`,
        `${base}:${bucket - 1}`,
        rate.limit,
        String(previousWeight),
        2 * rate.windowMs,
      );
      return counted === 1;
    } catch (error) {
      this.report(error, nowMs);
      return this.fallback.hitNow(key, rate, nowMs);
    }
  }

  /** At most one report every ten seconds, however many hits fall back meanwhile. */
  private report(error: unknown, nowMs: number): void {
    if (nowMs - this.lastErrorLog < 10_000) return;
    this.lastErrorLog = nowMs;
    this.onError(error);
  }

  async close(): Promise<void> {
    await this.fallback.close();
    if (this.owned) await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
