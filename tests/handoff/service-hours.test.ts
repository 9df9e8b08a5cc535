import { describe, expect, it } from "vitest";
import {
  isOpen,
  nextOpening,
  parseServiceHours,
  ServiceHoursError,
} from "../../src/handoff/service-hours.js";

const TZ = "Asia/Shanghai";
/** An instant given as Shanghai wall-clock time (UTC+8, no DST). 2026-11-30 is a Monday. */
const local = (wall: string): Date => new Date(`${wall}+08:00`);
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const weekdays = parseServiceHours("mon-fri 08:30-17:30", TZ);
const withSaturday = parseServiceHours("mon-fri 08:30-17:30; sat 09:00-12:00", TZ);

/** The error parseServiceHours throws for a spec (fails the test when it does not throw). */
function parseError(spec: string, timeZone = TZ): ServiceHoursError {
  try {
    parseServiceHours(spec, timeZone);
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceHoursError);
    return error as ServiceHoursError;
  }
  throw new Error(`'${spec}' parsed without an error`);
}

describe("parseServiceHours", () => {
  it("reads 'always' (any case) as open every minute of every day", () => {
    const hours = parseServiceHours("  Always ", TZ);
    expect(hours.always).toBe(true);
    expect(hours.timeZone).toBe(TZ);
    expect(hours.days).toHaveLength(7);
    for (const day of hours.days) expect(day).toEqual([[0, 1440]]);
  });

  it("reads day ranges and single days separated by ';', in minutes since local midnight", () => {
    expect(withSaturday.always).toBe(false);
    const week = [minutesOf("08:30"), minutesOf("17:30")];
    expect(withSaturday.days[0]).toEqual([]); // Sunday
    for (const d of [1, 2, 3, 4, 5]) expect(withSaturday.days[d]).toEqual([week]);
    expect(withSaturday.days[6]).toEqual([[minutesOf("09:00"), minutesOf("12:00")]]);
  });

  it("keeps two intervals on one day, accepts upper-case names and a trailing ';'", () => {
    const hours = parseServiceHours("MON 08:00-12:00; Mon 13:00-17:00;", TZ);
    expect(hours.days[1]).toEqual([
      [480, 720],
      [780, 1020],
    ]);
    expect(hours.days.filter((d) => d.length > 0)).toHaveLength(1);
  });

  it("wraps a day range over the weekend: sat-mon is Saturday, Sunday and Monday", () => {
    const hours = parseServiceHours("sat-mon 10:00-14:00", TZ);
    const open = hours.days.map((d, i) => (d.length > 0 ? i : -1)).filter((i) => i >= 0);
    expect(open).toEqual([0, 1, 6]);
    expect(hours.days[0]).toEqual([[600, 840]]);
  });

  it("accepts 24:00 as the end of the day", () => {
    expect(parseServiceHours("sun 20:00-24:00", TZ).days[0]).toEqual([[1200, 1440]]);
  });

  it("names a bad weekday", () => {
    expect(parseError("mon-xyz 08:30-17:30").message).toContain("'xyz'");
    expect(parseError("mon-xyz 08:30-17:30").message).toMatch(/weekday/);
    // A full day name is not the three-letter form: the whole part is named.
    expect(parseError("monday 08:30-17:30").message).toContain("monday 08:30-17:30");
  });

  it("names a bad time", () => {
    expect(parseError("mon 08:30-25:00").message).toContain("25:00");
    expect(parseError("mon 08:60-17:00").message).toContain("08:60");
    expect(parseError("mon 24:30-24:45").message).toContain("24:30");
  });

  it("refuses a closing time at or before the opening time, naming the part", () => {
    expect(parseError("mon-fri 08:30-17:30; sat 12:00-09:00").message).toContain("sat 12:00-09:00");
    expect(parseError("sat 09:00-09:00").message).toMatch(/closing time/);
  });

  it("refuses an unknown time zone, naming it", () => {
    expect(parseError("mon-fri 08:30-17:30", "Mars/Olympus_Mons").message).toContain("Mars/Olympus_Mons");
    expect(parseError("always", "Not/AZone").message).toContain("Not/AZone");
  });

  it("refuses an empty setting and a setting of separators only", () => {
    expect(parseError("").message).toMatch(/no opening hours/);
    expect(parseError(" ; ; ").message).toMatch(/no opening hours/);
  });

  it("refuses a part that is not 'days hh:mm-hh:mm', naming it", () => {
    expect(parseError("mon-fri 08:30-17:30; weekends").message).toContain("weekends");
  });
});

describe("isOpen (Asia/Shanghai)", () => {
  it("opens at 08:30 local on Monday, not a minute before", () => {
    // 2026-11-30T00:29Z is Monday 08:29 in Shanghai.
    expect(isOpen(weekdays, new Date("2026-11-30T00:29:00Z"))).toBe(false);
    expect(isOpen(weekdays, new Date("2026-11-30T00:29:59.999Z"))).toBe(false);
    expect(isOpen(weekdays, new Date("2026-11-30T00:30:00Z"))).toBe(true);
  });

  it("closes at the closing minute", () => {
    expect(isOpen(weekdays, local("2026-12-04T17:29"))).toBe(true); // Friday
    expect(isOpen(weekdays, local("2026-12-04T17:30"))).toBe(false);
  });

  it("uses the local weekday, not the UTC one", () => {
    // Monday 07:00 local is still Sunday 23:00 UTC; Saturday 01:00 local is Friday 17:00 UTC.
    expect(isOpen(parseServiceHours("mon 00:00-08:00", TZ), new Date("2026-11-29T23:00:00Z"))).toBe(true);
    expect(isOpen(parseServiceHours("fri 16:00-18:00", TZ), new Date("2026-11-27T17:00:00Z"))).toBe(false);
  });

  it("is open on Saturday morning only with a Saturday slot, and closed at Saturday 12:00", () => {
    expect(isOpen(weekdays, local("2026-11-28T10:00"))).toBe(false);
    expect(isOpen(withSaturday, local("2026-11-28T10:00"))).toBe(true);
    expect(isOpen(withSaturday, local("2026-11-28T11:59"))).toBe(true);
    expect(isOpen(withSaturday, local("2026-11-28T12:00"))).toBe(false);
    expect(isOpen(withSaturday, local("2026-11-29T10:00"))).toBe(false); // Sunday
  });

  it("reads local midnight as minute 0 of the new day", () => {
    const hours = parseServiceHours("mon 00:00-01:00", TZ);
    expect(isOpen(hours, local("2026-11-30T00:00"))).toBe(true);
    expect(isOpen(hours, local("2026-11-29T23:59"))).toBe(false); // Sunday
  });

  it("is always open with 'always'", () => {
    const always = parseServiceHours("always", TZ);
    for (const at of ["2026-11-29T03:00", "2026-11-30T00:00", "2026-11-28T23:59"]) {
      expect(isOpen(always, local(at))).toBe(true);
    }
  });

  it("follows the configured zone: the same instant is open in one zone and closed in another", () => {
    const at = new Date("2026-11-30T02:00:00Z"); // Monday 10:00 in Shanghai, Monday 02:00 in London
    expect(isOpen(parseServiceHours("mon 08:30-17:30", "Asia/Shanghai"), at)).toBe(true);
    expect(isOpen(parseServiceHours("mon 08:30-17:30", "Europe/London"), at)).toBe(false);
  });
});

describe("nextOpening (Asia/Shanghai)", () => {
  it("from Friday 18:00 local is Monday 08:30 local", () => {
    expect(nextOpening(weekdays, local("2026-11-27T18:00"))).toEqual(local("2026-11-30T08:30"));
  });

  it("from Friday evening is Saturday 09:00 when there is a Saturday slot", () => {
    expect(nextOpening(withSaturday, local("2026-11-27T18:00"))).toEqual(local("2026-11-28T09:00"));
  });

  it("from Saturday 12:30 (after the Saturday slot) is Monday 08:30", () => {
    const at = local("2026-11-28T12:30");
    expect(isOpen(withSaturday, at)).toBe(false);
    expect(nextOpening(withSaturday, at)).toEqual(local("2026-11-30T08:30"));
  });

  it("on Saturday 10:00 with a Saturday slot the desk is open now; the next opening is later", () => {
    const at = local("2026-11-28T10:00");
    expect(isOpen(withSaturday, at)).toBe(true);
    const next = nextOpening(withSaturday, at);
    expect(next).toBeDefined();
    expect(next!.getTime()).toBeGreaterThan(at.getTime());
  });

  it("from earlier the same day is that day's opening, at whole-minute precision", () => {
    expect(nextOpening(weekdays, new Date("2026-11-30T00:29:00Z"))).toEqual(new Date("2026-11-30T00:30:00Z"));
    expect(nextOpening(weekdays, new Date("2026-11-30T00:29:42.5Z"))).toEqual(
      new Date("2026-11-30T00:30:00Z"),
    );
    expect(nextOpening(weekdays, local("2026-11-30T03:15"))).toEqual(local("2026-11-30T08:30"));
  });

  it("picks the earliest of several openings in a day", () => {
    const hours = parseServiceHours("tue 13:00-17:00; tue 08:00-12:00", TZ);
    expect(nextOpening(hours, local("2026-11-30T20:00"))).toEqual(local("2026-12-01T08:00"));
    expect(nextOpening(hours, local("2026-12-01T12:30"))).toEqual(local("2026-12-01T13:00"));
  });

  it("finds the same weekday a week later when the only slot has passed", () => {
    const hours = parseServiceHours("mon 08:30-09:00", TZ);
    expect(nextOpening(hours, local("2026-11-30T10:00"))).toEqual(local("2026-12-07T08:30"));
  });

  it("is always after the given instant and is an opening minute", () => {
    for (let h = 0; h < 24 * 7; h += 5) {
      const at = new Date(local("2026-11-28T00:00").getTime() + h * 3_600_000 + 17 * 60_000);
      const next = nextOpening(withSaturday, at)!;
      expect(next.getTime()).toBeGreaterThan(at.getTime());
      expect(isOpen(withSaturday, next)).toBe(true);
      expect(isOpen(withSaturday, new Date(next.getTime() - 60_000))).toBe(false);
    }
  });

  it("is undefined when always open", () => {
    expect(nextOpening(parseServiceHours("always", TZ), local("2026-11-27T18:00"))).toBeUndefined();
  });
});
