import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { projectRoot } from "./nlu.js";

/** Debian's chromium; playwright's own browser download is not available on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM}: apt-get install chromium`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Newest modification time under a folder (recursively). */
function newest(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, encoding: "utf8" }).map((file) => statSync(join(dir, file)).mtimeMs),
  );
}

/**
 * Builds a front end (npm script) when its output is missing or older than its sources or the
 * protocol it imports, so a browser test never runs stale code.
 */
export function ensureBuilt(app: "widget" | "agent-console", output: string, script: string): void {
  const dir = join(projectRoot, app);
  const sources = Math.max(
    newest(join(dir, "src")),
    statSync(join(dir, "vite.config.ts")).mtimeMs,
    statSync(join(projectRoot, "src", "channels", "events.ts")).mtimeMs,
    statSync(join(projectRoot, "src", "channels", "agent-events.ts")).mtimeMs,
  );
  const built = join(dir, output);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  execFileSync("npm", ["run", script], { cwd: projectRoot, stdio: "pipe" });
}
