import { compareIds } from "../eligibility.js";
import type { WaitingChat } from "../types.js";

/**
 * Whether citizens leave the queue before anyone answers them, learned from the queue a strategy sees
 * at each decision: a chat that was waiting at the last decision, was not offered then, and is gone
 * now has left (closed the widget, cancelled, went back to the bot). What it reports is the evidence
 * that they do not: how many chats were offered after a long wait since a citizen last left.
 *
 * Speed: a decision has a 50 µs budget, and hashing 200 ids twice took a third of it. The chats are
 * compared instead as two lists in (arrival, id) order, which the queue almost always is already: a
 * merge over numbers, with an id comparison only on equal arrival times.
 *
 * Known bias: with several server instances, a chat offered by another instance looks like one that
 * left, which errs towards "citizens leave" (the usual case).
 */
export class QueueAbandonment {
  /** The chats waiting at the last decision and not offered by it, in (arrival, id) order. */
  private readonly arrived: number[] = [];
  private readonly ids: string[] = [];
  private patient = 0;

  /** @param longWaitMs an offer after at least this wait counts as a patient citizen's. */
  constructor(private readonly longWaitMs: number) {}

  /** Chats offered after waiting at least longWaitMs since a citizen last left the queue. */
  get patientSinceLeaver(): number {
    return this.patient;
  }

  /** Counts the chats that left since the last decision; call before deciding on `waiting`. */
  sawQueue(waiting: readonly WaitingChat[]): void {
    const n = this.ids.length;
    if (n === 0) return;
    const current = inArrivalOrder(waiting);
    let gone = 0;
    let k = 0;
    for (let p = 0; p < n; p++) {
      const at = this.arrived[p]!;
      const id = this.ids[p]!;
      // Skip the current chats that come before this one; a match means it is still waiting.
      while (k < current.length && before(current[k]!, at, id)) k++;
      const c = current[k];
      if (c !== undefined && c.arrivedAt === at && c.id === id) k++;
      else gone++;
    }
    if (gone > 0) this.patient = 0;
  }

  /**
   * Records this decision's offers and remembers the chats still waiting after it. `offered[j]` is 1
   * when waiting[j] was offered (a flag per index: a decision may make a hundred offers).
   */
  decided(waiting: readonly WaitingChat[], offered: Uint8Array, offers: number, now: number): void {
    if (offers > 0)
      for (let j = 0; j < waiting.length; j++)
        if (offered[j] === 1 && now - waiting[j]!.arrivedAt >= this.longWaitMs) this.patient++;
    // Reuses the two arrays: no allocation per decision while the queue is in order.
    const arrived = this.arrived;
    const ids = this.ids;
    let n = 0;
    let ordered = true;
    let last: WaitingChat | undefined;
    for (let j = 0; j < waiting.length; j++) {
      if (offered[j] === 1) continue;
      const c = waiting[j]!;
      if (last !== undefined && !before(last, c.arrivedAt, c.id)) ordered = false;
      last = c;
      arrived[n] = c.arrivedAt;
      ids[n] = c.id;
      n++;
    }
    arrived.length = n;
    ids.length = n;
    if (!ordered) {
      const still = inArrivalOrder(waiting.filter((_, j) => offered[j] !== 1));
      for (let k = 0; k < n; k++) {
        arrived[k] = still[k]!.arrivedAt;
        ids[k] = still[k]!.id;
      }
    }
  }
}

const before = (c: WaitingChat, at: number, id: string): boolean =>
  c.arrivedAt < at || (c.arrivedAt === at && compareIds(c.id, id) < 0);

/** The list itself when it is in (arrival, id) order already (the usual case), else a sorted copy. */
function inArrivalOrder(waiting: readonly WaitingChat[]): readonly WaitingChat[] {
  for (let k = 1; k < waiting.length; k++) {
    const a = waiting[k - 1]!;
    if (!before(a, waiting[k]!.arrivedAt, waiting[k]!.id))
      return [...waiting].sort((x, y) => x.arrivedAt - y.arrivedAt || compareIds(x.id, y.id));
  }
  return waiting;
}
