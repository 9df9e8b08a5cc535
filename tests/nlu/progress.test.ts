import { describe, expect, it } from "vitest";
import { progressPrinter } from "../../src/nlu/progress.js";

describe("training progress line", () => {
  it("prints the share done with the time left, at most once per interval, and always the end", () => {
    const lines: string[] = [];
    let t = 0;
    const progress = progressPrinter((l) => lines.push(l), 3000, () => t);
    for (let done = 1; done <= 900; done++) {
      t = done * 100; // 90 s in all
      progress(done < 750 ? "calibration fold 1 of 5" : "final model", done, 900);
    }
    expect(lines.length).toBeGreaterThanOrEqual(25);
    expect(lines.length).toBeLessThanOrEqual(32);
    expect(lines[0]).toMatch(/^training the NLU model: 0% \(calibration fold 1 of 5\)$/);
    const middle = lines.find((l) => l.includes(" 50% "));
    expect(middle).toMatch(/about (4[0-9]|50) s left/);
    expect(lines.at(-1)).toBe("training the NLU model: 100% (final model)");
  });
});
