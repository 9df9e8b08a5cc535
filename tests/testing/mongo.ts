import mongoose from "mongoose";
import { describe, it } from "vitest";

import { mongoUri } from "./mongo-uri.js";

export { freshDatabaseUri, mongoUri } from "./mongo-uri.js";

/** One quick ping, no retries: a missing server must not hang the suite. */
async function mongoReachable(): Promise<boolean> {
  if (!mongoUri) return false;
  const conn = mongoose.createConnection(mongoUri, { serverSelectionTimeoutMS: 1_500 });
  try {
    await conn.asPromise();
    await conn.db?.admin().ping();
    return true;
  } catch {
    return false;
  } finally {
    await conn.close().catch(() => {});
  }
}

const reachable = await mongoReachable();

/**
 * A describe that needs the MongoDB-wire server. Without it: skipped with a visible message
 * locally, but a failure in CI (CI=true), where a missing server is a broken pipeline.
 */
export function describeMongo(name: string, fn: () => void): void {
  if (reachable) describe(name, fn);
  else if (process.env.CI === "true") {
    describe(name, () => {
      it("needs MongoDB", () => {
        throw new Error(
          `MongoDB not reachable at ${mongoUri ?? "(TEST_MONGODB_URI or MONGODB_URI not set)"}; CI must provide it (scripts/ci/ferretdb.sh)`,
        );
      });
    });
  } else {
    console.warn(
      `MongoDB not reachable (TEST_MONGODB_URI or MONGODB_URI: ${mongoUri ?? "unset"}): skipping ${name}`,
    );
    describe.skip(name, fn);
  }
}
