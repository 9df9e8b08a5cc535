import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { strategies } from "../../../src/routing/strategies/index.js";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../../..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const cli = join(root, "bench", "routing", "cli.ts");
const tmp = mkdtempSync(join(tmpdir(), "routing-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function bench(args: string[]) {
  try {
    const { stdout, stderr } = await run(tsx, [cli, ...args], { cwd: root, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run bench:routing", () => {
  it("--json ends with one line per the issue's shape, every policy included", async () => {
    const r = await bench(["--scenario", "bench/scenarios/erlang-check.json", "--json", "--seeds", "1"]);
    expect(r.code).toBe(0);
    const last = JSON.parse(r.stdout.trim().split("\n").pop()!);
    expect(last.scenario).toBe("erlang-check");
    expect(Object.keys(last.policies).sort()).toEqual(Object.keys(strategies).sort());
    for (const p of Object.values(last.policies) as Record<string, unknown>[]) {
      for (const key of [
        "meanWaitSec",
        "p95WaitSec",
        "maxWaitSec",
        "sl30",
        "abandonRate",
        "urgentP95WaitSec",
        "utilMin",
        "utilMax",
        "jainLoad",
        "maxConcurrent",
        "reoffers",
      ]) {
        expect(p).toHaveProperty(key);
      }
    }
    expect(last.erlang.model).toBe("erlang-c");
    expect(r.stderr).toMatch(/erlang-check: dynamic 1 seeds in/);
  });

  it("prints a table, with null Erlang where it does not apply", async () => {
    const r = await bench(["--scenario", "bench/scenarios/steady.json", "--seeds", "1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/policy\s+meanWait\s+p95Wait/);
    expect(r.stdout).toMatch(/^dynamic\s/m);
    expect(r.stdout).toMatch(/erlang: not applicable/);
    const j = await bench(["--scenario", "bench/scenarios/steady.json", "--seeds", "1", "--json"]);
    expect(JSON.parse(j.stdout.trim().split("\n").pop()!).erlang).toBeNull();
  });

  it("ends the text with dynamic vs each baseline (paired ± SE), and --json keeps its keys", async () => {
    const r = await bench(["--scenario", "bench/scenarios/steady.json", "--seeds", "3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^dynamic vs each baseline/m);
    expect(r.stdout).toMatch(/± = its standard error = sd of the per-seed differences \/ sqrt\(n\)/);
    const baselines = Object.keys(strategies).filter((p) => p !== "dynamic");
    for (const metric of ["p95Wait", "urgP95", "sl30", "jain", "abandon"]) {
      for (const b of baselines) {
        const row = new RegExp(
          `^${metric}\\s+${b}( \\*)?\\s+[-\\d.]+\\s+[-\\d.]+\\s+[-+][\\d.]+ ± [\\d.]+\\s+3\\s+(better|meets|tie|worse)$`,
          "m",
        );
        expect(r.stdout).toMatch(row);
      }
    }

    const j = await bench(["--scenario", "bench/scenarios/steady.json", "--seeds", "3", "--json"]);
    expect(j.code).toBe(0);
    const last = JSON.parse(j.stdout.trim().split("\n").pop()!);
    expect(Object.keys(last).slice(0, 3)).toEqual(["scenario", "policies", "erlang"]);
    expect(last.scenario).toBe("steady");
    expect(Object.keys(last.policies).sort()).toEqual(Object.keys(strategies).sort());
    expect(last.policies.dynamic.seeds).toBe(3);
    expect(Object.keys(last.versus).sort()).toEqual(baselines.sort());
    expect(last.versus["fifo-round-robin"].p95WaitSec.dynamic).toBe(last.policies.dynamic.p95WaitSec);
  });

  it("prints no comparison without dynamic", async () => {
    const args = [
      "--scenario",
      "bench/scenarios/steady.json",
      "--seeds",
      "1",
      "--policies",
      "least-loaded,strict-priority",
    ];
    const r = await bench(args);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/vs each baseline/);
    const j = await bench([...args, "--json"]);
    expect(JSON.parse(j.stdout.trim().split("\n").pop()!)).not.toHaveProperty("versus");
  });

  it("exits 2 with a clear message on a missing or bad scenario", async () => {
    const missing = await bench(["--scenario", join(tmp, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the scenario file/);

    const bad = join(tmp, "bad.json");
    writeFileSync(
      bad,
      JSON.stringify({ arrivals: [{ fromMin: 0, toMin: 10, perMin: 1 }], agents: [{ capacity: 0 }] }),
    );
    const r = await bench(["--scenario", bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.json: agents.0.capacity: expected a positive integer");

    expect((await bench([])).code).toBe(2);
    expect((await bench(["--scenario", "bench/scenarios/steady.json", "--seeds", "0"])).code).toBe(2);
  });
});
