import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { devSetPath, projectRoot } from "../testing/nlu.js";

const run = promisify(execFile);
const tsx = join(projectRoot, "node_modules", ".bin", "tsx");
const evalScript = join(projectRoot, "bench", "nlu", "eval.ts");
const tmp = mkdtempSync(join(tmpdir(), "eval-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function evalCli(args: string[]) {
  try {
    const { stdout, stderr } = await run(tsx, [evalScript, ...args], { cwd: projectRoot, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run eval", () => {
  it("meets the targets on the public dev set, through the chat's own decision path", async () => {
    const { code, stdout } = await evalCli(["--data", devSetPath, "--json"]);
    expect(code).toBe(0);
    const last = stdout.trim().split("\n").at(-1) as string;
    const r = JSON.parse(last);
    expect(r.n).toBe(556);
    // Floors just under today's figures over the 84 intents (0.954, 0.990, 0.989 at 0.907): a
    // change that loses understanding fails here. The targets are 0.93, 0.92, 0.97 at 0.85.
    expect(r.in_scope_accuracy).toBeGreaterThanOrEqual(0.94);
    expect(r.oos_f1).toBeGreaterThanOrEqual(0.96);
    expect(r.answer_precision).toBeGreaterThanOrEqual(0.98);
    expect(r.answer_coverage).toBeGreaterThanOrEqual(0.88);
    expect(Array.isArray(r.errors)).toBe(true);
    for (const e of r.errors) expect(Object.keys(e)).toEqual(expect.arrayContaining(["expected", "predicted", "decision", "confidence"]));
  });

  it("prints a table per domain without --json", async () => {
    const file = join(tmp, "small.jsonl");
    writeFileSync(file, `${JSON.stringify({ text: "社保卡丢了怎么挂失", intent: "card.lost", lang: "zh" })}\n`);
    const { code, stdout } = await evalCli(["--data", file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^card\s+1\s+1\.000/m);
  });

  it("exits 2 with a clear message for a missing or malformed file", async () => {
    const missing = await evalCli(["--data", join(tmp, "nope.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read");
    const bad = join(tmp, "bad.jsonl");
    writeFileSync(bad, '{"text": "你好", "intent": "greeting"}\n{"text": 5}\n');
    const malformed = await evalCli(["--data", bad]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("line 2");
    writeFileSync(bad, "not json\n");
    expect((await evalCli(["--data", bad])).code).toBe(2);
    expect((await evalCli([])).code).toBe(2);
  });
});
