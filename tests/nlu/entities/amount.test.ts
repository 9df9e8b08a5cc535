import { describe, expect, it } from "vitest";
import { extractAmounts } from "../../../src/nlu/entities/amount.js";
import { extractApplicationNumbers } from "../../../src/nlu/entities/application-number.js";

describe("amounts and application numbers", () => {
  it("reads yuan amounts in several forms", () => {
    expect(extractAmounts("每月3000元").map((a) => a.value)).toEqual([3000]);
    expect(extractAmounts("1.5万元").map((a) => a.value)).toEqual([15000]);
    expect(extractAmounts("两千五百块").map((a) => a.value)).toEqual([2500]);
    expect(extractAmounts("交了¥1,200").map((a) => a.value)).toEqual([1200]);
    expect(extractAmounts("about 800 yuan, RMB 50").map((a) => a.value)).toEqual([800, 50]);
    expect(extractAmounts("交了15年")).toEqual([]);
  });

  it("reads application numbers typed with dashes or in lower case", () => {
    expect(extractApplicationNumbers("sq-20261128-000123 进度")).toEqual(["SQ20261128000123"]);
    expect(extractApplicationNumbers("SQ20261128000123")).toEqual(["SQ20261128000123"]);
    expect(extractApplicationNumbers("SQ2026112800012")).toEqual([]);
  });
});
