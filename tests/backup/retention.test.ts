import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DatedBackup, type RetentionPolicy, retain } from "../../src/backup/retention.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** The desk's defaults: every backup of the last 2 hours, one an hour for 48 hours, one a day for 30 days. */
const DEFAULT: RetentionPolicy = { allForMs: 2 * HOUR, hourlyForMs: 48 * HOUR, dailyForMs: 30 * DAY };
const NOW = Date.parse("2026-05-04T10:02:00.000Z");

const at = (ms: number): DatedBackup => ({ name: `b${ms}`, at: ms });
const names = (bs: DatedBackup[]) => bs.map((b) => b.name);

describe("retention", () => {
  it("keeps nothing from nothing", () => {
    expect(retain([], NOW, DEFAULT)).toEqual({ keep: [], drop: [] });
  });

  it("keeps every backup of the last two hours", () => {
    const recent = Array.from({ length: 24 }, (_, i) => at(NOW - i * 5 * MIN));
    expect(retain(recent, NOW, DEFAULT).drop).toEqual([]);
  });

  it("keeps the newest of each hour beyond that, and of each day beyond 48 hours", () => {
    // Three backups in the hour 05:00–06:00 UTC, four hours ago: only 05:55 stays.
    const h5 = [at(Date.parse("2026-05-04T05:05:00Z")), at(Date.parse("2026-05-04T05:30:00Z")), at(Date.parse("2026-05-04T05:55:00Z"))];
    // Two on 2026-04-20, beyond the hourly window: only the later stays.
    const d20 = [at(Date.parse("2026-04-20T03:00:00Z")), at(Date.parse("2026-04-20T21:00:00Z"))];
    const { keep, drop } = retain([...h5, ...d20], NOW, DEFAULT);
    expect(names(keep)).toEqual(names([h5[2]!, d20[1]!]));
    expect(names(drop).sort()).toEqual(names([h5[0]!, h5[1]!, d20[0]!]).sort());
  });

  it("drops what is older than the daily window, but never the newest backup", () => {
    const old = [at(NOW - 40 * DAY), at(NOW - 31 * DAY - HOUR)];
    expect(names(retain(old, NOW, DEFAULT).keep)).toEqual([`b${NOW - 31 * DAY - HOUR}`]);
    expect(names(retain([...old, at(NOW - 20 * DAY)], NOW, DEFAULT).keep)).toEqual([`b${NOW - 20 * DAY}`]);
  });

  it("keeps a backup dated after now (a clock set back)", () => {
    expect(retain([at(NOW + HOUR), at(NOW - 3 * DAY)], NOW, DEFAULT).drop).toEqual([]);
  });

  it("thins a 5-minute schedule over 40 days, pruned after each backup as the desk does, to 2 h + 48 hourly + 30 daily", () => {
    const start = Date.parse("2026-03-01T00:00:00Z");
    let kept: DatedBackup[] = [];
    let now = start;
    for (; now < start + 40 * DAY; now += 5 * MIN) kept = retain([...kept, at(now)], now, DEFAULT).keep;
    const last = now - 5 * MIN;
    const age = (b: DatedBackup) => last - b.at;
    const young = kept.filter((b) => age(b) < 2 * HOUR);
    const hourly = kept.filter((b) => age(b) >= 2 * HOUR && age(b) < 48 * HOUR);
    const daily = kept.filter((b) => age(b) >= 48 * HOUR);
    expect(young.length).toBe(24);
    // Hours 2..48 back: the newest of each clock hour (xx:55), one per hour.
    expect(hourly.length).toBe(46);
    expect(new Set(hourly.map((b) => Math.floor(b.at / HOUR))).size).toBe(hourly.length);
    // Days 2..30 back: one per UTC day, each its day's last backup (23:55).
    expect(daily.length).toBe(28);
    expect(daily.every((b) => new Date(b.at).toISOString().endsWith("T23:55:00.000Z"))).toBe(true);
    expect(Math.max(...kept.map(age))).toBeLessThan(30 * DAY);
    // The same as applying the policy once to the whole history.
    const all = Array.from({ length: (last - start) / (5 * MIN) + 1 }, (_, i) => at(start + i * 5 * MIN));
    expect(names(retain(all, last, DEFAULT).keep)).toEqual(names(kept));
  });

  describe("properties", () => {
    const policy = fc.record({
      allForMs: fc.integer({ min: 0, max: 5 * DAY }),
      hourlyForMs: fc.integer({ min: 0, max: 10 * DAY }),
      dailyForMs: fc.integer({ min: 0, max: 60 * DAY }),
    });
    const times = fc.uniqueArray(fc.integer({ min: NOW - 90 * DAY, max: NOW + DAY }), { maxLength: 200 });

    it("parts the backups into kept and dropped, keeps the newest, and everything young enough", () => {
      fc.assert(
        fc.property(times, policy, (ts, p) => {
          const backups = ts.map(at);
          const { keep, drop } = retain(backups, NOW, p);
          expect(keep.length + drop.length).toBe(backups.length);
          expect(new Set([...names(keep), ...names(drop)]).size).toBe(backups.length);
          if (backups.length > 0) expect(keep[0]?.at).toBe(Math.max(...ts));
          for (const b of drop) expect(NOW - b.at).toBeGreaterThanOrEqual(p.allForMs);
        }),
      );
    });

    it("keeps at most one per hour past the all-window, and one per day past the hourly one", () => {
      fc.assert(
        fc.property(times, policy, (ts, p) => {
          const { keep } = retain(ts.map(at), NOW, p);
          const past = keep.slice(1).filter((b) => NOW - b.at >= Math.max(p.allForMs, p.hourlyForMs));
          expect(new Set(past.map((b) => Math.floor(b.at / DAY))).size).toBe(past.length);
          const hourlyPart = keep.slice(1).filter((b) => NOW - b.at >= p.allForMs);
          expect(new Set(hourlyPart.map((b) => Math.floor(b.at / HOUR))).size).toBe(hourlyPart.length);
        }),
      );
    });

    it("is stable: what it keeps, it keeps again", () => {
      fc.assert(
        fc.property(times, policy, (ts, p) => {
          const { keep } = retain(ts.map(at), NOW, p);
          expect(retain(keep, NOW, p).drop).toEqual([]);
        }),
      );
    });
  });
});
