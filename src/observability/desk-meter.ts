import type { Channel } from "../domain/channel.js";
import type { MessageDecision } from "../domain/decision.js";
import type { Urgency } from "../routing/types.js";

/**
 * How a citizen's turn ended: the bot's reply stored; the bot quiet because the words went to the
 * live desk (relayed to the agent, or leaving the line); a resend of a message already received; a fault.
 */
export type TurnOutcome = "answered" | "to_desk" | "repeated" | "failed";

/** What became of an offer of a chat to an agent. */
export type OfferOutcome = "made" | "accepted" | "declined" | "timed_out";

/** Where a coded refusal was answered: an HTTP route, the citizen's socket (`chat:error`), the console's (`agent:error`). */
export type RefusalSurface = "http" | "chat" | "agent";

/**
 * What the desk counts as it works, told by the parts that do the work (the conversation service,
 * the bot's words, the live desk, the error handler). Parts are given this, never the metrics
 * library: a test, a bench or the warm-up rehearsal passes `silentMeter` (or nothing) and counts
 * nothing. Every method is a counter step or one observation, cheap enough for the message path;
 * none may read storage or wait. Labels are small closed sets: never a conversation, a person or
 * their words.
 */
export interface DeskMeter {
  /** A message reached the desk: a citizen's on their channel, an agent's from the console ("console"). */
  messageReceived(channel: Channel | "console", role: "citizen" | "agent"): void;
  /** The bot's reply to a citizen's message was stored, with what it decided. */
  replied(decision: MessageDecision | undefined): void;
  /** Understanding one text (the model's reading of a citizen's words) took this long. */
  understood(seconds: number): void;
  /** A citizen's turn, from the message's arrival to its reply stored (or its relay to the agent). */
  turn(channel: Channel, outcome: TurnOutcome, seconds: number): void;
  offer(outcome: OfferOutcome): void;
  /** An agent took a chat for the first time, after the citizen had waited this long since asking. */
  waitedForAgent(seconds: number, urgency: Urgency): void;
  /** A coded refusal answered to a client (its stable code, as the client saw it). */
  refused(surface: RefusalSurface, code: string): void;
}

/** Counts nothing: for the rehearsal, tests and benches that build parts alone. */
export const silentMeter: DeskMeter = {
  messageReceived() {},
  replied() {},
  understood() {},
  turn() {},
  offer() {},
  waitedForAgent() {},
  refused() {},
};

/** A citizen's turn (`run`), its message counted and its time observed under how it ended ("failed" when it throws). */
export async function meteredTurn(
  meter: DeskMeter,
  channel: Channel,
  run: () => Promise<TurnOutcome>,
): Promise<void> {
  const started = performance.now();
  meter.messageReceived(channel, "citizen");
  let outcome: TurnOutcome = "failed";
  try {
    outcome = await run();
  } finally {
    meter.turn(channel, outcome, (performance.now() - started) / 1000);
  }
}
