import { describe, expect, it } from "vitest";
import { QueueAbandonment } from "../../../src/routing/strategies/queue-abandonment.js";
import { chat, NOW } from "../fixtures.js";

const LONG = 60_000;

describe("QueueAbandonment: do citizens leave the queue, as a strategy sees it", () => {
  it("counts chats offered after a long wait, and a citizen who leaves resets the count", () => {
    const seen = new QueueAbandonment(LONG);
    const patient = chat("patient", 90);
    const quick = chat("quick", 5);
    const leaver = chat("leaver", 30);
    seen.sawQueue([patient, leaver, quick]);
    seen.decided([patient, leaver, quick], Uint8Array.of(1, 0, 1), 2, NOW);
    expect(seen.patientSinceLeaver).toBe(1); // only the one that waited 90 s counts
    // Next decision: the leaver is gone without an offer.
    const next = chat("next", 80);
    seen.sawQueue([next]);
    expect(seen.patientSinceLeaver).toBe(0);
    seen.decided([next], Uint8Array.of(1), 1, NOW);
    expect(seen.patientSinceLeaver).toBe(1);
  });

  it("a chat still waiting, or one that arrived since, is not a leaver", () => {
    const seen = new QueueAbandonment(LONG);
    const a = chat("a", 100);
    const b = chat("b", 70);
    seen.sawQueue([a, b]);
    seen.decided([a, b], Uint8Array.of(1, 0), 1, NOW);
    expect(seen.patientSinceLeaver).toBe(1);
    seen.sawQueue([b, chat("new", 0)]);
    expect(seen.patientSinceLeaver).toBe(1);
  });

  it("a queue out of arrival order is compared all the same", () => {
    const seen = new QueueAbandonment(LONG);
    const old = chat("old", 200);
    const young = chat("young", 100);
    const fresh = chat("fresh", 1);
    seen.decided([young, old], Uint8Array.of(0, 0), 0, NOW);
    seen.sawQueue([old, fresh, young].reverse());
    expect(seen.patientSinceLeaver).toBe(0);
    seen.decided([fresh, young, old], Uint8Array.of(0, 0, 1), 1, NOW);
    expect(seen.patientSinceLeaver).toBe(1); // old was offered after 200 s; nobody left
    seen.sawQueue([young, fresh]);
    expect(seen.patientSinceLeaver).toBe(1);
    seen.decided([young, fresh], Uint8Array.of(0, 0), 0, NOW);
    seen.sawQueue([fresh]); // young is gone without an offer
    expect(seen.patientSinceLeaver).toBe(0);
  });
});
