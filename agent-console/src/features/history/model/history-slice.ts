import type { ClosedChatView } from "../../../lib/protocol";
import type { HelloAction } from "../../../stores/hello-action";

/** The chats this agent closed during the shift (agent:hello, then each close). */

export interface HistoryState {
  /** Newest first. */
  recentlyClosed: ClosedChatView[];
}

export type HistoryAction = HelloAction | { type: "chatClosed"; summary: ClosedChatView };

export const initialHistoryState: HistoryState = { recentlyClosed: [] };

/** The list keeps as many as the server sends at most (agent:hello). */
export const MAX_RECENTLY_CLOSED = 30;

export function historyReducer(state: HistoryState, action: HistoryAction): HistoryState {
  switch (action.type) {
    case "hello":
      return { recentlyClosed: action.hello.recentlyClosed.slice(0, MAX_RECENTLY_CLOSED) };
    case "chatClosed": {
      // First, once: the close is announced to every tab of the agent.
      const { summary } = action;
      const others = state.recentlyClosed.filter((c) => c.chatId !== summary.chatId);
      return { recentlyClosed: [summary, ...others].slice(0, MAX_RECENTLY_CLOSED) };
    }
  }
}
