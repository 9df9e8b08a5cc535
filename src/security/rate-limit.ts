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
