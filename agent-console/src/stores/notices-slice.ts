import type { ErrorView, OfferWithdrawnReason } from "../lib/protocol";

/** The banners under the header (app/Notices.tsx); any feature may raise one. */

/** A banner: an error (stays until dismissed) or a notice (goes by itself). */
export interface Notice {
  id: number;
  kind: "error" | "info";
  /** An error, shown translated when its code is known. */
  error?: ErrorView;
  /** An offer that lapsed or was withdrawn. */
  offerWithdrawn?: OfferWithdrawnReason;
}

export interface NoticesState {
  items: Notice[];
  nextId: number;
}

export type NoticesAction =
  | { type: "notice"; notice: Omit<Notice, "id"> }
  | { type: "noticeDismissed"; id: number };

export const initialNoticesState: NoticesState = { items: [], nextId: 1 };

/** At most this many banners: a burst of errors must not push the chats off the screen. */
export const MAX_NOTICES = 4;

export function noticesReducer(state: NoticesState, action: NoticesAction): NoticesState {
  switch (action.type) {
    case "notice": {
      const notice: Notice = { ...action.notice, id: state.nextId };
      return { items: [...state.items, notice].slice(-MAX_NOTICES), nextId: state.nextId + 1 };
    }
    case "noticeDismissed":
      return { ...state, items: state.items.filter((n) => n.id !== action.id) };
  }
}
