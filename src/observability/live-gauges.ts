import { Gauge, type Registry } from "prom-client";
import type { RoutingStatePort } from "../routing/state/port.js";

/** Where the figures read at scrape time come from. */
export interface LiveSources {
  /** The live queue's shared state (in this process, or Redis shared by every instance). */
  routing: Pick<RoutingStatePort, "chats" | "agentStates">;
  /** Sockets open on this instance, by socket.io namespace ("/" citizens, "/agent" the console). */
  sockets: Record<string, () => number>;
  /** A read that failed at scrape: its figures are left out of that scrape. */
  onError: (error: unknown, what: string) => void;
}

const CHAT_STATUSES = ["waiting", "offered", "active"] as const;
const AGENT_STATUSES = ["online", "away", "offline"] as const;

/**
 * Gauges read when Prometheus scrapes, not kept up to date as things change: the queue and the
 * agents come from the routing state, so with Redis every instance reports the same desk-wide
 * figures (aggregate them with max, not sum); the sockets are this instance's own. Nothing here
 * runs on the message path.
 */
export function liveGauges(registry: Registry, live: LiveSources): void {
  const registers = [registry];
  // The queue's two gauges share one read per scrape (prom-client asks every metric at once).
  let reading: Promise<Awaited<ReturnType<LiveSources["routing"]["chats"]>> | undefined> | undefined;
  const chats = () => {
    reading ??= live.routing
      .chats()
      .catch((error) => {
        live.onError(error, "reading the queue for /metrics");
        return undefined;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  new Gauge({
    name: "desk_queue_length",
    help: "Chats waiting for a person (in line, or offered to an agent and not yet accepted).",
    registers,
    async collect() {
      const all = await chats();
      this.reset();
      if (all) this.set(all.filter((c) => c.status !== "active").length);
    },
  });
  new Gauge({
    name: "desk_handoff_chats",
    help: "Chats at the live desk by status: waiting in line, offered to an agent, active with one.",
    labelNames: ["status"] as const,
    registers,
    async collect() {
      const all = await chats();
      this.reset();
      if (!all) return;
      for (const status of CHAT_STATUSES) this.set({ status }, all.filter((c) => c.status === status).length);
    },
  });
  new Gauge({
    name: "desk_agents",
    help: "Agents known to the live desk by status: online (takes chats), away (keeps its chats, no new ones), offline.",
    labelNames: ["status"] as const,
    registers,
    async collect() {
      this.reset();
      try {
        const agents = await live.routing.agentStates();
        for (const status of AGENT_STATUSES) {
          this.set(
            { status },
            agents.filter((a) => (a.presence ?? (a.online ? "online" : "away")) === status).length,
          );
        }
      } catch (error) {
        live.onError(error, "reading the agents for /metrics");
      }
    },
  });
  new Gauge({
    name: "desk_socket_connections",
    help: "Sockets open on this instance, by namespace: / (citizens' chat), /agent (the console).",
    labelNames: ["namespace"] as const,
    registers,
    collect() {
      for (const [namespace, count] of Object.entries(live.sockets)) this.set({ namespace }, count());
    },
  });
}
