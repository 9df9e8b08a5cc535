import type { Redis } from "ioredis";
import type { Server } from "socket.io";
import type { Config } from "../config.js";
import { InProcessRoutingState } from "../routing/state/in-process.js";
import type { RoutingStatePort } from "../routing/state/port.js";
import type { Storage, StaffSessionStore } from "../storage/ports.js";
import { Jobs } from "../jobs/jobs.js";
import { LocalDelayedJobs } from "../jobs/local-delayed-jobs.js";
import { InProcessLimitStore, type LimitStore } from "../security/rate-limit.js";
import { InProcessSharedValues, RedisSharedValues, type SharedValues } from "./shared-values.js";

/** What is shared between instances in Redis mode, and kept in this process on embedded defaults. */
export interface Infra {
  mode: "local" | "redis";
  /** Who waits and who has what: the live queue. */
  routingState: RoutingStatePort;
  /** Delayed jobs by name (offer timeouts, grace periods, idle applications). */
  jobs: Jobs;
  /** Counters for the abuse limits shared by sockets (per address, per conversation). */
  limits: LimitStore;
  /** Staff sessions: a sign-out anywhere refuses the token everywhere (the store's table locally). */
  staffSessions: StaffSessionStore;
  /** Small values every instance reads alike (WeChat's access token). */
  shared: SharedValues;
  /** Whether what is shared answers now (Redis mode: a PING on its connection), for /readyz; locally always. */
  ping(): Promise<boolean>;
  /** Makes room broadcasts reach sockets on every instance (Redis mode); nothing to do locally. */
  attachSockets(io: Server): Promise<void>;
  /** Stops the jobs, then the routing state, then the connections, in that order. */
  close(): Promise<void>;
}

/**
 * In this process by default; in Redis (shared by every instance) when REDIS_URL is set. Redis
 * mode's libraries are loaded only then: an embedded start does not pay for them.
 */
export async function createInfra(
  config: Pick<Config, "redis">,
  deps: {
    storage: Storage;
    onJobError: (error: unknown) => void;
    onLimitsError: (error: unknown) => void;
    /** A shared Redis connection lost or refused (each retry; the caller keeps the log quiet). */
    onConnectionError?: (error: unknown) => void;
  },
): Promise<Infra> {
  const { onJobError } = deps;
  if (!config.redis) {
    const routingState = new InProcessRoutingState();
    const jobs = new Jobs(new LocalDelayedJobs({ onError: onJobError, store: deps.storage.delayedJobs }));
    const limits = new InProcessLimitStore();
    return {
      mode: "local",
      routingState,
      jobs,
      limits,
      staffSessions: deps.storage.staffSessions,
      shared: new InProcessSharedValues(),
      ping: async () => true,
      attachSockets: async () => {},
      async close() {
        await jobs.close();
        await routingState.close();
        await limits.close();
      },
    };
  }
  const [{ Redis }, { RedisRoutingState }, { BullmqDelayedJobs }, { RedisLimitStore }, { RedisStaffSessionStore, staffSessionsPrefix }] = await Promise.all([
    import("ioredis"),
    import("../routing/state/redis.js"),
    import("../jobs/bullmq-delayed-jobs.js"),
    import("../security/redis-limit-store.js"),
    import("../storage/redis/staff-session-store.js"),
  ]);
  const { url, prefix } = config.redis;
  const clients: Redis[] = [];
  const client = new Redis(url, { maxRetriesPerRequest: 3 });
  const onConnectionError = deps.onConnectionError ?? (() => {});
  // ioredis reconnects by itself; without a listener it would also print every failed attempt.
  client.on("error", onConnectionError);
  clients.push(client);
  const routingState = new RedisRoutingState(client, { prefix: `${prefix}:routing` });
  const jobs = new Jobs(new BullmqDelayedJobs({ connection: { url }, queueName: "desk-delayed", prefix: `${prefix}:bull`, onError: onJobError }));
  // When Redis is away, a limit is counted in this process at once: nobody is refused or kept waiting for it.
  const limits = await RedisLimitStore.connect(url, `${prefix}:limits`, deps.onLimitsError);
  return {
    mode: "redis",
    routingState,
    jobs,
    limits,
    staffSessions: new RedisStaffSessionStore(client, staffSessionsPrefix(prefix)),
    shared: new RedisSharedValues(client, `${prefix}:shared`),
    async ping() {
      // While reconnecting a command would wait in ioredis's queue: not answering is the answer.
      if (client.status !== "ready") return false;
      return (await client.ping().catch(() => "")) === "PONG";
    },
    async attachSockets(io) {
      // Room broadcasts reach sockets on every instance: a citizen on one, their agent on another.
      // Through a Redis stream (not pub/sub): an instance cut off from Redis for a while, or a Redis
      // restart, resumes reading where it stopped instead of losing what was broadcast meanwhile.
      const { createAdapter } = await import("@socket.io/redis-streams-adapter");
      // Its reads block (XREAD): a connection of its own.
      const streams = new Redis(url);
      streams.on("error", onConnectionError);
      clients.push(streams);
      io.adapter(
        createAdapter(streams, {
          streamName: `${prefix}:socket.io`,
          channelPrefix: `${prefix}:socket.io`,
          sessionKeyPrefix: `${prefix}:socket.io:session:`,
          // The desk's events are JSON: no binary attachments to look for.
          onlyPlaintext: true,
        }),
      );
    },
    async close() {
      await jobs.close();
      await routingState.close();
      await limits.close();
      await Promise.allSettled(clients.map((c) => c.quit()));
    },
  };
}
