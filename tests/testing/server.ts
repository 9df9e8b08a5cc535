import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type App, createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { openMongo } from "../../src/storage/mongo/connection.js";
import { freshDatabaseUri } from "./mongo-uri.js";
import { nluPaths, projectRoot } from "./nlu.js";

/** Where a test desk keeps its records: the embedded SQLite file, or a MongoDB database of its own. */
export type TestStore = "embedded" | "mongodb";

export interface TestServer {
  url: string;
  dataDir: string;
  /** The MongoDB database of a desk started with `store: "mongodb"`. */
  mongoUri?: string;
  app: App;
  /** Stops the server; the data folder (and its MongoDB database) stays until `cleanup`. */
  stop(): Promise<void>;
  /** Removes the data folder, and drops the MongoDB database of a desk started on one. */
  cleanup(): Promise<void>;
}

/**
 * The MongoDB database of the desk whose data folder this is: a new one on the first start, the
 * same one when the desk is started again on that folder (a restart test), as a real desk would.
 */
function mongoUriFor(dataDir: string): string {
  const file = join(dataDir, "test-mongodb-uri");
  if (existsSync(file)) return readFileSync(file, "utf8");
  const uri = freshDatabaseUri("desk");
  writeFileSync(file, uri);
  return uri;
}

/**
 * Starts the real app on a random port with a temporary data folder (or the one given, to test a
 * restart), its records in the embedded store or (`store: "mongodb"`) in a MongoDB database of its
 * own on the test server (tests/testing/mongo.ts). The NLU model comes from the artifact
 * global-setup trained, so nothing retrains.
 */
export async function startTestServer(
  options: { dataDir?: string; env?: Record<string, string>; store?: TestStore } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "desk-"));
  const mongoUri = options.store === "mongodb" ? mongoUriFor(dataDir) : undefined;
  const config = loadConfig(
    {
      DATA_DIR: dataDir,
      MODELS_DIR: nluPaths.modelsDir,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      SHUTDOWN_GRACE_MS: "5000",
      // Tests start many servers: the warm-up's own test is tests/conversation/rehearsal.test.ts.
      WARM_UP_TURNS: "0",
      // A desk under test takes no scheduled backups (tests/backup takes its own): none left behind in /tmp.
      BACKUP_EVERY_MINUTES: "0",
      ...(mongoUri ? { MONGODB_URI: mongoUri } : {}),
      ...options.env,
    },
    projectRoot,
  );
  const app = await createApp(config);
  const url = await app.start();
  return {
    url,
    dataDir,
    ...(mongoUri ? { mongoUri } : {}),
    app,
    stop: () => app.close(),
    cleanup: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      if (!mongoUri) return;
      const conn = await openMongo(mongoUri);
      await conn.dropDatabase();
      await conn.close();
    },
  };
}

/** Two desks on one data folder (one database), as two instances behind a load balancer share it; `env` sets Redis mode. */
export async function startTwoInstances(env: Record<string, string>): Promise<{ a: TestServer; b: TestServer; stop(): Promise<void> }> {
  const a = await startTestServer({ env });
  const b = await startTestServer({ dataDir: a.dataDir, env });
  return {
    a,
    b,
    async stop() {
      await b.stop();
      await a.stop();
      await a.cleanup();
    },
  };
}
