import type { QueueItemView } from "../protocol/agent-events.js";
import type { HandoffStatusView } from "../domain/handoff-status.js";
import type { HandoffRecord } from "../storage/ports.js";
import type { DeskDeps } from "./desk-deps.js";
import { AnswerTimes } from "./estimate.js";
import { type DeskFigures, waitingStatuses } from "./queue-status.js";
import { queueView } from "./views.js";

/** Mean handle time before any chat has closed: the planning figure of the simulator scenarios. */
const DEFAULT_HANDLE_SEC = 360;
/** How many recently closed chats the mean handle time is taken over. */
const HANDLE_SAMPLE = 50;

type BoardDeps = Pick<DeskDeps, "storage" | "state" | "strategy" | "policy" | "clock" | "outbox" | "staff" | "offerTimeoutMs">;

/**
 * Where every chat stands, for the people waiting and the people answering: each waiting citizen's
 * place and estimate, and the queue panel of the console. Keeps the desk's measured figures (handle
 * time, answer time) and what it last told each citizen, so an unchanged status is not sent again.
 */
export class StatusBoard {
  /** How long agents take to answer an offer, as this desk saw it: the citizen's estimate while offered. */
  readonly answerTimes: AnswerTimes;
  private meanHandleSec = DEFAULT_HANDLE_SEC;
  /** Last status pushed per chat. */
  private readonly lastPushed = new Map<string, string>();

  constructor(private readonly deps: BoardDeps) {
    this.answerTimes = new AnswerTimes(deps.offerTimeoutMs / 1000);
  }

  /** Re-reads the mean handle time (on start, and after each close). */
  async refreshHandleTime(): Promise<void> {
    this.meanHandleSec = (await this.deps.storage.handoffs.meanHandleSeconds(HANDLE_SAMPLE)) ?? DEFAULT_HANDLE_SEC;
  }

  /** The chat's status moved on by other means (connected, cancelled, transferred): the next push is not a repeat. */
  forget(chatId: string): void {
    this.lastPushed.delete(chatId);
  }

  /** Where one open handoff stands now, for its citizen. */
  async statusOf(h: HandoffRecord): Promise<HandoffStatusView> {
    const placement = await this.deps.state.placement(h.id);
    if (h.status === "active" || placement?.status === "active") {
      const agent = h.agentId ? await this.deps.storage.staff.get(h.agentId) : undefined;
      return { handoffId: h.id, state: "connected", ...(agent ? { agentName: agent.displayName } : {}) };
    }
    const statusIn = await this.reader();
    return statusIn(h, placement?.status === "offered");
  }

  /** Pushes each waiting citizen's position and estimate (when changed) and the queue to agents. */
  async publish(): Promise<void> {
    const [statusIn, chats, openList] = await Promise.all([this.reader(), this.deps.state.chats(), this.deps.storage.handoffs.listOpen()]);
    const open = new Map(openList.map((h) => [h.id, h]));
    for (const chat of chats) {
      const h = open.get(chat.id);
      if (!h || chat.status === "active") continue;
      const status = statusIn(h, chat.status === "offered");
      const key = JSON.stringify(status);
      if (this.lastPushed.get(chat.id) === key) continue;
      this.lastPushed.set(chat.id, key);
      this.deps.outbox.handoff(h.conversationId, status);
    }
    for (const id of this.lastPushed.keys()) if (!open.has(id)) this.lastPushed.delete(id);
    this.deps.staff.agents("agent:queue", queueView(chats, openList));
  }

  /** The queue panel as it stands now. */
  async queue(): Promise<QueueItemView[]> {
    const [chats, open] = await Promise.all([this.deps.state.chats(), this.deps.storage.handoffs.listOpen()]);
    return queueView(chats, open);
  }

  private figures(): DeskFigures {
    return { meanHandleSec: this.meanHandleSec, answerSec: this.answerTimes.typical(), offerTimeoutSec: this.deps.offerTimeoutMs / 1000 };
  }

  private async reader() {
    const now = this.deps.clock().getTime();
    const [waiting, agents] = await Promise.all([this.deps.state.waiting(), this.deps.state.agentStates()]);
    return waitingStatuses({ waiting, agents, now }, this.figures(), this.deps);
  }
}
