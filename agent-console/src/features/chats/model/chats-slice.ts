import type {
  CannedReply,
  ChatContextView,
  ChatEndedReason,
  ClosedChatView,
  ErrorView,
  TranscriptMessageView,
  WrapUpCode,
} from "../../../lib/protocol";
import type { HelloAction } from "../../../stores/hello-action";
import { type ChatMessage, bySeq, pendingMessage, stored, updateUnsent, withStored } from "./messages";

/** The chats this agent has on screen, their transcripts, and the tools agent:hello gives for them. */

export type { ChatMessage } from "./messages";

export interface ChatState {
  chatId: string;
  context: ChatContextView;
  messages: ChatMessage[];
  citizenTyping: boolean;
  /** Set once the chat left this agent; the panel stays (greyed) until the agent removes it. */
  ended: ChatEndedReason | null;
}

export interface ChatsState {
  /** Left to right as the agent took them. */
  order: string[];
  byId: Record<string, ChatState>;
  wrapUpCodes: readonly WrapUpCode[];
  cannedReplies: CannedReply[];
}

export type ChatsAction =
  | HelloAction
  | { type: "chatOpened"; context: ChatContextView }
  | { type: "chatMessage"; chatId: string; message: TranscriptMessageView }
  | { type: "citizenTyping"; chatId: string; typing: boolean }
  /** `summary` (a close) is for the history list; this slice only marks the chat ended. */
  | { type: "chatEnded"; chatId: string; reason: ChatEndedReason; summary?: ClosedChatView }
  | { type: "chatRemoved"; chatId: string }
  | { type: "messagePending"; chatId: string; clientId: string; text: string; createdAt: string }
  | { type: "messageSent"; chatId: string; clientId: string; message: TranscriptMessageView }
  | { type: "messageFailed"; chatId: string; clientId: string; error: ErrorView };

export const initialChatsState: ChatsState = { order: [], byId: {}, wrapUpCodes: [], cannedReplies: [] };

/**
 * A chat as the server describes it (hello or accept), keeping what only this page knows: the
 * agent's messages not yet acknowledged, and whether the citizen is typing.
 */
function openChat(previous: ChatState | undefined, context: ChatContextView): ChatState {
  const fromServer = context.transcript.map(stored);
  const ids = new Set(fromServer.map((m) => m.id));
  const local = (previous?.messages ?? []).filter((m) => m.delivery !== "sent" && !ids.has(m.id));
  return {
    chatId: context.chatId,
    context,
    messages: [...fromServer.sort(bySeq), ...local],
    citizenTyping: previous?.citizenTyping ?? false,
    ended: null,
  };
}

/** The chats agent:hello gives, in the order they were on screen, new ones after. */
function reconnected(
  state: ChatsState,
  given: readonly ChatContextView[],
): Pick<ChatsState, "order" | "byId"> {
  const byId: Record<string, ChatState> = {};
  const order: string[] = [];
  const contexts = new Map(given.map((c) => [c.chatId, c]));
  for (const id of state.order) {
    const context = contexts.get(id);
    const previous = state.byId[id];
    if (context) byId[id] = openChat(previous, context);
    // Not given back after a reconnection: it left this agent meanwhile (the server requeues
    // the chats of an agent who drops out). Kept greyed so the agent sees what happened.
    else if (previous) byId[id] = { ...previous, citizenTyping: false, ended: previous.ended ?? "requeued" };
    else continue;
    order.push(id);
  }
  for (const context of given) {
    if (byId[context.chatId]) continue;
    byId[context.chatId] = openChat(undefined, context);
    order.push(context.chatId);
  }
  return { order, byId };
}

function updateChat(state: ChatsState, chatId: string, update: (chat: ChatState) => ChatState): ChatsState {
  const chat = state.byId[chatId];
  if (!chat) return state;
  const next = update(chat);
  return next === chat ? state : { ...state, byId: { ...state.byId, [chatId]: next } };
}

function withMessages(chat: ChatState, messages: ChatMessage[]): ChatState {
  return messages === chat.messages ? chat : { ...chat, messages };
}

export function chatsReducer(state: ChatsState, action: ChatsAction): ChatsState {
  switch (action.type) {
    case "hello":
      return {
        ...reconnected(state, action.hello.chats),
        wrapUpCodes: action.hello.wrapUpCodes,
        cannedReplies: action.hello.cannedReplies,
      };

    case "chatOpened": {
      const { context } = action;
      return {
        ...state,
        order: state.order.includes(context.chatId) ? state.order : [...state.order, context.chatId],
        byId: { ...state.byId, [context.chatId]: openChat(state.byId[context.chatId], context) },
      };
    }

    case "chatMessage":
      return updateChat(state, action.chatId, (chat) => {
        const messages = withStored(chat.messages, action.message);
        if (messages === chat.messages) return chat;
        // A citizen's message ends their typing.
        return {
          ...chat,
          messages,
          citizenTyping: action.message.role === "citizen" ? false : chat.citizenTyping,
        };
      });

    case "citizenTyping":
      return updateChat(state, action.chatId, (chat) =>
        chat.citizenTyping === action.typing || chat.ended ? chat : { ...chat, citizenTyping: action.typing },
      );

    case "chatEnded":
      return updateChat(state, action.chatId, (chat) =>
        chat.ended ? chat : { ...chat, ended: action.reason, citizenTyping: false },
      );

    case "chatRemoved": {
      if (!state.byId[action.chatId]) return state;
      const { [action.chatId]: _removed, ...byId } = state.byId;
      return { ...state, byId, order: state.order.filter((id) => id !== action.chatId) };
    }

    case "messagePending":
      return updateChat(state, action.chatId, (chat) => {
        // A retry: the failed message goes back to pending, in its place.
        const retried = updateUnsent(chat.messages, action.clientId, (m) => {
          const { error: _error, ...rest } = m;
          return { ...rest, delivery: "pending" };
        });
        if (retried !== chat.messages) return withMessages(chat, retried);
        const message = pendingMessage(action.clientId, action.text, action.createdAt);
        return withMessages(chat, [...chat.messages, message]);
      });

    case "messageSent":
      return updateChat(state, action.chatId, (chat) => {
        // The stored message takes the pending one's place (once: a retry may be acked twice).
        const without = updateUnsent(chat.messages, action.clientId, () => null);
        return { ...chat, messages: withStored(without, action.message) };
      });

    case "messageFailed":
      return updateChat(state, action.chatId, (chat) =>
        withMessages(
          chat,
          updateUnsent(chat.messages, action.clientId, (m) => ({
            ...m,
            delivery: "failed",
            error: action.error,
          })),
        ),
      );
  }
}
