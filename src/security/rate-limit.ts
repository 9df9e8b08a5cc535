/**
 * A sliding-window limit: at most `limit` events in any `windowMs`. Pure: the caller passes the
 * time. Refused events are not counted, so a flood ends as soon as the sender slows down.
 */
export class SlidingWindowLimit {
  private readonly times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** True when one more event would be allowed now; counts nothing. */
  allows(nowMs: number): boolean {
    while (this.times.length > 0 && (this.times[0] as number) <= nowMs - this.windowMs) this.times.shift();
    return this.times.length < this.limit;
  }

  /** Takes back the latest counted event (it turned out not to count, e.g. a successful sign-in). */
  forget(): void {
    this.times.pop();
  }

  /** True when the event is allowed (and counted). */
  tryHit(nowMs: number): boolean {
    while (this.times.length > 0 && (this.times[0] as number) <= nowMs - this.windowMs) this.times.shift();
    if (this.times.length >= this.limit) return false;
    this.times.push(nowMs);
    return true;
  }
}

/** At most `limit` events in any `windowMs`. */
export interface Rate {
  limit: number;
  windowMs: number;
}

/**
 * Counters of events by key (an address, a conversation) for limits that hold across a process's
 * sockets, and across instances when the store is shared (Redis). `hit` counts the event and says
 * whether it is allowed; a refused event is not counted, so a flood ends as soon as the sender slows
 * down.
 */
export interface LimitStore {
  hit(key: string, rate: Rate, nowMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The sliding-window counter both stores use: the events of the current fixed window plus those of
 * the previous one weighted by how much of it the sliding window still covers (rounded up, so a
 * burst across the boundary is not let through twice). O(1) memory per key, and the same answer
 * in this process and in Redis.
 */
export function windowOf(rate: Rate, nowMs: number): { bucket: number; previousWeight: number } {
  const bucket = Math.floor(nowMs / rate.windowMs);
  return { bucket, previousWeight: 1 - (nowMs - bucket * rate.windowMs) / rate.windowMs };
}

export function allowsAnother(rate: Rate, current: number, previous: number, previousWeight: number): boolean {
  return Math.ceil(previous * previousWeight - 1e-9) + current < rate.limit;
}

interface Counter {
  bucket: number;
  current: number;
  previous: number;
  windowMs: number;
}

/** The counters in this process: what one embedded server needs. Idle keys are swept as it goes. */
export class InProcessLimitStore implements LimitStore {
  private readonly counters = new Map<string, Counter>();
  private lastSweep = 0;

  async hit(key: string, rate: Rate, nowMs: number): Promise<boolean> {
    return this.hitNow(key, rate, nowMs);
  }

  /** The same as `hit`, answered at once. */
  hitNow(key: string, rate: Rate, nowMs: number): boolean {
    if (nowMs - this.lastSweep > 10_000) this.sweep(nowMs);
    const { bucket, previousWeight } = windowOf(rate, nowMs);
    const id = `${key}|${rate.windowMs}`;
    let c = this.counters.get(id);
    if (!c) {
      c = { bucket, current: 0, previous: 0, windowMs: rate.windowMs };
      this.counters.set(id, c);
    } else if (c.bucket !== bucket) {
      c.previous = c.bucket === bucket - 1 ? c.current : 0;
      c.current = 0;
      c.bucket = bucket;
    }
    if (!allowsAnother(rate, c.current, c.previous, previousWeight)) return false;
    c.current++;
    return true;
  }

  /** How many keys are kept (for tests). */
  get size(): number {
    return this.counters.size;
  }

  private sweep(nowMs: number): void {
    this.lastSweep = nowMs;
    for (const [id, c] of this.counters) if (Math.floor(nowMs / c.windowMs) > c.bucket + 1) this.counters.delete(id);
  }

  async close(): Promise<void> {
    this.counters.clear();
  }
}
