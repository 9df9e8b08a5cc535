import type { HandoffStatusView } from "../domain/handoff-status.js";
import type { AgentState, RoutingPolicy, RoutingStrategy, WaitingChat } from "../routing/types.js";
import type { HandoffRecord } from "../storage/ports.js";
import { type DeskLoad, estimateOfferedSec, estimateWaitSec, queuePositions } from "./estimate.js";

/** What the desk measured about itself: how long chats take, how long agents take to answer an offer. */
export interface DeskFigures {
  meanHandleSec: number;
  answerSec: number;
  offerTimeoutSec: number;
}

/** The routing state at one instant, as a citizen's status is computed from it. */
export interface QueueSnapshot {
  waiting: readonly WaitingChat[];
  agents: readonly AgentState[];
  now: number;
}

/** What the desk looks like for an estimate: who is online, free slots, chats in hand. Pure. */
export function deskLoad(agents: readonly AgentState[], figures: DeskFigures): DeskLoad {
  const online = agents.filter((a) => a.online);
  return {
    onlineAgents: online.length,
    freeSlots: online.reduce((n, a) => n + Math.max(0, a.capacity - a.active - a.pendingOffers), 0),
    activeChats: agents.reduce((n, a) => n + a.active, 0),
    meanHandleSec: figures.meanHandleSec,
    answerSec: figures.answerSec,
  };
}

/**
 * The status of each chat waiting for an agent, from one snapshot (positions and load computed
 * once, however many chats are asked about). A waiting citizen's strip: place in line and an
 * estimate; while offered, the rest of the measured answer time; with nobody online, no number but
 * the word that they are in line. Pure.
 */
export function waitingStatuses(
  snapshot: QueueSnapshot,
  figures: DeskFigures,
  rules: { policy: RoutingPolicy; strategy: Pick<RoutingStrategy, "order"> },
): (h: Pick<HandoffRecord, "id" | "offeredAt">, offered: boolean) => HandoffStatusView {
  const positions = queuePositions(snapshot.waiting, snapshot.now, rules.policy, rules.strategy);
  const load = deskLoad(snapshot.agents, figures);
  return (h, offered) => {
    if (offered) {
      const since = h.offeredAt ? (snapshot.now - Date.parse(h.offeredAt)) / 1000 : 0;
      return { handoffId: h.id, state: "offered", position: 1, etaSec: estimateOfferedSec(since, load.answerSec, figures.offerTimeoutSec) };
    }
    const position = positions.get(h.id) ?? 1;
    const etaSec = estimateWaitSec(position, load);
    return { handoffId: h.id, state: "queued", position, ...(etaSec === undefined ? { waitingForAgents: true } : { etaSec }) };
  };
}
