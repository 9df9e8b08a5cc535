import { describe, expect, it } from "vitest";
import { deskLoad, waitingStatuses } from "../../src/handoff/queue-status.js";
import { defaultPolicy } from "../../src/routing/policy.js";
import { agent, chat, NOW } from "../routing/fixtures.js";

const now = NOW;
const figures = { meanHandleSec: 300, answerSec: 20, offerTimeoutSec: 60 };
const rules = { policy: defaultPolicy, strategy: {} };

describe("queue status (pure)", () => {
  it("counts free slots of online agents only, and chats in hand of all", () => {
    const load = deskLoad([agent("a", { capacity: 2, active: 1 }), agent("b", { capacity: 2, pendingOffers: 2 }), agent("c", { online: false, active: 2 })], figures);
    expect(load).toMatchObject({ onlineAgents: 2, freeSlots: 1, activeChats: 3, meanHandleSec: 300, answerSec: 20 });
  });

  it("gives each waiting chat its place in the order the router serves them, and an estimate that grows with it", () => {
    const statusOf = waitingStatuses({ waiting: [chat("new", 10), chat("old", 200)], agents: [agent("a", { capacity: 2, active: 2 })], now }, figures, rules);
    const old = statusOf({ id: "old", offeredAt: null }, false);
    const recent = statusOf({ id: "new", offeredAt: null }, false);
    expect(old).toMatchObject({ handoffId: "old", state: "queued", position: 1 });
    expect(recent).toMatchObject({ position: 2 });
    expect(recent.etaSec).toBeGreaterThan(old.etaSec as number);
  });

  it("with nobody online gives no number, only the word that the citizen is in line", () => {
    const statusOf = waitingStatuses({ waiting: [chat("x", 5)], agents: [agent("a", { online: false })], now }, figures, rules);
    expect(statusOf({ id: "x", offeredAt: null }, false)).toEqual({ handoffId: "x", state: "queued", position: 1, waitingForAgents: true });
  });

  it("while offered, counts down the measured answer time from when the offer was made", () => {
    const statusOf = waitingStatuses({ waiting: [], agents: [agent("a")], now }, figures, rules);
    const justNow = statusOf({ id: "x", offeredAt: new Date(now).toISOString() }, true);
    const earlier = statusOf({ id: "x", offeredAt: new Date(now - 12_000).toISOString() }, true);
    expect(justNow).toEqual({ handoffId: "x", state: "offered", position: 1, etaSec: 20 });
    expect(earlier.etaSec).toBe(10);
  });
});
