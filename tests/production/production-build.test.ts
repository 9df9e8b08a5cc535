import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerEntry } from "../../src/nlu/worker/entry.js";

const root = process.cwd();
const dirs: string[] = [];
const secrets = { SESSION_SECRET: "p".repeat(48), FIELD_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64") };

/** `node dist/src/main.js` as `npm run start:prod` runs it, with this environment; its output as it comes. */
function startBuilt(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), "desk-prod-"));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ["dist/src/main.js"], {
    cwd: root,
    // Nothing of the test runner's: no tsx loader, no NODE_OPTIONS.
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0", WARM_UP_TURNS: "0", ...env },
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, exited, output: () => output };
}

beforeAll(() => {
  // What `npm run build` compiles (the front ends it also builds are checked by their own tests).
  execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "pipe" });
}, 180_000);
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("the production build (npm run build, npm run start:prod)", () => {
  it("refuses to start without the secrets from the environment", async () => {
    const desk = startBuilt({});
    expect(await desk.exited).toBe(1);
    expect(desk.output()).toMatch(/NODE_ENV=production needs SESSION_SECRET/);
  });

  it("serves the desk from dist/ without tsx: ready, answering, JSON logs, no demo agents, a clean stop", async () => {
    const desk = startBuilt(secrets);
    const deadline = Date.now() + 60_000;
    let url: string | undefined;
    while (!url) {
      if (Date.now() > deadline) throw new Error(`no start within 60 s:\n${desk.output()}`);
      url = /listening on (http:\/\/[^\s]+)/.exec(desk.output())?.[1];
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({ status: "ready", store: "sqlite" });
    const asked = await fetch(`${url}/api/v1/ask`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "社保卡丢了怎么办" }) });
    // The answer comes from the understanding worker thread, started from the compiled worker.
    expect(((await asked.json()) as { decision: { intent: string } }).decision.intent).toBe("card.lost");
    const logLines = desk.output().split("\n").filter((l) => l.startsWith("{"));
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
    expect(desk.output()).not.toMatch(/demo agent accounts/);
    expect(desk.output()).not.toMatch(/tsx/);
    desk.child.kill("SIGTERM");
    expect(await desk.exited).toBe(0);
  }, 90_000);
});

describe("which file a worker thread starts from", () => {
  it("is the compiled worker under the build, and the tsx boot file from the sources", () => {
    expect(workerEntry("file:///srv/desk/dist/src/nlu/worker-understander.js", "understand-worker", "boot.mjs").pathname).toBe("/srv/desk/dist/src/nlu/worker/understand-worker.js");
    expect(workerEntry("file:///srv/desk/src/nlu/worker-understander.ts", "understand-worker", "boot.mjs").pathname).toBe("/srv/desk/src/nlu/worker/boot.mjs");
  });
});
