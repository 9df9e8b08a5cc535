import { describe, expect, it } from "vitest";
import {
  historyReducer,
  initialHistoryState,
  MAX_RECENTLY_CLOSED,
} from "../../agent-console/src/features/history/model/history-slice";
import { closed, frozen, hello } from "./desk-fixtures";

/** The history slice (features/history/model/history-slice.ts): state and action in, state out. */

const ids = (n: number) => Array.from({ length: n }, (_, i) => closed(`c${i}`));

describe("history slice", () => {
  it("takes the recently closed chats from agent:hello, at most as many as the list keeps", () => {
    const state = historyReducer(frozen(initialHistoryState), {
      type: "hello",
      hello: hello({ recentlyClosed: ids(MAX_RECENTLY_CLOSED + 5) }),
    });
    expect(state.recentlyClosed).toHaveLength(MAX_RECENTLY_CLOSED);
    expect(state.recentlyClosed[0]?.chatId).toBe("c0");
  });

  it("puts a closed chat first, once (every tab of the agent hears of the close)", () => {
    let state = historyReducer(initialHistoryState, {
      type: "hello",
      hello: hello({ recentlyClosed: ids(2) }),
    });
    state = historyReducer(frozen(state), { type: "chatClosed", summary: closed("new") });
    state = historyReducer(frozen(state), { type: "chatClosed", summary: closed("new") });
    state = historyReducer(frozen(state), { type: "chatClosed", summary: closed("c1") });
    expect(state.recentlyClosed.map((c) => c.chatId)).toEqual(["c1", "new", "c0"]);
  });

  it("drops the oldest line when the list is full", () => {
    let state = historyReducer(initialHistoryState, {
      type: "hello",
      hello: hello({ recentlyClosed: ids(MAX_RECENTLY_CLOSED) }),
    });
    state = historyReducer(frozen(state), { type: "chatClosed", summary: closed("new") });
    expect(state.recentlyClosed).toHaveLength(MAX_RECENTLY_CLOSED);
    expect(state.recentlyClosed[0]?.chatId).toBe("new");
    expect(state.recentlyClosed.at(-1)?.chatId).toBe(`c${MAX_RECENTLY_CLOSED - 2}`);
  });
});
