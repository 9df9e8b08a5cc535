import { describe, expect, it } from "vitest";
import { connectionReducer, initialConnectionState } from "../../agent-console/src/stores/connection-slice";
import { frozen, hello } from "./desk-fixtures";

/** The connection slice (stores/connection-slice.ts): state and action in, state out. */

describe("connection slice", () => {
  it("starts connecting and not ready; agent:hello makes it ready without touching the status", () => {
    expect(initialConnectionState).toEqual({ status: "connecting", ready: false });
    const state = connectionReducer(frozen(initialConnectionState), { type: "hello", hello: hello() });
    expect(state).toEqual({ status: "connecting", ready: true });
    expect(connectionReducer(frozen(state), { type: "hello", hello: hello() })).toEqual(state);
  });

  it("follows the socket's status, changing nothing for the same one", () => {
    const state = frozen(
      connectionReducer(initialConnectionState, { type: "connection", status: "connected" }),
    );
    expect(state.status).toBe("connected");
    expect(connectionReducer(state, { type: "connection", status: "connected" })).toBe(state);
    expect(connectionReducer(state, { type: "connection", status: "reconnecting" }).status).toBe(
      "reconnecting",
    );
  });
});
