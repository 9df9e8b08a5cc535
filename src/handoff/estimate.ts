import { byPriority } from "../routing/eligibility.js";
import type { RoutingPolicy, RoutingStrategy, WaitingChat } from "../routing/types.js";

/** What the desk looks like now, for a wait estimate. */
export interface DeskLoad {
  /** Agents online now (away and signed-out ones do not count). */
  onlineAgents: number;
  /** Free slots of online agents (capacity minus chats and pending offers). */
  freeSlots: number;
  /** Chats agents are handling now. */
  activeChats: number;
  /** Mean seconds an agent spends on a chat (recent closed chats; a default before there are any). */
  meanHandleSec: number;
  /** Typical seconds from an offer to the agent's answer, as the desk measured it (AnswerTimes). */
  answerSec: number;
}

/**
 * About how long until an agent answers the chat at `position` (1 = next); undefined while no agent
 * is online, when any number would be a guess. A chat within the free slots is offered at once and
 * answered in about the measured answer time; beyond them it waits for chats ahead to finish, which
 * happens at activeChats / meanHandle per second. Rounded up to 10 s (a citizen reads minutes, not
 * seconds). Pure.
 */
export function estimateWaitSec(position: number, load: DeskLoad): number | undefined {
  if (load.onlineAgents === 0) return undefined;
  const ahead = position - load.freeSlots;
  if (ahead <= 0) return roundUp(load.answerSec, 5);
  const perSec = load.activeChats > 0 ? load.activeChats / load.meanHandleSec : 1 / load.meanHandleSec;
  return roundUp(ahead / perSec + load.answerSec, 10);
}

/**
 * About how long until the agent holding the offer answers, `sinceOfferSec` after it was made: the
 * rest of the measured answer time; past that, the offer may lapse at `timeoutSec` and go to
 * someone else, who takes an answer time again. Pure.
 */
export function estimateOfferedSec(sinceOfferSec: number, answerSec: number, timeoutSec: number): number {
  const left = sinceOfferSec < answerSec ? answerSec - sinceOfferSec : Math.max(0, timeoutSec - sinceOfferSec) + answerSec;
  return roundUp(Math.max(left, 1), 5);
}

const roundUp = (sec: number, step: number) => Math.ceil(sec / step) * step;

/**
 * Recent offer-to-answer times (seconds): an accepted offer counts its time; a lapsed one counts the
 * whole timeout (the citizen waited that long for nobody). Until one is measured, half the timeout.
 */
export class AnswerTimes {
  private readonly samples: number[] = [];

  constructor(
    private readonly timeoutSec: number,
    private readonly keep = 50,
  ) {}

  record(sec: number): void {
    this.samples.push(Math.max(0, Math.min(sec, this.timeoutSec)));
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /** The median of what was measured: one agent who left an offer to lapse does not swing it. */
  typical(): number {
    if (this.samples.length === 0) return this.timeoutSec / 2;
    const sorted = [...this.samples].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  }
}

/**
 * Each waiting chat's place in line (1 = next), in the order the router serves them (the strategy's
 * own order when it has one, else by priority). Pure.
 */
export function queuePositions(
  waiting: readonly WaitingChat[],
  now: number,
  policy: RoutingPolicy,
  strategy?: Pick<RoutingStrategy, "order">,
): Map<string, number> {
  const order = strategy?.order ? strategy.order(waiting, now) : [...waiting].sort(byPriority(now, policy));
  return new Map(order.map((chat, i) => [chat.id, i + 1]));
}
