import type { Storage } from "../ports.js";
import { mongoAnswers, openMongo } from "./connection.js";
import { mongoConversationStores } from "./conversation-stores.js";
import { mongoHandoffStores } from "./handoff-stores.js";
import { mongoInboxStores } from "./inbox-stores.js";
import { mongoKnowledgeStores } from "./knowledge-stores.js";
import { mongoStaffStores } from "./staff-stores.js";

/**
 * Every storage port in MongoDB, on one connection: each group of stores in a file of its own,
 * creating the indexes its queries need before the desk serves. What MongoDB and FerretDB (the CI
 * server) both do correctly is all they use: one winner is always an insert on a unique key, never
 * a conditional update (FerretDB lets several through), and no write spans two documents in a
 * transaction.
 */
export async function createMongoStorage(uri: string): Promise<Storage> {
  const conn = await openMongo(uri);
  try {
    const [conversations, staff, handoffs, knowledge] = await Promise.all([
      mongoConversationStores(conn),
      mongoStaffStores(conn),
      mongoHandoffStores(conn),
      mongoKnowledgeStores(conn),
    ]);
    // After the others: it adds its own indexes to their collections (messages, feedback, handoffs).
    const inbox = await mongoInboxStores(conn);
    return {
      ...conversations,
      ...staff,
      ...handoffs,
      ...knowledge,
      ...inbox,
      ping: () => mongoAnswers(conn),
      async close() {
        await conn.close();
      },
    };
  } catch (error) {
    await conn.close().catch(() => {});
    throw error;
  }
}
