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
});
