import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { nluPaths, projectRoot } from "./nlu.js";

export interface TestServer {
  url: string;
  dataDir: string;
  app: App;
  /** Stops the server; the data folder stays until `cleanup`. */
  stop(): Promise<void>;
  cleanup(): void;
}

/**
 * Starts the real app on a random port with a temporary data folder (or the one given, to test a
 * restart). The NLU model comes from the artifact global-setup trained, so nothing retrains.
 */
export async function startTestServer(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "desk-"));
  const config = loadConfig(
    { DATA_DIR: dataDir, MODELS_DIR: nluPaths.modelsDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", SHUTDOWN_GRACE_MS: "5000",
      // Tests start many servers: the warm-up's own test is tests/conversation/rehearsal.test.ts.
      WARM_UP_TURNS: "0",
      ...options.env },
    projectRoot,
  );
  const app = await createApp(config);
  const url = await app.start();
  return {
    url,
    dataDir,
    app,
    stop: () => app.close(),
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
