import { describe, expect, it } from "vitest";
import { initialQueueState, queueReducer } from "../../agent-console/src/features/queue/model/queue-slice";
import { frozen, hello, offer, queueItem } from "./desk-fixtures";

/** The queue slice (features/queue/model/queue-slice.ts): state and action in, state out. */

describe("queue slice", () => {
  it("takes the queue and the offers from agent:hello", () => {
    const state = queueReducer(frozen(initialQueueState), {
      type: "hello",
      hello: hello({ queue: [queueItem("q")], offers: [offer("o")] }),
    });
    expect(state.items.map((i) => i.chatId)).toEqual(["q"]);
    expect(state.offers.map((o) => o.chatId)).toEqual(["o"]);
  });

  it("replaces the queue whole on agent:queue", () => {
    const state = frozen(queueReducer(initialQueueState, { type: "queue", queue: [queueItem("a")] }));
    const next = queueReducer(state, { type: "queue", queue: [queueItem("b"), queueItem("c")] });
    expect(next.items.map((i) => i.chatId)).toEqual(["b", "c"]);
    expect(next.offers).toBe(state.offers);
  });

  it("lists an offer once per chat, a repeated one moved last with its new terms", () => {
    let state = queueReducer(initialQueueState, { type: "offer", offer: offer("a") });
    state = queueReducer(frozen(state), { type: "offer", offer: offer("b") });
    state = queueReducer(frozen(state), { type: "offer", offer: offer("a", { urgency: "urgent" }) });
    expect(state.offers.map((o) => `${o.chatId}:${o.urgency}`)).toEqual(["b:normal", "a:urgent"]);
  });

  it("removes an offer, and changes nothing for one it does not have", () => {
    const state = frozen(queueReducer(initialQueueState, { type: "offer", offer: offer("a") }));
    expect(queueReducer(state, { type: "offerRemoved", chatId: "a" }).offers).toEqual([]);
    expect(queueReducer(state, { type: "offerRemoved", chatId: "zz" })).toBe(state);
  });
});
