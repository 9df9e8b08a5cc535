/**
 * Commits writes in groups: every write asked for while the event loop works through one round of
 * I/O is committed in one SQLite transaction (each in a savepoint of its own, so one refused write
 * fails alone), and each caller's promise settles only after that commit. A commit in WAL mode
 * writes every page it changed; under load most of the cost of storing a message was that, paid
 * per message. Alone on a quiet server a write waits for nothing: the group is just itself.
 */
export class GroupCommit<Item, Result> {
  private pending: { item: Item; resolve: (r: Result) => void; reject: (e: unknown) => void }[] = [];

  /**
   * `commitGroup` runs all writes in one transaction and returns, per item, its result or the
   * error that refused it. It throws only when the transaction itself failed.
   */
  constructor(private readonly commitGroup: (items: Item[]) => (Result | Error)[]) {}

  write(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      // After the current round of I/O callbacks: the messages that came in together go together.
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ item, resolve, reject });
    });
  }

  /** Commits what is waiting now (also called before the database closes). */
  flush(): void {
    const group = this.pending;
    if (group.length === 0) return;
    this.pending = [];
    let results: (Result | Error)[];
    try {
      results = this.commitGroup(group.map((g) => g.item));
    } catch (error) {
      for (const g of group) g.reject(error);
      return;
    }
    group.forEach((g, i) => {
      const r = results[i] as Result | Error;
      if (r instanceof Error) g.reject(r);
      else g.resolve(r);
    });
  }
}
