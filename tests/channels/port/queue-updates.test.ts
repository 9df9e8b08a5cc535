import { describe, expect, it } from "vitest";
import { QUEUE_UPDATE_EVERY_MS, queueUpdate } from "../../../src/channels/port/queue-updates.js";
import type { HandoffStatusView } from "../../../src/domain/handoff-status.js";

const queued = (position: number, etaSec?: number, handoffId = "h1"): HandoffStatusView => ({
  handoffId,
  state: "queued",
  position,
  ...(etaSec === undefined ? {} : { etaSec }),
});

describe("queue updates for a channel without a live strip (pure)", () => {
  it("tells the place on joining the line, with the estimate in whole minutes (at least one)", () => {
    expect(queueUpdate(undefined, queued(4, 250), 0)?.update).toEqual({ say: "place", ahead: 3, minutes: 4 });
    expect(queueUpdate(undefined, queued(3, 10), 0)?.update).toEqual({ say: "place", ahead: 2, minutes: 1 });
    expect(queueUpdate(undefined, queued(3), 0)?.update).toEqual({ say: "place", ahead: 2, minutes: undefined });
  });

  it("says 'next' at once when the citizen becomes next, or is offered, and only once", () => {
    const told = queueUpdate(undefined, queued(3, 300), 0)!.told;
    const next = queueUpdate(told, queued(1, 30), 1000);
    expect(next?.update).toEqual({ say: "next" });
    expect(queueUpdate(next!.told, queued(1, 20), 2000)).toBeUndefined();
    expect(queueUpdate(next!.told, { handoffId: "h1", state: "offered", position: 1, etaSec: 10 }, 3000)).toBeUndefined();
    expect(queueUpdate(undefined, { handoffId: "h1", state: "offered", position: 1 }, 0)?.update).toEqual({ say: "next" });
  });

  it("tells an improved place only after two minutes since the last word, and never a worse or unchanged one", () => {
    const told = queueUpdate(undefined, queued(6, 600), 0)!.told;
    expect(queueUpdate(told, queued(5, 500), QUEUE_UPDATE_EVERY_MS - 1)).toBeUndefined();
    expect(queueUpdate(told, queued(6, 600), QUEUE_UPDATE_EVERY_MS * 3)).toBeUndefined();
    expect(queueUpdate(told, queued(8, 800), QUEUE_UPDATE_EVERY_MS * 3)).toBeUndefined();
    expect(queueUpdate(told, queued(4, 400), QUEUE_UPDATE_EVERY_MS)?.update).toEqual({ say: "place", ahead: 3, minutes: 7 });
  });

  it("starts afresh for a new request, and says nothing for other states or while nobody is online", () => {
    const told = queueUpdate(undefined, queued(2, 60), 0)!.told;
    expect(queueUpdate(told, queued(2, 60, "h2"), 10)?.update).toEqual({ say: "place", ahead: 1, minutes: 1 });
    for (const state of ["connected", "ended", "cancelled", "unavailable"] as const) expect(queueUpdate(undefined, { handoffId: "h1", state }, 0)).toBeUndefined();
    expect(queueUpdate(undefined, { handoffId: "h1", state: "queued", position: 2, waitingForAgents: true }, 0)).toBeUndefined();
  });
});
