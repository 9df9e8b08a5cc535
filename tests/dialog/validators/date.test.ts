import { describe, expect, it } from "vitest";
import { date } from "../../../src/dialog/validators/index.js";

// Saturday 28 November 2026, noon in Beijing.
const now = new Date("2026-11-28T04:00:00Z");
const zh = { now, locale: "zh" as const };
const en = { now, locale: "en" as const };
const reason = (r: ReturnType<ReturnType<typeof date>["validate"]>) => (r.ok ? undefined : r.reason);

describe("date()", () => {
  const v = date();

  it("reads absolute dates in Chinese, ISO and month-day forms", () => {
    expect(v.validate("2024年3月5日", zh)).toEqual({ ok: true, value: "2024-03-05", display: "2024年3月5日" });
    expect(v.validate("2024-03-05", en)).toEqual({ ok: true, value: "2024-03-05", display: "5 March 2024" });
    expect(v.validate("3月5号", zh)).toMatchObject({ ok: true, value: "2026-03-05" });
    expect(v.sensitive).toBe(false);
  });

  it("resolves relative dates against now, in China's time zone", () => {
    expect(v.validate("昨天", zh)).toMatchObject({ ok: true, value: "2026-11-27" });
    expect(v.validate("三天前", zh)).toMatchObject({ ok: true, value: "2026-11-25" });
    expect(v.validate("last week", en)).toEqual({ ok: true, value: "2026-11-16", display: "the week of 16 November 2026" });
    // 23:30 UTC on the 27th is already the 28th in Beijing.
    expect(v.validate("今天", { now: new Date("2026-11-27T23:30:00Z"), locale: "zh" })).toMatchObject({ value: "2026-11-28" });
  });

  it("stores a month as its first day and says it is a month", () => {
    expect(v.validate("上个月", zh)).toEqual({ ok: true, value: "2026-10-01", display: "2026年10月" });
    expect(v.validate("上个月", en)).toEqual({ ok: true, value: "2026-10-01", display: "October 2026" });
    expect(v.validate("2026年10月", zh)).toMatchObject({ value: "2026-10-01", display: "2026年10月" });
  });

  it("takes the most precise of several mentions, and asks when precise ones disagree", () => {
    expect(v.validate("2026年10月31日，也就是上个月底", zh)).toMatchObject({ ok: true, value: "2026-10-31" });
    expect(reason(v.validate("昨天或者前天", zh))?.zh).toContain("不止一个日期");
  });

  it("asks for more than a year, and explains an unreadable answer with today's date as the example", () => {
    expect(reason(v.validate("去年", zh))?.zh).toContain("至少到月份");
    const unreadable = reason(v.validate("记不清了", zh));
    expect(unreadable?.zh).toContain("2026年11月28日");
    expect(unreadable?.en).toContain("28 November 2026");
  });

  it("notFuture rejects dates after today and accepts today", () => {
    const past = date({ notFuture: true });
    expect(reason(past.validate("明天", zh))?.zh).toContain("还没到");
    expect(reason(past.validate("下个月", zh))?.zh).toContain("2026年12月还没到");
    expect(past.validate("今天", zh)).toMatchObject({ ok: true, value: "2026-11-28" });
  });

  it("notPast rejects dates before today but not the current month", () => {
    const future = date({ notPast: true });
    expect(reason(future.validate("昨天", zh))?.zh).toContain("已经过去");
    expect(future.validate("这个月", zh)).toMatchObject({ ok: true, value: "2026-11-01" });
    expect(future.validate("下周", zh)).toMatchObject({ ok: true, value: "2026-11-30" });
  });

  it("maxPastDays rejects dates too long ago, naming the earliest allowed", () => {
    const recent = date({ maxPastDays: 90 });
    expect(recent.validate("2026年8月30日", zh)).toMatchObject({ ok: true });
    const tooOld = reason(recent.validate("2026年8月29日", zh));
    expect(tooOld?.zh).toContain("超过90天");
    expect(tooOld?.zh).toContain("2026年8月30日");
    // A month is checked by the day stored for it, its first.
    expect(recent.validate("2026年8月", zh).ok).toBe(false);
  });

  it("extracts a date from a message, ignoring the birth date inside an ID number", () => {
    expect(v.extract("我上个月被辞退了", zh)).toMatchObject({ ok: true, value: "2026-10-01" });
    expect(v.extract("身份证11010519491231002X，手机13812345678", zh)).toBeUndefined();
    expect(v.extract("身份证11010519491231002X，2026年10月31日离职", zh)).toMatchObject({ value: "2026-10-31" });
  });
});
