import type {
  AgentProfileView,
  CannedReply,
  ChatContextView,
  ChatEndedReason,
  ClosedChatView,
  ErrorView,
  Hello,
  IntentNameView,
  OfferView,
  OfferWithdrawnReason,
  Presence,
  QueueItemView,
  TicketView,
  TranscriptMessageView,
  WrapUpCode,
} from "../lib/protocol";

/**
 * Everything the console knows after sign-in, fed by the `/agent` socket and by the agent's own
 * actions. Pure: `deskReducer(state, action)` is the only way it changes (stores/desk-store.ts).
 */

export type ConnectionStatus = "connecting" | "connected" | "reconnecting";

/** A transcript line: as the server stored it, or one of the agent's own still on its way. */
export interface ChatMessage extends TranscriptMessageView {
  /** Set on the agent's own messages sent from this console. */
  clientId?: string;
  delivery: "sent" | "pending" | "failed";
  /** Why a failed message was refused. */
  error?: ErrorView;
}

export interface ChatState {
  chatId: string;
  context: ChatContextView;
  messages: ChatMessage[];
  citizenTyping: boolean;
  /** Set once the chat left this agent; the panel stays (greyed) until the agent removes it. */
  ended: ChatEndedReason | null;
}

/** A banner: an error (stays until dismissed) or a notice (goes by itself). */
export interface Notice {
  id: number;
  kind: "error" | "info";
  /** An error, shown translated when its code is known. */
  error?: ErrorView;
  /** An offer that lapsed or was withdrawn. */
  offerWithdrawn?: OfferWithdrawnReason;
}

export interface DeskState {
  connection: ConnectionStatus;
  /** Whether agent:hello arrived at least once on this sign-in. */
  ready: boolean;
  agent: AgentProfileView | null;
  presence: Presence;
  queue: QueueItemView[];
  offers: OfferView[];
  /** Left to right as the agent took them. */
  chatOrder: string[];
  chats: Record<string, ChatState>;
  wrapUpCodes: readonly WrapUpCode[];
  cannedReplies: CannedReply[];
  tickets: TicketView[] | null;
  /** Intent names by id (agent:hello), to show instead of the ids. */
  intentNames: Record<string, IntentNameView>;
  /** Chats this agent closed during the shift, newest first. */
  recentlyClosed: ClosedChatView[];
  /** The service's IANA time zone: every time on screen is in it. Null until agent:hello. */
  timeZone: string | null;
  notices: Notice[];
  nextNoticeId: number;
}

export type DeskAction =
  | { type: "connection"; status: ConnectionStatus }
  | { type: "hello"; hello: Hello }
  | { type: "queue"; queue: QueueItemView[] }
  | { type: "offer"; offer: OfferView }
  | { type: "offerRemoved"; chatId: string }
  | { type: "chatOpened"; context: ChatContextView }
  | { type: "chatMessage"; chatId: string; message: TranscriptMessageView }
  | { type: "citizenTyping"; chatId: string; typing: boolean }
  | { type: "chatEnded"; chatId: string; reason: ChatEndedReason; summary?: ClosedChatView }
  | { type: "chatRemoved"; chatId: string }
  | { type: "messagePending"; chatId: string; clientId: string; text: string; createdAt: string }
  | { type: "messageSent"; chatId: string; clientId: string; message: TranscriptMessageView }
  | { type: "messageFailed"; chatId: string; clientId: string; error: ErrorView }
  | { type: "presence"; presence: Presence }
  | { type: "tickets"; tickets: TicketView[] }
  | { type: "ticketAnswered"; ticketId: string }
  | { type: "notice"; notice: Omit<Notice, "id"> }
  | { type: "noticeDismissed"; id: number };

export const initialDeskState: DeskState = {
  connection: "connecting",
  ready: false,
  agent: null,
  presence: "offline",
  queue: [],
  offers: [],
  chatOrder: [],
  chats: {},
  wrapUpCodes: [],
  cannedReplies: [],
  tickets: null,
  intentNames: {},
  recentlyClosed: [],
  timeZone: null,
  notices: [],
  nextNoticeId: 1,
};

/** At most this many banners: a burst of errors must not push the chats off the screen. */
const MAX_NOTICES = 4;

/** The "recently closed" list keeps as many as the server sends at most (agent:hello). */
export const MAX_RECENTLY_CLOSED = 30;

/** A closed chat's line goes first, once (the close is announced to every tab of the agent). */
function withClosed(list: ClosedChatView[], summary: ClosedChatView): ClosedChatView[] {
  return [summary, ...list.filter((c) => c.chatId !== summary.chatId)].slice(0, MAX_RECENTLY_CLOSED);
}

function stored(message: TranscriptMessageView): ChatMessage {
  return { ...message, delivery: "sent" };
}

function bySeq(a: ChatMessage, b: ChatMessage): number {
  // The agent's own unsent messages stay last, in the order they were written.
  if (a.delivery !== "sent" || b.delivery !== "sent")
    return a.delivery === "sent" ? -1 : b.delivery === "sent" ? 1 : 0;
  return a.seq - b.seq;
}

/** Adds a stored message once (by id), keeping the transcript in server order. */
function withStored(messages: ChatMessage[], message: TranscriptMessageView): ChatMessage[] {
  if (messages.some((m) => m.delivery === "sent" && m.id === message.id)) return messages;
  return [...messages, stored(message)].sort(bySeq);
}

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

function updateChat(state: DeskState, chatId: string, update: (chat: ChatState) => ChatState): DeskState {
  const chat = state.chats[chatId];
  if (!chat) return state;
  const next = update(chat);
  return next === chat ? state : { ...state, chats: { ...state.chats, [chatId]: next } };
}

function updateMessage(
  chat: ChatState,
  clientId: string,
  update: (m: ChatMessage) => ChatMessage | null,
): ChatState {
  const index = chat.messages.findIndex((m) => m.clientId === clientId && m.delivery !== "sent");
  if (index < 0) return chat;
  const current = chat.messages[index]!;
  const next = update(current);
  const messages = [...chat.messages];
  if (next) messages[index] = next;
  else messages.splice(index, 1);
  return { ...chat, messages };
}

export function deskReducer(state: DeskState, action: DeskAction): DeskState {
  switch (action.type) {
    case "connection":
      return state.connection === action.status ? state : { ...state, connection: action.status };

    case "hello": {
      const { hello } = action;
      const chats: Record<string, ChatState> = {};
      const order: string[] = [];
      // Chats the server still gives this agent, in the order they were on screen, new ones after.
      const given = new Map(hello.chats.map((c) => [c.chatId, c]));
      for (const id of state.chatOrder) {
        const context = given.get(id);
        const previous = state.chats[id];
        if (context) chats[id] = openChat(previous, context);
        // Not given back after a reconnection: it left this agent meanwhile (the server requeues
        // the chats of an agent who drops out). Kept greyed so the agent sees what happened.
        else if (previous)
          chats[id] = { ...previous, citizenTyping: false, ended: previous.ended ?? "requeued" };
        else continue;
        order.push(id);
      }
      for (const context of hello.chats) {
        if (chats[context.chatId]) continue;
        chats[context.chatId] = openChat(undefined, context);
        order.push(context.chatId);
      }
      return {
        ...state,
        ready: true,
        agent: hello.agent,
        presence: hello.presence,
        queue: hello.queue,
        offers: hello.offers,
        chatOrder: order,
        chats,
        wrapUpCodes: hello.wrapUpCodes,
        cannedReplies: hello.cannedReplies,
        intentNames: Object.fromEntries(hello.intents.map((i) => [i.id, i])),
        recentlyClosed: hello.recentlyClosed.slice(0, MAX_RECENTLY_CLOSED),
        timeZone: hello.timeZone,
      };
    }

    case "queue":
      return { ...state, queue: action.queue };

    case "offer":
      return {
        ...state,
        offers: [...state.offers.filter((o) => o.chatId !== action.offer.chatId), action.offer],
      };

    case "offerRemoved":
      return state.offers.some((o) => o.chatId === action.chatId)
        ? { ...state, offers: state.offers.filter((o) => o.chatId !== action.chatId) }
        : state;

    case "chatOpened": {
      const { context } = action;
      const exists = state.chatOrder.includes(context.chatId);
      return {
        ...state,
        offers: state.offers.filter((o) => o.chatId !== context.chatId),
        chatOrder: exists ? state.chatOrder : [...state.chatOrder, context.chatId],
        chats: { ...state.chats, [context.chatId]: openChat(state.chats[context.chatId], context) },
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

    case "chatEnded": {
      const next = updateChat(state, action.chatId, (chat) =>
        chat.ended ? chat : { ...chat, ended: action.reason, citizenTyping: false },
      );
      // The agent's own close removed the panel already; the line for the list still comes.
      return action.summary
        ? { ...next, recentlyClosed: withClosed(next.recentlyClosed, action.summary) }
        : next;
    }

    case "chatRemoved": {
      if (!state.chats[action.chatId]) return state;
      const { [action.chatId]: _removed, ...chats } = state.chats;
      return { ...state, chats, chatOrder: state.chatOrder.filter((id) => id !== action.chatId) };
    }

    case "messagePending":
      return updateChat(state, action.chatId, (chat) => {
        const retried = updateMessage(chat, action.clientId, (m) => {
          const { error: _error, ...rest } = m;
          return { ...rest, delivery: "pending" };
        });
        if (retried !== chat) return retried;
        const message: ChatMessage = {
          id: `local:${action.clientId}`,
          seq: Number.MAX_SAFE_INTEGER,
          role: "agent",
          text: action.text,
          createdAt: action.createdAt,
          clientId: action.clientId,
          delivery: "pending",
        };
        return { ...chat, messages: [...chat.messages, message] };
      });

    case "messageSent":
      return updateChat(state, action.chatId, (chat) => {
        // The stored message takes the pending one's place (once: a retry may be acked twice).
        const without = updateMessage(chat, action.clientId, () => null);
        return { ...without, messages: withStored(without.messages, action.message) };
      });

    case "messageFailed":
      return updateChat(state, action.chatId, (chat) =>
        updateMessage(chat, action.clientId, (m) => ({ ...m, delivery: "failed", error: action.error })),
      );

    case "presence":
      return state.presence === action.presence ? state : { ...state, presence: action.presence };

    case "tickets":
      return { ...state, tickets: action.tickets };

    case "ticketAnswered":
      return state.tickets
        ? {
            ...state,
            tickets: state.tickets.map((t) =>
              t.id === action.ticketId ? { ...t, status: "answered" as const } : t,
            ),
          }
        : state;

    case "notice": {
      const notice: Notice = { ...action.notice, id: state.nextNoticeId };
      return {
        ...state,
        notices: [...state.notices, notice].slice(-MAX_NOTICES),
        nextNoticeId: state.nextNoticeId + 1,
      };
    }

    case "noticeDismissed":
      return { ...state, notices: state.notices.filter((n) => n.id !== action.id) };
  }
}
