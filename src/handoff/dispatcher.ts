import { routeNextChatsOn } from "../routing/assigner.js";
import type { DeskDeps } from "./desk-deps.js";
import { ignoreRouting } from "./desk-deps.js";
import type { StatusBoard } from "./status-board.js";
import { offerView } from "./views.js";

type DispatcherDeps = Pick<DeskDeps, "storage" | "state" | "jobs" | "strategy" | "clock" | "staff" | "offerTimeoutMs" | "onError" | "meter">;

/**
 * The routing loop: asks the strategy for offers, claims them atomically in the routing state,
 * announces each to its agent with a timeout, and withdraws an offer that lapses. Rounds never
 * overlap in one process (a call during a round runs one more round after it); across processes the
 * atomic claims keep every agent within capacity.
 */
export class Dispatcher {
  private routing: Promise<void> = Promise.resolve();
  private routeAgain = false;
  private routeRunning = false;

  constructor(
    private readonly deps: DispatcherDeps,
    private readonly board: StatusBoard,
  ) {}

  /**
   * Puts open handoffs the routing state does not know (after a restart of a local desk, or a lost
   * Redis) back in the queue with their original arrival time.
   */
  async restore(): Promise<void> {
    const { storage, state } = this.deps;
    for (const h of await storage.handoffs.listOpen()) {
      if (await state.placement(h.id)) continue;
      await state
        .enqueue({ id: h.id, arrivedAt: Date.parse(h.arrivedAt), urgency: h.urgency, language: h.language, skill: h.skill })
        .catch(ignoreRouting);
      if (h.status === "active") await storage.handoffs.update(h.id, { status: "queued", agentId: null });
    }
  }

  /** One routing round, then positions and the queue panel are refreshed. */
  route(): void {
    if (this.routeRunning) {
      this.routeAgain = true;
      return;
    }
    this.routeRunning = true;
    this.routing = (async () => {
      do {
        this.routeAgain = false;
        try {
          const made = await routeNextChatsOn(this.deps.state, this.deps.strategy, this.deps.clock().getTime());
          for (const offer of made) await this.announceOffer(offer.chatId, offer.agentId);
          await this.board.publish();
        } catch (error) {
          this.deps.onError(error, "routing round failed");
        }
      } while (this.routeAgain);
      this.routeRunning = false;
    })();
  }

  /** Resolves when the routing rounds asked for so far are done (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.routeRunning) await this.routing;
  }

  /** An offer claimed in the routing state: recorded, timed, and shown to its agent. */
  async announceOffer(chatId: string, agentId: string): Promise<void> {
    const now = this.deps.clock();
    await this.deps.storage.handoffs.update(chatId, { offeredAt: now.toISOString() });
    await this.deps.jobs.schedule("offer-timeout", chatId, { agentId }, this.deps.offerTimeoutMs);
    const h = await this.deps.storage.handoffs.get(chatId);
    if (h) this.deps.staff.agent(agentId, "agent:offer", offerView(h, this.deps.offerTimeoutMs, now));
    this.deps.meter?.offer("made");
  }

  /** The offer-timeout job: the agent did not answer in time, so the chat goes to someone else. */
  async offerLapsed(chatId: string, agentId: string): Promise<void> {
    try {
      await this.deps.state.timeout(chatId, agentId);
    } catch (error) {
      // Accepted, declined or withdrawn just before the timer fired: nothing to do.
      ignoreRouting(error);
      return;
    }
    this.board.answerTimes.record(this.deps.offerTimeoutMs / 1000);
    this.deps.meter?.offer("timed_out");
    this.deps.staff.agent(agentId, "agent:offer-withdrawn", { chatId, reason: "timeout" });
    this.route();
  }
}
