import { describe, expect, it } from "vitest";
import { statusLine } from "../../src/records/status-labels.js";

describe("a status with its note", () => {
  it("says the status once, then what the note adds", () => {
    expect(statusLine("accepted", { zh: "等待工作人员审核", en: "waiting for a caseworker" }, "zh")).toBe("已受理 — 等待工作人员审核");
    expect(statusLine("accepted", { zh: "等待工作人员审核", en: "waiting for a caseworker" }, "en")).toBe("Accepted — waiting for a caseworker");
  });

  it("does not repeat a status the note already begins with (records written before), nor add an empty note", () => {
    expect(statusLine("accepted", { zh: "已受理，等待审核", en: "Accepted, waiting for review" }, "zh")).toBe("已受理，等待审核");
    expect(statusLine("submitted", { zh: "已提交，自动预审通过", en: "Submitted; automatic pre-review passed" }, "en")).toBe(
      "Submitted; automatic pre-review passed",
    );
    expect(statusLine("approved", { zh: "", en: "" }, "zh")).toBe("已通过");
  });
});
