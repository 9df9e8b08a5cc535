import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../testing/nlu.js";

const run = promisify(execFile);

describe("npm run eval:flows", () => {
  it("passes every scripted conversation; an unemployment application takes at most its fields + 2 turns", async () => {
    const tsx = join(projectRoot, "node_modules", ".bin", "tsx");
    const result = await run(tsx, [join(projectRoot, "bench", "flows", "eval-flows.ts"), "--json"], {
      cwd: projectRoot,
      maxBuffer: 1 << 24,
    }).catch((e: { stdout: string }) => e);
    const summary = JSON.parse(result.stdout.trim().split("\n").at(-1) as string);
    expect(summary.failures).toEqual([]);
    expect(summary.task_success_rate).toBe(1);
    expect(summary.scripts).toBeGreaterThanOrEqual(15);
    // 6 required fields (name, ID, phone, date, reason, bank card) + 2.
    expect(summary.flows["unemployment.apply"].avg_turns).toBeLessThanOrEqual(8);
    for (const flow of ["unemployment.apply", "card.lost", "card.replace", "certificate.participation", "medical.offsite.filing", "pension.transfer", "service.progress"]) {
      expect(summary.flows[flow]?.passed, flow).toBeGreaterThan(0);
    }
  }, 180_000);
});
