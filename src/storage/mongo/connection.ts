import mongoose, { type Connection } from "mongoose";

/**
 * One connection to the MongoDB named by MONGODB_URI (a MongoDB replica set in production; FerretDB
 * in CI). The driver reconnects by itself after a loss; a query made while it is away fails after
 * `serverSelectionTimeoutMS` with an error the routes answer as "service unavailable", and the
 * next one after it is back succeeds, without a restart.
 */
export async function openMongo(uri: string, options: { serverSelectionTimeoutMS?: number } = {}): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 5_000,
    // Indexes are made by each store at start (its `indexes()`), not in the background on first use.
    autoIndex: false,
    autoCreate: true,
  });
  await conn.asPromise();
  return conn;
}

/** True while the server answers a ping; for /readyz. */
export async function mongoAnswers(conn: Connection): Promise<boolean> {
  try {
    await conn.db?.admin().ping();
    return true;
  } catch {
    return false;
  }
}

/** Whether an error is MongoDB's duplicate-key refusal (a unique index said no). */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === 11000;
}
