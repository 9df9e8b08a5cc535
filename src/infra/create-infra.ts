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
  deps: { storage: Storage; onJobError: (error: unknown) => void; onLimitsError: (error: unknown) => void },
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
    async attachSockets(io) {
      // Room broadcasts reach sockets on every instance: a citizen on one, their agent on another.
      const { createAdapter } = await import("@socket.io/redis-adapter");
      const pub = new Redis(url);
      const sub = pub.duplicate();
      clients.push(pub, sub);
      io.adapter(createAdapter(pub, sub, { key: `${prefix}:socket.io` }));
    },
    async close() {
      await jobs.close();
      await routingState.close();
      await limits.close();
      await Promise.allSettled(clients.map((c) => c.quit()));
    },
  };
}
