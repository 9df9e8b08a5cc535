import type { HelloAction } from "./hello-action";

/** The socket, as the console shows it in the header; shared by the app and every feature. */

export type ConnectionStatus = "connecting" | "connected" | "reconnecting";

export interface ConnectionState {
  status: ConnectionStatus;
  /** Whether agent:hello arrived at least once on this sign-in. */
  ready: boolean;
}

export type ConnectionAction = { type: "connection"; status: ConnectionStatus } | HelloAction;

export const initialConnectionState: ConnectionState = { status: "connecting", ready: false };

export function connectionReducer(state: ConnectionState, action: ConnectionAction): ConnectionState {
  switch (action.type) {
    case "connection":
      return state.status === action.status ? state : { ...state, status: action.status };
    case "hello":
      return state.ready ? state : { ...state, ready: true };
  }
}
