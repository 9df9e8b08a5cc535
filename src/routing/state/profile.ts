import { RoutingError } from "../errors.js";
import type { AgentProfile } from "./port.js";

/**
 * Checked before any state is touched, the same way in every adapter, so a bad profile is refused
 * with the same code whichever state the server runs on.
 */
export function checkProfile(profile: AgentProfile): void {
  if (!Number.isInteger(profile.capacity) || profile.capacity < 0 || profile.languages.length === 0) {
    throw new RoutingError("ROUTING_BAD_AGENT", profile.id);
  }
}

/**
 * Arrival order with the id as tie-break: a sorted set orders equal scores by member, so the
 * in-process state breaks ties the same way and both adapters hand strategies the same queue.
 */
export function byArrival(
  a: { arrivedAt: number; id: string },
  b: { arrivedAt: number; id: string },
): number {
  return a.arrivedAt - b.arrivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
