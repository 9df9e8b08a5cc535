import { describe, expect, it } from "vitest";
import { repeatedErrors } from "../../src/infra/repeated-errors.js";

describe("repeated errors, reported quietly (pure)", () => {
  it("reports an error once per quiet period, then says how many were held back", () => {
    let now = 0;
    const reported: string[] = [];
    const report = repeatedErrors((e, held) => reported.push(`${(e as Error).message}+${held}`), 30_000, () => now);
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" });
    for (let i = 0; i < 500; i++) report(refused);
    report(new Error("another failure"));
    now = 29_999;
    report(refused);
    now = 30_000;
    report(refused);
    expect(reported).toEqual(["connect ECONNREFUSED 127.0.0.1:6379+0", "another failure+0", "connect ECONNREFUSED 127.0.0.1:6379+500"]);
  });
});
