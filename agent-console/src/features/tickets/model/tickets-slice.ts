import type { TicketView } from "../../../lib/protocol";

/** Messages citizens left when nobody could answer (agent:tickets, loaded on each connection). */

export interface TicketsState {
  /** Null until the first load. */
  items: TicketView[] | null;
}

export type TicketsAction =
  | { type: "tickets"; tickets: TicketView[] }
  | { type: "ticketAnswered"; ticketId: string };

export const initialTicketsState: TicketsState = { items: null };

export function ticketsReducer(state: TicketsState, action: TicketsAction): TicketsState {
  switch (action.type) {
    case "tickets":
      return { items: action.tickets };
    case "ticketAnswered":
      return state.items
        ? {
            items: state.items.map((t) =>
              t.id === action.ticketId ? { ...t, status: "answered" as const } : t,
            ),
          }
        : state;
  }
}
