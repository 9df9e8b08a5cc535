import { describe, expect, it } from "vitest";
import { agentReducer, initialAgentState } from "../../agent-console/src/features/agent/model/agent-slice";
import { frozen, hello, profile } from "./desk-fixtures";

/** The agent slice (features/agent/model/agent-slice.ts): state and action in, state out. */

describe("agent slice", () => {
  it("starts offline with no profile, then takes both from agent:hello", () => {
    expect(initialAgentState).toEqual({ profile: null, presence: "offline" });
    const state = agentReducer(frozen(initialAgentState), {
      type: "hello",
      hello: hello({ agent: profile({ displayName: "Bo" }), presence: "away" }),
    });
    expect(state.profile?.displayName).toBe("Bo");
    expect(state.presence).toBe("away");
  });

  it("follows the agent's own presence changes, and changes nothing for the same one", () => {
    const state = frozen(agentReducer(initialAgentState, { type: "presence", presence: "online" }));
    expect(state.presence).toBe("online");
    expect(agentReducer(state, { type: "presence", presence: "online" })).toBe(state);
    expect(agentReducer(state, { type: "presence", presence: "away" }).presence).toBe("away");
  });
});
