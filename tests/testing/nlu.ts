import { join } from "node:path";
import { loadConfig } from "../../src/config.js";
import { defaultNluPaths, type NluSetup, setupNlu } from "../../src/nlu/load-engine.js";

export const projectRoot = join(import.meta.dirname, "..", "..");
export { devSetPath, readDevSet } from "../../bench/nlu/dev-set.js";

/** Where the real knowledge base and the models global-setup trained live. */
export const nluPaths = defaultNluPaths(projectRoot, loadConfig({ ...process.env }, projectRoot).modelsDir);

let cached: NluSetup | undefined;
/** The engine for the real knowledge base, from the artifact global-setup made. */
export function realNlu(): NluSetup {
  cached ??= setupNlu(nluPaths);
  return cached;
}
