import type { RoutingPolicy, RoutingStrategy } from "../types.js";
import { DynamicStrategy } from "./dynamic.js";
import { FifoLongestIdleStrategy } from "./fifo-longest-idle.js";
import { FifoRoundRobinStrategy } from "./fifo-round-robin.js";
import { LeastLoadedStrategy } from "./least-loaded.js";
import { StrictPriorityStrategy } from "./strict-priority.js";

/** Every routing algorithm by name; the server and the simulator (bench/routing) use this same map. */
export const strategies: Record<string, (policy: RoutingPolicy) => RoutingStrategy> = {
  dynamic: (policy) => new DynamicStrategy(policy),
  "fifo-round-robin": (policy) => new FifoRoundRobinStrategy(policy),
  "least-loaded": (policy) => new LeastLoadedStrategy(policy),
  "fifo-longest-idle": (policy) => new FifoLongestIdleStrategy(policy),
  "strict-priority": (policy) => new StrictPriorityStrategy(policy),
};

export {
  DynamicStrategy,
  FifoLongestIdleStrategy,
  FifoRoundRobinStrategy,
  LeastLoadedStrategy,
  StrictPriorityStrategy,
};
