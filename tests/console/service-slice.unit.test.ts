import { describe, expect, it } from "vitest";
import { initialServiceState, serviceReducer } from "../../agent-console/src/stores/service-slice";
import { frozen, hello } from "./desk-fixtures";

/** The service slice (stores/service-slice.ts): state and action in, state out. */

describe("service slice", () => {
  it("knows no zone and no intent names until agent:hello, then takes both from it", () => {
    expect(initialServiceState).toEqual({ intentNames: {}, timeZone: null });
    const state = serviceReducer(frozen(initialServiceState), {
      type: "hello",
      hello: hello({
        timeZone: "Asia/Kolkata",
        intents: [
          { id: "a.b", zh: "甲", en: "A" },
          { id: "c.d", zh: "乙", en: "C" },
        ],
      }),
    });
    expect(state.timeZone).toBe("Asia/Kolkata");
    expect(Object.keys(state.intentNames)).toEqual(["a.b", "c.d"]);
    expect(state.intentNames["c.d"]?.en).toBe("C");
  });
});
