import { randomBytes } from "node:crypto";
import mongoose from "mongoose";
import { describe, it } from "vitest";

/**
 * The MongoDB-wire server the Mongo-mode tests use (CI starts FerretDB: scripts/ci/ferretdb.sh, and
 * sets TEST_MONGODB_URI rather than MONGODB_URI, so that the commands tests spawn keep the embedded
 * store their tests expect). Each test file works in a database of its own (freshDatabaseUri).
 */
export const mongoUri = process.env.TEST_MONGODB_URI ?? process.env.MONGODB_URI;

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
        throw new Error(`MongoDB not reachable at ${mongoUri ?? "(TEST_MONGODB_URI or MONGODB_URI not set)"}; CI must provide it (scripts/ci/ferretdb.sh)`);
      });
    });
  } else {
    console.warn(`MongoDB not reachable (TEST_MONGODB_URI or MONGODB_URI: ${mongoUri ?? "unset"}): skipping ${name}`);
    describe.skip(name, fn);
  }
}

/** A database name no other test file (or earlier run) uses, under the server of MONGODB_URI. */
export function freshDatabaseUri(label: string): string {
  const url = new URL(mongoUri ?? "mongodb://127.0.0.1:27017/");
  url.pathname = `/test_${label.replace(/[^a-z0-9]/gi, "_")}_${randomBytes(5).toString("hex")}`;
  return url.toString();
}
