import { describe, expect, it } from "vitest";
import { auditQueryString, dayRange } from "../../agent-console/src/features/audit/model/audit-query";
import { parseAuditAnswer } from "../../agent-console/src/features/audit/model/audit-record";
import { describeDetail, formatAuditTime, whoIs } from "../../agent-console/src/features/audit/model/audit-view";

/** The audit screen's pure parts: the query it sends, the days it means, how a record reads. */

describe("auditQueryString", () => {
  it("sends only what is filled in, trimmed, in a fixed order", () => {
    expect(auditQueryString({})).toBe("");
    expect(auditQueryString({ actor: "", action: "  ", target: undefined })).toBe("");
    expect(auditQueryString({ limit: 100, action: " staff.create ", actor: "s-1" })).toBe(
      "?actor=s-1&action=staff.create&limit=100",
    );
  });

  it("pages back with before and carries the date range", () => {
    expect(
      auditQueryString({
        since: "2024-05-02T16:00:00.000Z",
        until: "2024-05-03T16:00:00.000Z",
        before: 1234,
        limit: 50,
      }),
    ).toBe("?since=2024-05-02T16%3A00%3A00.000Z&until=2024-05-03T16%3A00%3A00.000Z&before=1234&limit=50");
  });

  it("escapes what it sends", () => {
    expect(auditQueryString({ target: "a&b=c d" })).toBe("?target=a%26b%3Dc+d");
  });
});

describe("dayRange", () => {
  const local = (iso: string) => {
    const d = new Date(iso);
    return [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()];
  };

  it("runs from the viewer's midnight starting the first day to the one after the last (until is exclusive)", () => {
    const range = dayRange("2024-05-03", "2024-05-04");
    expect(range.since?.endsWith("Z")).toBe(true);
    expect(local(range.since!)).toEqual([2024, 5, 3, 0, 0]);
    expect(local(range.until!)).toEqual([2024, 5, 5, 0, 0]);
  });

  it("one day is that whole day; month ends roll over", () => {
    const range = dayRange("2024-02-29", "2024-02-29");
    expect(local(range.since!)).toEqual([2024, 2, 29, 0, 0]);
    expect(local(range.until!)).toEqual([2024, 3, 1, 0, 0]);
  });

  it("leaves out a blank or unreadable side", () => {
    expect(dayRange("", "")).toEqual({});
    expect(Object.keys(dayRange("2024-05-03", ""))).toEqual(["since"]);
    expect(Object.keys(dayRange("", "2024-05-03"))).toEqual(["until"]);
    expect(dayRange("03/05/2024", "yesterday")).toEqual({});
  });
});

describe("how a record reads", () => {
  const names = new Map([["s-1", "li.na"]]);

  it("names an account by its username, else shows the value as stored", () => {
    expect(whoIs("s-1", names)).toBe("li.na");
    expect(whoIs("cli", names)).toBe("cli");
    expect(whoIs("system", names)).toBe("system");
    expect(whoIs(null, names)).toBe("—");
  });

  it("writes the detail as compact key: value pairs", () => {
    expect(describeDetail({})).toBe("");
    expect(describeDetail({ username: "wang", roles: ["agent", "admin"] })).toBe("username: wang · roles: agent, admin");
    expect(describeDetail({ changes: { capacity: 4 }, by: null, ok: true })).toBe(
      'changes: {"capacity":4} · by: — · ok: true',
    );
  });

  it("shows the time in the chosen language, to the second", () => {
    expect(formatAuditTime("2024-05-03T06:05:09.000Z", "zh", "Asia/Shanghai")).toBe("2024/5/3 14:05:09");
    expect(formatAuditTime("2024-05-03T06:05:09.000Z", "en", "Europe/London")).toBe("03/05/2024, 07:05:09");
    expect(formatAuditTime("not a time", "en")).toBe("not a time");
  });
});

describe("parseAuditAnswer", () => {
  const record = {
    seq: 7,
    at: "2024-05-03T06:05:09.000Z",
    actor: "cli",
    action: "staff.create",
    target: "s-2",
    detail: { username: "wang" },
    prevHash: "a",
    hash: "b",
  };

  it("reads the records", () => {
    expect(parseAuditAnswer({ records: [record] })).toEqual([record]);
    expect(parseAuditAnswer({ records: [{ ...record, actor: null, target: null, detail: null }] })).toEqual([
      { ...record, actor: null, target: null, detail: {} },
    ]);
  });

  it("refuses an answer that is not a list of records", () => {
    expect(parseAuditAnswer({})).toBeNull();
    expect(parseAuditAnswer({ records: [{ seq: "7" }] })).toBeNull();
  });
});
