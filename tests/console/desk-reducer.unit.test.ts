import { describe, expect, it } from "vitest";
import {
  type DeskAction,
  type DeskState,
  deskReducer,
  initialDeskState,
} from "../../agent-console/src/stores/desk-reducer";
import { closed, context, frozen, hello, offer, ticket } from "./desk-fixtures";

/** The root (stores/desk-reducer.ts): each action goes to the slice that owns it; two reactions cross. */

const SLICES = ["connection", "service", "notices", "agent", "queue", "chats", "tickets", "history"] as const;

/** The slices an action changed (by reference: an untouched slice must stay the same object). */
function changed(before: DeskState, after: DeskState): string[] {
  return SLICES.filter((key) => before[key] !== after[key]);
}

describe("desk root reducer", () => {
  it("hands agent:hello to every slice that keeps part of it, and only to those", () => {
    const before = frozen(initialDeskState);
    const after = deskReducer(before, { type: "hello", hello: hello({ chats: [context("a")] }) });
    expect(changed(before, after)).toEqual(["connection", "service", "agent", "queue", "chats", "history"]);
    expect(after.chats.order).toEqual(["a"]);
    expect(after.connection.ready).toBe(true);
  });

  it("changes only the owning slice, and returns the same state when that slice did not change", () => {
    const before = frozen(deskReducer(initialDeskState, { type: "hello", hello: hello() }));
    const cases: [DeskAction, string[]][] = [
      [{ type: "connection", status: "connected" }, ["connection"]],
      [{ type: "presence", presence: "away" }, ["agent"]],
      [{ type: "offer", offer: offer("o") }, ["queue"]],
      [{ type: "tickets", tickets: [ticket("t")] }, ["tickets"]],
      [{ type: "notice", notice: { kind: "info", offerWithdrawn: "timeout" } }, ["notices"]],
      [{ type: "chatClosed", summary: closed("c") }, ["history"]],
    ];
    for (const [action, slices] of cases)
      expect(changed(before, deskReducer(before, action))).toEqual(slices);
    expect(deskReducer(before, { type: "presence", presence: "online" })).toBe(before);
    expect(deskReducer(before, { type: "offerRemoved", chatId: "none" })).toBe(before);
    expect(deskReducer(before, { type: "chatRemoved", chatId: "none" })).toBe(before);
  });

  it("takes a chat's offer off the list when the chat opens (accepted here or in another tab)", () => {
    let state = deskReducer(initialDeskState, { type: "offer", offer: offer("a") });
    state = deskReducer(state, { type: "offer", offer: offer("b") });
    state = deskReducer(frozen(state), { type: "chatOpened", context: context("a") });
    expect(state.queue.offers.map((o) => o.chatId)).toEqual(["b"]);
    expect(state.chats.order).toEqual(["a"]);
    // No offer for that chat (handed over directly): the queue slice stays as it was.
    const before = frozen(state);
    expect(changed(before, deskReducer(before, { type: "chatOpened", context: context("c") }))).toEqual([
      "chats",
    ]);
  });

  it("lists a closed chat's summary in the history, even after the agent's own close removed its panel", () => {
    let state = deskReducer(initialDeskState, { type: "chatOpened", context: context("a") });
    state = deskReducer(state, { type: "chatRemoved", chatId: "a" });
    const before = frozen(state);
    state = deskReducer(before, { type: "chatEnded", chatId: "a", reason: "closed", summary: closed("a") });
    expect(changed(before, state)).toEqual(["history"]);
    expect(state.history.recentlyClosed.map((c) => c.chatId)).toEqual(["a"]);
    // Other endings have no summary: the panel greys, the history stays.
    state = deskReducer(initialDeskState, { type: "chatOpened", context: context("b") });
    const next = deskReducer(frozen(state), { type: "chatEnded", chatId: "b", reason: "transferred" });
    expect(changed(state, next)).toEqual(["chats"]);
    expect(next.chats.byId.b?.ended).toBe("transferred");
  });
});
