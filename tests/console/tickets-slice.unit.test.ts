import { describe, expect, it } from "vitest";
import {
  initialTicketsState,
  ticketsReducer,
} from "../../agent-console/src/features/tickets/model/tickets-slice";
import { frozen, ticket } from "./desk-fixtures";

/** The tickets slice (features/tickets/model/tickets-slice.ts): state and action in, state out. */

describe("tickets slice", () => {
  it("knows no messages until the first load, then replaces the list whole", () => {
    expect(initialTicketsState.items).toBeNull();
    const state = ticketsReducer(frozen(initialTicketsState), { type: "tickets", tickets: [ticket("t1")] });
    expect(state.items?.map((t) => t.id)).toEqual(["t1"]);
    expect(ticketsReducer(frozen(state), { type: "tickets", tickets: [] }).items).toEqual([]);
  });

  it("marks the answered message answered and leaves the others", () => {
    const state = frozen(
      ticketsReducer(initialTicketsState, { type: "tickets", tickets: [ticket("t1"), ticket("t2")] }),
    );
    const next = ticketsReducer(state, { type: "ticketAnswered", ticketId: "t2" });
    expect(next.items?.map((t) => `${t.id}:${t.status}`)).toEqual(["t1:open", "t2:answered"]);
    expect(next.items?.[0]).toBe(state.items?.[0]);
  });

  it("changes nothing for an answer before the list was loaded", () => {
    const state = frozen(initialTicketsState);
    expect(ticketsReducer(state, { type: "ticketAnswered", ticketId: "t1" })).toBe(state);
  });
});
