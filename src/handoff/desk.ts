import type { DeskDeps } from "./desk-deps.js";
import { Dispatcher } from "./dispatcher.js";
import { LiveChat } from "./live-chat.js";
import { Presence } from "./presence.js";
import { HandoffRequests } from "./requests.js";
import { StatusBoard } from "./status-board.js";
import { Tickets } from "./tickets.js";

export type { DeskDeps, StaffOutlet } from "./desk-deps.js";
export type { HandoffRequest, RequestOutcome } from "./requests.js";

/**
 * The live desk: a citizen's request for a person becomes a queued chat, the dispatcher offers it,
 * and an agent carries it through accept, relay, transfer and close to the survey. The parts, each
 * with one job (split the way Rocket.Chat splits its queue and routing managers):
 * - `requests`: the citizen's side (ask, status, leave the queue, survey);
 * - `presence`: agents online, away or gone and citizens who closed the page, with grace periods;
 * - `chats`: a chat in an agent's hands;
 * - `tickets`: messages left when nobody could answer;
 * - the dispatcher and the status board underneath (routing rounds, offers, positions, estimates).
 * Every change is written to storage before it is announced; the routing state (in process or in
 * Redis) holds only who waits and who has what, and is rebuilt from storage on start.
 */
export class HandoffDesk {
  readonly requests: HandoffRequests;
  readonly presence: Presence;
  readonly chats: LiveChat;
  readonly tickets: Tickets;
  private readonly board: StatusBoard;
  private readonly dispatcher: Dispatcher;
  private tick: NodeJS.Timeout | undefined;

  constructor(private readonly deps: DeskDeps) {
    this.board = new StatusBoard(deps);
    this.dispatcher = new Dispatcher(deps, this.board);
    this.requests = new HandoffRequests(deps, this.board, this.dispatcher);
    this.presence = new Presence(deps, this.board, this.dispatcher, this.requests);
    this.chats = new LiveChat(deps, this.board, this.dispatcher);
    this.tickets = new Tickets(deps);
    deps.jobs.define(
      { kind: "offer-timeout", run: (chatId, payload) => this.dispatcher.offerLapsed(chatId, payload.agentId ?? "") },
      { kind: "agent-grace", run: (agentId) => this.presence.agentGraceEnded(agentId) },
      { kind: "citizen-gone", run: (conversationId) => this.presence.citizenGone(conversationId) },
    );
  }

  /**
   * Puts open handoffs back in the routing state if it lost them, then routes every few seconds: a
   * chat's skill and language requirements relax with its wait, and its position and estimate move.
   */
  async start(tickMs = 5000): Promise<void> {
    await this.board.refreshHandleTime();
    await this.dispatcher.restore();
    this.tick = setInterval(() => this.dispatcher.route(), tickMs);
    this.tick.unref();
    this.dispatcher.route();
  }

  stop(): void {
    clearInterval(this.tick);
  }

  /** Resolves when the routing rounds asked for so far are done (tests, shutdown). */
  settled(): Promise<void> {
    return this.dispatcher.settled();
  }

  /** Each agent's load (active chats plus pending offers) as the shared state holds it now. */
  async routingLoads(): Promise<number[]> {
    return (await this.deps.state.agentStates()).map((a) => a.active + a.pendingOffers);
  }
}
