import { describe, expect, it } from "vitest";
import { AnswerTimes, type DeskLoad, estimateOfferedSec, estimateWaitSec, queuePositions } from "../../src/handoff/estimate.js";
import { defaultPolicy } from "../../src/routing/policy.js";
import { chat, NOW } from "../routing/fixtures.js";

const load = (over: Partial<DeskLoad> = {}): DeskLoad => ({
  onlineAgents: 2,
  freeSlots: 0,
  activeChats: 4,
  meanHandleSec: 240,
  answerSec: 15,
  ...over,
});
/** The estimate where one is given. */
const wait = (position: number, l: DeskLoad) => estimateWaitSec(position, l) as number;

describe("estimateWaitSec", () => {
  it("is short and the same for every position within the free slots", () => {
    const within = [1, 2, 3].map((p) => estimateWaitSec(p, load({ freeSlots: 3 })));
    expect(new Set(within).size).toBe(1);
    expect(within[0]).toBeGreaterThan(0);
    expect(within[0]).toBeLessThanOrEqual(30);
    // The first chat beyond the free slots waits longer than those within them.
    expect(estimateWaitSec(4, load({ freeSlots: 3 }))).toBeGreaterThan(within[0]!);
  });

  it("does not depend on handle time or active chats while a slot is free", () => {
    expect(estimateWaitSec(1, load({ freeSlots: 1, meanHandleSec: 60 }))).toBe(
      estimateWaitSec(1, load({ freeSlots: 1, meanHandleSec: 3600, activeChats: 1 })),
    );
  });

  it("grows with the position in line", () => {
    const waits = [1, 2, 3, 5, 8, 13].map((p) => estimateWaitSec(p, load()));
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]!);
  });

  it("only counts the chats beyond the free slots", () => {
    expect(estimateWaitSec(5, load({ freeSlots: 2 }))).toBe(estimateWaitSec(3, load({ freeSlots: 0 })));
  });

  it("is shorter when more chats are being handled (they finish sooner, one after another)", () => {
    const few = wait(3, load({ activeChats: 2 }));
    const many = wait(3, load({ activeChats: 12 }));
    expect(many).toBeLessThan(few);
  });

  it("is longer when chats take longer to handle", () => {
    expect(wait(3, load({ meanHandleSec: 600 }))).toBeGreaterThan(
      wait(3, load({ meanHandleSec: 120 })),
    );
  });

  it("beyond the free slots, is rounded up to whole 10 s and never below the exact wait", () => {
    for (const position of [1, 2, 3, 7]) {
      for (const activeChats of [0, 1, 3, 7]) {
        for (const meanHandleSec of [37, 100, 333]) {
          const l = load({ activeChats, meanHandleSec });
          const w = wait(position, l);
          expect(w % 10).toBe(0);
          // One chat ahead leaves every meanHandle / activeChats seconds (with nobody active: one per meanHandle).
          const exact = (position * meanHandleSec) / Math.max(activeChats, 1);
          expect(w).toBeGreaterThanOrEqual(exact);
          expect(w).toBeLessThan(exact + 15 + 10 + 1);
        }
      }
    }
  });

  it("still gives a finite wait when nobody is handling a chat", () => {
    const w = wait(2, load({ activeChats: 0, meanHandleSec: 200 }));
    expect(Number.isFinite(w)).toBe(true);
    expect(w).toBeGreaterThanOrEqual(400);
  });

  it("gives no number while no agent is online: any figure would be a guess", () => {
    expect(estimateWaitSec(1, load({ onlineAgents: 0, freeSlots: 0, activeChats: 0 }))).toBeUndefined();
  });

  it("within the free slots, is the measured answer time, not a fixed one", () => {
    expect(wait(1, load({ freeSlots: 2, answerSec: 8 }))).toBe(10);
    expect(wait(1, load({ freeSlots: 2, answerSec: 42 }))).toBe(45);
  });
});

describe("estimateOfferedSec", () => {
  it("counts down the measured answer time while the offer is out", () => {
    expect(estimateOfferedSec(0, 20, 25)).toBe(20);
    expect(estimateOfferedSec(12, 20, 25)).toBe(10);
  });

  it("past the usual answer time, allows for the offer lapsing and going to someone else", () => {
    // 22 s in: 3 s to the timeout, then another agent's answer time.
    expect(estimateOfferedSec(22, 20, 25)).toBe(25);
    expect(estimateOfferedSec(22, 20, 25)).toBeGreaterThan(estimateOfferedSec(12, 20, 25));
  });
});

describe("AnswerTimes", () => {
  it("is half the offer timeout until something is measured, then the median of what was", () => {
    const t = new AnswerTimes(30);
    expect(t.typical()).toBe(15);
    for (const s of [4, 6, 5, 30, 7]) t.record(s);
    expect(t.typical()).toBe(6);
  });

  it("keeps only the latest samples, and a lapsed offer counts as the whole timeout at most", () => {
    const t = new AnswerTimes(25, 3);
    for (const s of [2, 2, 2, 20, 99, 20]) t.record(s);
    expect(t.typical()).toBe(20);
  });
});

describe("queuePositions (default policy)", () => {
  it("puts urgent before normal before low, whatever the wait within the fresh range", () => {
    const waiting = [
      chat("low-old", 170, { urgency: "low" }),
      chat("normal-old", 50, { urgency: "normal" }),
      chat("urgent-new", 1, { urgency: "urgent" }),
    ];
    const positions = queuePositions(waiting, NOW, defaultPolicy);
    expect(positions.get("urgent-new")).toBe(1);
    expect(positions.get("normal-old")).toBe(2);
    expect(positions.get("low-old")).toBe(3);
  });

  it("puts the older chat first within one class", () => {
    const waiting = [
      chat("n-10", 10),
      chat("n-40", 40),
      chat("n-25", 25),
      chat("l-5", 5, { urgency: "low" }),
      chat("l-90", 90, { urgency: "low" }),
    ];
    const positions = queuePositions(waiting, NOW, defaultPolicy);
    expect([...positions.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id)).toEqual([
      "n-40",
      "n-25",
      "n-10",
      "l-90",
      "l-5",
    ]);
  });

  it("numbers every waiting chat 1..n once, without changing the input", () => {
    const waiting = Array.from({ length: 9 }, (_, i) =>
      chat(`c${i}`, (i * 37) % 100, { urgency: (["urgent", "normal", "low"] as const)[i % 3] }),
    );
    const before = waiting.map((c) => c.id);
    const positions = queuePositions(waiting, NOW, defaultPolicy);
    expect(positions.size).toBe(waiting.length);
    expect([...positions.values()].sort((a, b) => a - b)).toEqual(waiting.map((_, i) => i + 1));
    expect(waiting.map((c) => c.id)).toEqual(before);
  });

  it("puts a chat past the policy's maxWaitMs ahead of fresh urgent ones", () => {
    const agedSec = defaultPolicy.maxWaitMs / 1000 + 1;
    const positions = queuePositions(
      [chat("urgent", 2, { urgency: "urgent" }), chat("aged-low", agedSec, { urgency: "low" })],
      NOW,
      defaultPolicy,
    );
    expect(positions.get("aged-low")).toBe(1);
    expect(positions.get("urgent")).toBe(2);
  });

  it("is empty for an empty queue", () => {
    expect(queuePositions([], NOW, defaultPolicy).size).toBe(0);
  });
});
