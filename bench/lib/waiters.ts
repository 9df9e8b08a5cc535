/** Wakes whoever waits on a condition over recorded events (test and bench clients). */
export class Waiters {
  private waiting: (() => void)[] = [];

  /** Call after recording something: every waiter re-checks its condition. */
  notify(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Resolves when `predicate` holds; rejects after `ms`. */
  async until(predicate: () => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for the server");
      await new Promise<void>((resolve) => {
        // Re-checked at least every 100 ms too: some conditions read state no event announces.
        const t = setTimeout(resolve, Math.min(left, 100));
        this.waiting.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}
