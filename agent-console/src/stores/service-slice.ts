import type { IntentNameView } from "../lib/protocol";
import type { HelloAction } from "./hello-action";

/** What agent:hello says about the service itself, read by several features (chats, history, tickets). */

export interface ServiceState {
  /** Intent names by id, to show instead of the ids. */
  intentNames: Record<string, IntentNameView>;
  /** The service's IANA time zone: every time on screen is in it. Null until agent:hello. */
  timeZone: string | null;
}

export type ServiceAction = HelloAction;

export const initialServiceState: ServiceState = { intentNames: {}, timeZone: null };

export function serviceReducer(_state: ServiceState, action: ServiceAction): ServiceState {
  const { hello } = action;
  return {
    intentNames: Object.fromEntries(hello.intents.map((i) => [i.id, i])),
    timeZone: hello.timeZone,
  };
}
