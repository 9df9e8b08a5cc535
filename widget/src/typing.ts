/** Throttle for "the citizen is typing" and the quiet spell after which it is withdrawn. */
export const TYPING_EVERY_MS = 2_000;
export const TYPING_IDLE_MS = 3_000;

/**
 * Tells the agent the citizen is typing: `true` at most once per TYPING_EVERY_MS while keys are
 * pressed, `false` after TYPING_IDLE_MS without a key or when the message is sent.
 */
export class TypingSignal {
  private lastTrueAt = Number.NEGATIVE_INFINITY;
  private active = false;
  private idleTimer: number | undefined;

  constructor(private readonly emit: (typing: boolean) => void) {}

  typed(): void {
    const now = Date.now();
    if (now - this.lastTrueAt >= TYPING_EVERY_MS) {
      this.lastTrueAt = now;
      this.active = true;
      this.emit(true);
    }
    window.clearTimeout(this.idleTimer);
    this.idleTimer = window.setTimeout(() => this.stop(), TYPING_IDLE_MS);
  }

  /** The citizen stopped or sent: withdraw a `true` that is still standing. */
  stop(): void {
    window.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (!this.active) return;
    this.active = false;
    this.emit(false);
  }

  /** Nobody is listening any more (the agent left, the connection dropped): forget, send nothing. */
  reset(): void {
    window.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.active = false;
  }
}
