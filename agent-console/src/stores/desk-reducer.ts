import {
  type AgentAction,
  type AgentState,
  agentReducer,
  initialAgentState,
} from "../features/agent/model/agent-slice";
import {
  type ChatsAction,
  type ChatsState,
  chatsReducer,
  initialChatsState,
} from "../features/chats/model/chats-slice";
import {
  type HistoryAction,
  type HistoryState,
  historyReducer,
  initialHistoryState,
} from "../features/history/model/history-slice";
import {
  initialQueueState,
  type QueueAction,
  type QueueState,
  queueReducer,
} from "../features/queue/model/queue-slice";
import {
  initialTicketsState,
  type TicketsAction,
  type TicketsState,
  ticketsReducer,
} from "../features/tickets/model/tickets-slice";
import {
  type ConnectionAction,
  type ConnectionState,
  connectionReducer,
  initialConnectionState,
} from "./connection-slice";
import { initialNoticesState, type NoticesAction, type NoticesState, noticesReducer } from "./notices-slice";
import { initialServiceState, type ServiceAction, type ServiceState, serviceReducer } from "./service-slice";

/**
 * Everything the console knows after sign-in, fed by the `/agent` socket and by the agent's own
 * actions: one slice per feature that has state (features/<name>/model/<name>-slice.ts), plus the
 * shared ones here. Pure: `deskReducer(state, action)` is the only way it changes
 * (stores/desk-store.ts); it hands each action to the slice that owns it.
 */
export interface DeskState {
  connection: ConnectionState;
  service: ServiceState;
  notices: NoticesState;
  agent: AgentState;
  queue: QueueState;
  chats: ChatsState;
  tickets: TicketsState;
  history: HistoryState;
}

export type DeskAction =
  | ConnectionAction
  | ServiceAction
  | NoticesAction
  | AgentAction
  | QueueAction
  | ChatsAction
  | TicketsAction
  | HistoryAction;

export const initialDeskState: DeskState = {
  connection: initialConnectionState,
  service: initialServiceState,
  notices: initialNoticesState,
  agent: initialAgentState,
  queue: initialQueueState,
  chats: initialChatsState,
  tickets: initialTicketsState,
  history: initialHistoryState,
};

/** The state with one slice replaced; the same state when the slice did not change. */
function withSlice<K extends keyof DeskState>(state: DeskState, key: K, slice: DeskState[K]): DeskState {
  return slice === state[key] ? state : { ...state, [key]: slice };
}

export function deskReducer(state: DeskState, action: DeskAction): DeskState {
  switch (action.type) {
    case "hello":
      return {
        ...state,
        connection: connectionReducer(state.connection, action),
        service: serviceReducer(state.service, action),
        agent: agentReducer(state.agent, action),
        queue: queueReducer(state.queue, action),
        chats: chatsReducer(state.chats, action),
        history: historyReducer(state.history, action),
      };

    case "connection":
      return withSlice(state, "connection", connectionReducer(state.connection, action));

    case "notice":
    case "noticeDismissed":
      return withSlice(state, "notices", noticesReducer(state.notices, action));

    case "presence":
      return withSlice(state, "agent", agentReducer(state.agent, action));

    case "queue":
    case "offer":
    case "offerRemoved":
      return withSlice(state, "queue", queueReducer(state.queue, action));

    case "chatOpened": {
      const next = withSlice(state, "chats", chatsReducer(state.chats, action));
      // A chat taken (here or in another tab) is no longer on offer: its offer leaves the queue slice.
      const offerGone = { type: "offerRemoved", chatId: action.context.chatId } as const;
      return withSlice(next, "queue", queueReducer(next.queue, offerGone));
    }

    case "chatEnded": {
      const next = withSlice(state, "chats", chatsReducer(state.chats, action));
      // A close's summary is the history's line, even when the agent's own close removed the panel.
      return action.summary
        ? withSlice(
            next,
            "history",
            historyReducer(next.history, { type: "chatClosed", summary: action.summary }),
          )
        : next;
    }

    case "chatMessage":
    case "citizenTyping":
    case "chatRemoved":
    case "messagePending":
    case "messageSent":
    case "messageFailed":
      return withSlice(state, "chats", chatsReducer(state.chats, action));

    case "tickets":
    case "ticketAnswered":
      return withSlice(state, "tickets", ticketsReducer(state.tickets, action));

    case "chatClosed":
      return withSlice(state, "history", historyReducer(state.history, action));
  }
}
