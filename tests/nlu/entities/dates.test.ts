import { describe, expect, it } from "vitest";
import { extractDates } from "../../../src/nlu/entities/dates.js";
/** Minutes east of UTC in Asia/Shanghai. */
const SHANGHAI = 480;

// Saturday 28 November 2026, 02:00 in Beijing (still 27 November in UTC).
const now = new Date("2026-11-27T18:00:00Z");
const first = (text: string) => extractDates(text, now, SHANGHAI)[0];

describe("dates", () => {
  it("resolves relative days in China's time zone", () => {
    expect(first("今天")?.start).toBe("2026-11-28");
    expect(first("昨天去的")?.start).toBe("2026-11-27");
    expect(first("前天")?.start).toBe("2026-11-26");
    expect(first("三天前交的材料")).toMatchObject({ start: "2026-11-25", relative: true });
    expect(first("yesterday")?.start).toBe("2026-11-27");
  });

  it("resolves relative months, weeks and years, across year ends", () => {
    expect(first("上个月被辞退")).toMatchObject({ start: "2026-10-01", granularity: "month" });
    expect(first("上月")?.start).toBe("2026-10-01");
    expect(first("上个月底离职")).toMatchObject({ start: "2026-10-31", granularity: "day" });
    expect(first("这个月初")).toMatchObject({ start: "2026-11-01", granularity: "day" });
    expect(first("上个月30号")).toMatchObject({ start: "2026-10-30", granularity: "day" });
    expect(first("上个月三十一日")).toMatchObject({ start: "2026-10-31", granularity: "day" });
    expect(first("10月底")).toMatchObject({ start: "2026-10-31", granularity: "day" });
    expect(first("2月底")?.start).toBe("2026-02-28");
    expect(extractDates("上个月末", new Date("2026-03-10T04:00:00Z"), SHANGHAI)[0]?.start).toBe("2026-02-28");
    expect(first("下个月")?.start).toBe("2026-12-01");
    expect(extractDates("上个月", new Date("2026-01-15T04:00:00Z"), SHANGHAI)[0]?.start).toBe("2025-12-01");
    expect(first("上周")).toMatchObject({ start: "2026-11-16", granularity: "week" });
    expect(first("去年")).toMatchObject({ start: "2025-01-01", granularity: "year" });
    expect(first("两个月前")?.start).toBe("2026-09-28");
    expect(first("last month")?.start).toBe("2026-10-01");
    expect(first("2 weeks ago")?.start).toBe("2026-11-14");
  });

  it("reads absolute dates in Chinese and ISO forms", () => {
    expect(first("2024年3月5日")).toMatchObject({ start: "2024-03-05", granularity: "day", relative: false });
    expect(first("2024年3月")).toMatchObject({ start: "2024-03-01", granularity: "month" });
    expect(first("2024-03-05")?.start).toBe("2024-03-05");
    expect(first("3月5号")?.start).toBe("2026-03-05");
    expect(first("March 2024")).toMatchObject({ start: "2024-03-01", granularity: "month" });
  });

  it("skips impossible dates", () => {
    expect(extractDates("2023年2月30日", now, SHANGHAI).every((d) => d.start !== "2023-02-30")).toBe(true);
  });
});
