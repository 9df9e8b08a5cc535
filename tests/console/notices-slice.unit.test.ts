import { describe, expect, it } from "vitest";
import {
  initialNoticesState,
  MAX_NOTICES,
  type NoticesState,
  noticesReducer,
} from "../../agent-console/src/stores/notices-slice";
import { frozen } from "./desk-fixtures";

/** The notices slice (stores/notices-slice.ts): state and action in, state out. */

const raise = (state: NoticesState, code: string) =>
  noticesReducer(frozen(state), {
    type: "notice",
    notice: { kind: "error", error: { code, message: code } },
  });

describe("notices slice", () => {
  it("gives each notice the next id", () => {
    const state = raise(raise(initialNoticesState, "A"), "B");
    expect(state.items.map((n) => [n.id, n.error?.code])).toEqual([
      [1, "A"],
      [2, "B"],
    ]);
    expect(state.nextId).toBe(3);
  });

  it(`keeps the newest ${MAX_NOTICES} when errors come in a burst`, () => {
    let state = initialNoticesState;
    for (const code of ["A", "B", "C", "D", "E", "F"]) state = raise(state, code);
    expect(state.items.map((n) => n.error?.code)).toEqual(["C", "D", "E", "F"]);
    expect(state.nextId).toBe(7);
  });

  it("dismisses one notice by id, keeping the numbering", () => {
    const state = raise(raise(initialNoticesState, "A"), "B");
    const next = noticesReducer(frozen(state), { type: "noticeDismissed", id: 1 });
    expect(next.items.map((n) => n.id)).toEqual([2]);
    expect(raise(next, "C").items.map((n) => n.id)).toEqual([2, 3]);
  });
});
