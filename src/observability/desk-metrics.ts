import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { DeskMeter } from "./desk-meter.js";
import { type LiveSources, liveGauges } from "./live-gauges.js";

/** The registry a desk's /metrics serves, and the meter its parts count into. */
export interface DeskMetrics {
  registry: Registry;
  meter: DeskMeter;
}

/** A code as a label: codes are a closed catalogue, but a label must never carry anything else. */
const codeLabel = (code: string) => (/^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : "OTHER");

/**
 * The desk's Prometheus figures in a registry of its own (never prom-client's global one: two desks
 * in one process, as in the tests, keep their counts apart), with the process's default figures
 * (CPU, memory, event-loop delay `nodejs_eventloop_lag_*`, GC) beside them. Counters and
 * histograms are stepped by the parts through the meter; the queue, the agents and the sockets are
 * read when scraped (live-gauges.ts).
 */
export function deskMetrics(live: LiveSources): DeskMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const received = new Counter({
    name: "desk_messages_received_total",
    help: "Messages that reached the desk: citizens' by their channel, agents' from the console (channel=console).",
    labelNames: ["channel", "role"] as const,
    registers,
  });
  const replies = new Counter({
    name: "desk_bot_replies_total",
    help: "The bot's replies to citizens' messages, by what it decided (src/domain/decision.ts).",
    labelNames: ["decision"] as const,
    registers,
  });
  const understanding = new Histogram({
    name: "desk_nlu_understanding_seconds",
    help: "Time to understand one text of a citizen's turn (the model, in its worker thread by default).",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers,
  });
  const turns = new Histogram({
    name: "desk_turn_seconds",
    help: "A citizen's turn, from the message's arrival to its reply stored (or its relay to the agent).",
    labelNames: ["channel", "outcome"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const offers = new Counter({
    name: "desk_offers_total",
    help: "Offers of a waiting chat to an agent: made, and how each ended (accepted, declined, timed_out).",
    labelNames: ["outcome"] as const,
    registers,
  });
  const waits = new Histogram({
    name: "desk_queue_wait_seconds",
    help: "How long a citizen waited for a person, from asking to an agent first accepting the chat.",
    labelNames: ["urgency"] as const,
    buckets: [5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600],
    registers,
  });
  const refusals = new Counter({
    name: "desk_errors_total",
    help: "Coded refusals answered to clients, by where (http, chat socket, agent socket) and code.",
    labelNames: ["surface", "code"] as const,
    registers,
  });
  liveGauges(registry, live);
  return {
    registry,
    meter: {
      messageReceived: (channel, role) => received.inc({ channel, role }),
      replied: (decision) => replies.inc({ decision: decision ?? "none" }),
      understood: (seconds) => understanding.observe(seconds),
      turn: (channel, outcome, seconds) => turns.observe({ channel, outcome }, seconds),
      offer: (outcome) => offers.inc({ outcome }),
      waitedForAgent: (seconds, urgency) => waits.observe({ urgency }, Math.max(0, seconds)),
      refused: (surface, code) => refusals.inc({ surface, code: codeLabel(code) }),
    },
  };
}
