import { join } from "node:path";
import type { Storage } from "./ports.js";
import { createSqliteStorage } from "./sqlite/sqlite-storage.js";

/** The store named by the configuration does not answer: said in a line at start, not a stack trace. */
export class StoreUnreachableError extends Error {}

/** Which store a desk keeps its records in, for /readyz and the start's log line. */
export type StoreKind = "sqlite" | "mongodb";

/**
 * The store the configuration names: MongoDB when MONGODB_URI is set (mongoose, loaded only then:
 * an embedded start does not pay for it), otherwise the embedded SQLite file in the data folder.
 */
export async function openStorage(config: { dataDir: string; mongodbUri?: string }): Promise<Storage & { kind: StoreKind }> {
  if (config.mongodbUri) {
    const { createMongoStorage } = await import("./mongo/mongo-storage.js");
    try {
      return Object.assign(await createMongoStorage(config.mongodbUri), { kind: "mongodb" as const });
    } catch (error) {
      // The address without its password, if it carries one.
      const where = config.mongodbUri.replace(/\/\/[^@/]*@/, "//***@");
      throw new StoreUnreachableError(`MongoDB at ${where} did not answer (${(error as Error).message}); check MONGODB_URI and that the server is up`);
    }
  }
  return Object.assign(createSqliteStorage(join(config.dataDir, "desk.sqlite")), { kind: "sqlite" as const });
}
