import type { OfferView, QueueItemView } from "../../../lib/protocol";
import type { HelloAction } from "../../../stores/hello-action";

/** The desk's queue (agent:queue) and the chats offered to this agent (agent:offer). */

export interface QueueState {
  /** Everyone waiting for (or with) an agent, as agent:queue last described it. */
  items: QueueItemView[];
  /** Chats offered to this agent, oldest first. */
  offers: OfferView[];
}

export type QueueAction =
  | HelloAction
  | { type: "queue"; queue: QueueItemView[] }
  | { type: "offer"; offer: OfferView }
  | { type: "offerRemoved"; chatId: string };

export const initialQueueState: QueueState = { items: [], offers: [] };

export function queueReducer(state: QueueState, action: QueueAction): QueueState {
  switch (action.type) {
    case "hello":
      return { items: action.hello.queue, offers: action.hello.offers };
    case "queue":
      return { ...state, items: action.queue };
    case "offer":
      return {
        ...state,
        offers: [...state.offers.filter((o) => o.chatId !== action.offer.chatId), action.offer],
      };
    case "offerRemoved":
      return state.offers.some((o) => o.chatId === action.chatId)
        ? { ...state, offers: state.offers.filter((o) => o.chatId !== action.chatId) }
        : state;
  }
}
