import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../testing/nlu.js";

const dataDir = mkdtempSync(join(tmpdir(), "staff-cli-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm run staff:<command> -- …args` in its own process, as an operator runs it. */
function staff(args: string[]): { code: number | null; out: string; err: string } {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/staff.ts", ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "development", DATA_DIR: dataDir, STAFF_PASSWORD: "a-long-enough-password" },
    encoding: "utf8",
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe("npm run staff:second-factor", () => {
  it("asks an agent for a second factor, says so in staff:list, and refuses what it cannot do with a clear message", () => {
    expect(staff(["add", "--username", "wu.agent", "--name", "吴"]).code).toBe(0);
    expect(staff(["list"]).out).toMatch(/wu\.agent\s+agent\s+enabled\s+no 2fa/);
    const asked = staff(["second-factor", "--username", "wu.agent", "--require"]);
    expect(asked).toMatchObject({ code: 0, out: "wu.agent: second factor required\n" });
    expect(staff(["list"]).out).toMatch(/wu\.agent\s+agent\s+enabled\s+2fa at next sign-in/);
    expect(staff(["second-factor", "--username", "wu.agent", "--reset"]).out).toContain("enrols again at the next sign-in");
    expect(staff(["second-factor", "--username", "wu.agent"])).toMatchObject({ code: 2, err: expect.stringContaining("needs --require, --no-require or --reset") });
    expect(staff(["second-factor", "--username", "nobody", "--reset"])).toMatchObject({ code: 1, err: expect.stringContaining("STAFF_UNKNOWN_ACCOUNT") });
  });
});
