import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { ensureFrontBuilt, type Front, viteBuild } from "../../scripts/fronts.js";
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

/**
 * Builds a front end when what it is built from changed since its last build (the same check as
 * `npm start`), so a browser test never runs stale code.
 */
export async function ensureBuilt(front: Front): Promise<void> {
  await ensureFrontBuilt(projectRoot, front, (f) => viteBuild(projectRoot, f));
}
