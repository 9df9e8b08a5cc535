import { describe, expect, it } from "vitest";
import { automaticAnswerRate } from "../../src/metrics/answer-rate.js";
import type { DeskLog } from "../../src/metrics/desk-log.js";
import { domainOf } from "../../src/metrics/grouping.js";
import { handoffRate } from "../../src/metrics/handoff-rate.js";
import { nearestRank } from "../../src/metrics/percentile.js";
import { queueWaits } from "../../src/metrics/queue-waits.js";
import { resolutionRate } from "../../src/metrics/resolution.js";
import { satisfaction } from "../../src/metrics/satisfaction.js";
import { conversation, handoff } from "./log-builder.js";

describe("grouping by local hour and day", () => {
  // 15:59:59 UTC is 23:59:59 in Shanghai on 2 March; 16:00:01 UTC is 00:00:01 there on 3 March.
  const c = conversation("c");
  const q1 = c.citizen("失业金怎么领", "2026-03-02T15:59:59.000Z");
  c.bot(q1, "faq", "2026-03-02T16:00:00.000Z", { intent: "unemployment.apply" });
  const q2 = c.citizen("养老金怎么算", "2026-03-02T16:00:01.000Z");
  c.bot(q2, "fallback", "2026-03-02T16:00:02.000Z");
  const log: DeskLog = { messages: c.messages, handoffs: [], feedback: [] };

  it("puts the two questions in Shanghai's hours 23:00 and 00:00, and on two days, though UTC has one day", () => {
    const hours = automaticAnswerRate(log, { by: "hour", timeZone: "Asia/Shanghai" }).groups!;
    expect(Object.keys(hours)).toEqual(["00:00", "23:00"]);
    expect(hours["23:00"]).toMatchObject({ numerator: 1, denominator: 1 });
    expect(hours["00:00"]).toMatchObject({ numerator: 0, denominator: 1 });
    expect(Object.keys(automaticAnswerRate(log, { by: "day", timeZone: "Asia/Shanghai" }).groups!)).toEqual(["2026-03-02", "2026-03-03"]);
    expect(Object.keys(automaticAnswerRate(log, { by: "day", timeZone: "UTC" }).groups!)).toEqual(["2026-03-02"]);
    expect(Object.keys(automaticAnswerRate(log, { by: "hour", timeZone: "UTC" }).groups!)).toEqual(["15:00", "16:00"]);
  });

  it("defaults to the service's zone, Asia/Shanghai", () => {
    expect(Object.keys(automaticAnswerRate(log, { by: "hour" }).groups!)).toEqual(["00:00", "23:00"]);
  });

  it("takes an intent's domain as its part before the first dot", () => {
    expect([domainOf("unemployment.apply.online"), domainOf("complaint"), domainOf(null)]).toEqual(["unemployment", "complaint", "(none)"]);
  });
});

describe("empty inputs", () => {
  const empty: DeskLog = { messages: [], handoffs: [], feedback: [] };
  const none = { value: null, numerator: 0, denominator: 0 };

  it("give null rates over zero counts, never NaN", () => {
    expect(automaticAnswerRate(empty).all).toEqual({ ...none, thumbsDown: 0, askedForPerson: 0, notAnswered: 0 });
    expect(queueWaits(empty).all).toEqual({ accepted: 0, abandoned: 0, waiting: 0, p50Seconds: null, p95Seconds: null, serviceLevel: none, abandonment: none });
    expect(satisfaction(empty).all).toEqual({ mean: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, responseRate: none });
    expect(resolutionRate(empty, "2026-03-02T00:00:00.000Z").all).toEqual({ ...none, maturing: 0, resolvedByBot: 0, resolvedByAgent: 0 });
    expect(handoffRate(empty).all).toEqual({ perQuestion: none, byIntent: {}, byReason: {} });
  });

  it("give empty groups when grouping nothing", () => {
    expect(queueWaits(empty, { grouping: { by: "skill" } }).groups).toEqual({});
    expect(handoffRate(empty, { by: "domain" }).groups).toEqual({});
  });

  it("a closed chat nobody rated has a mean of null and a response rate of 0/1", () => {
    const h = handoff({ id: "h", conversationId: "c", arrivedAt: "2026-03-02T01:00:00.000Z", acceptedAt: "2026-03-02T01:00:10.000Z", closedAt: "2026-03-02T01:05:00.000Z" });
    expect(satisfaction({ ...empty, handoffs: [h] }).all).toMatchObject({ mean: null, responseRate: { value: 0, numerator: 0, denominator: 1 } });
  });
});

describe("nearest-rank percentile", () => {
  it("returns an observed value: the smallest with at least p % at or below it", () => {
    expect(nearestRank([60, 15, 40, 20], 50)).toBe(20);
    expect(nearestRank([60, 15, 40, 20], 95)).toBe(60);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([7], 50)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
    expect(() => nearestRank([1], 0)).toThrow(RangeError);
  });
});
