import { randomBytes } from "node:crypto";

/**
 * The MongoDB-wire server the Mongo-mode tests use (CI starts FerretDB: scripts/ci/ferretdb.sh, and
 * sets TEST_MONGODB_URI rather than MONGODB_URI, so that the commands tests spawn keep the embedded
 * store their tests expect). Each test file works in a database of its own (freshDatabaseUri).
 */
export const mongoUri = process.env.TEST_MONGODB_URI ?? process.env.MONGODB_URI;

/** A database name no other test file (or earlier run) uses, under the server of MONGODB_URI. */
export function freshDatabaseUri(label: string): string {
  const url = new URL(mongoUri ?? "mongodb://127.0.0.1:27017/");
  url.pathname = `/test_${label.replace(/[^a-z0-9]/gi, "_")}_${randomBytes(5).toString("hex")}`;
  return url.toString();
}
