import type { AgentProfileView, Presence } from "../../../lib/protocol";
import type { HelloAction } from "../../../stores/hello-action";

/** Who is signed in and their presence, as agent:hello and the agent's own changes say. */

export interface AgentState {
  /** The server's current profile; null until agent:hello (the header shows the sign-in's). */
  profile: AgentProfileView | null;
  presence: Presence;
}

export type AgentAction = HelloAction | { type: "presence"; presence: Presence };

export const initialAgentState: AgentState = { profile: null, presence: "offline" };

export function agentReducer(state: AgentState, action: AgentAction): AgentState {
  switch (action.type) {
    case "hello":
      return { profile: action.hello.agent, presence: action.hello.presence };
    case "presence":
      return state.presence === action.presence ? state : { ...state, presence: action.presence };
  }
}
