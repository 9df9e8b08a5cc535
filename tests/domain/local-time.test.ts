import { describe, expect, it } from "vitest";
import { localDate, localDateTime, utcOffsetMinutes } from "../../src/domain/local-time.js";

describe("times as people read them", () => {
  it("shows a UTC moment in the service's zone: the China date for a number given on China's day", () => {
    // 22:53 UTC on 6 December is 06:53 on 7 December in Shanghai.
    expect(localDateTime("2026-12-06T22:53:10.000Z", "Asia/Shanghai")).toBe("2026-12-07 06:53");
    expect(localDate("2026-12-06T22:53:10.000Z", "Asia/Shanghai")).toBe("2026-12-07");
    expect(localDateTime("2026-12-06T22:53:10.000Z", "UTC")).toBe("2026-12-06 22:53");
  });

  it("gives the zone's offset at that moment, summer time included", () => {
    expect(utcOffsetMinutes("Asia/Shanghai", new Date("2026-06-01T00:00:00Z"))).toBe(480);
    expect(utcOffsetMinutes("Asia/Urumqi", new Date("2026-06-01T00:00:00Z"))).toBe(360);
    expect(utcOffsetMinutes("Europe/London", new Date("2026-01-15T12:00:00Z"))).toBe(0);
    expect(utcOffsetMinutes("Europe/London", new Date("2026-07-15T12:00:00Z"))).toBe(60);
  });

  it("agrees with the zone's own clock minute by minute across a change of summer time and in quarter-hour zones", () => {
    // The offset is kept per quarter hour: checked against Intl at every minute around London's
    // spring and autumn changes, and in Kathmandu (+05:45) and Chatham (+12:45/+13:45).
    const intl = (tz: string, at: Date) =>
      new Intl.DateTimeFormat("sv-SE", {
        timeZone: tz,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      })
        .format(at)
        .replace("T", " ");
    const around = [
      ["Europe/London", "2026-03-29T00:30:00Z"],
      ["Europe/London", "2026-10-25T00:30:00Z"],
      ["Asia/Kathmandu", "2026-12-06T18:00:00Z"],
      ["Pacific/Chatham", "2026-04-04T13:30:00Z"],
    ] as const;
    for (const [tz, start] of around) {
      for (let minute = 0; minute <= 120; minute++) {
        const at = new Date(Date.parse(start) + minute * 60_000 + 17_000);
        expect(localDateTime(at, tz), `${tz} ${at.toISOString()}`).toBe(intl(tz, at));
      }
    }
  });
});
