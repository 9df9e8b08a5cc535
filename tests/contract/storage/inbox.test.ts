import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMongo } from "../../../src/storage/mongo/connection.js";
import { mongoConversationStores } from "../../../src/storage/mongo/conversation-stores.js";
import { mongoHandoffStores } from "../../../src/storage/mongo/handoff-stores.js";
import { INBOX_FOREIGN_INDEXES, mongoInboxStores } from "../../../src/storage/mongo/inbox-stores.js";
import { createSqliteStorage } from "../../../src/storage/sqlite/sqlite-storage.js";
import { describeMongo, freshDatabaseUri } from "../../testing/mongo.js";
import { inboxContract } from "./inbox.js";

inboxContract("sqlite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "inbox-contract-"));
  const storage = createSqliteStorage(join(dir, "desk.sqlite"));
  return {
    storage,
    async dispose() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

/** The stores the inbox reads from and the inbox itself, on one connection to a database of its own. */
async function openMongoInbox(conn: Connection) {
  return {
    ...(await mongoConversationStores(conn)),
    ...(await mongoHandoffStores(conn)),
    ...(await mongoInboxStores(conn)),
  };
}

describeMongo("mongo adapter: the editors' inbox", () => {
  inboxContract("mongo", async () => {
    const conn = await openMongo(freshDatabaseUri("inbox_contract"));
    return {
      storage: await openMongoInbox(conn),
      async dispose() {
        await conn.dropDatabase();
        await conn.close();
      },
    };
  });

  describe("mongo adapter: the inbox's indexes", () => {
    let conn: Connection;
    beforeAll(async () => {
      conn = await openMongo(freshDatabaseUri("inbox_indexes"));
    });
    afterAll(async () => {
      await conn.dropDatabase();
      await conn.close();
    });

    it("creates at start the indexes its reads need, on its own collections and on those it reads; again without harm", async () => {
      await openMongoInbox(conn);
      // Made again on the same connection (a second factory call): the same indexes, no error.
      await mongoInboxStores(conn);
      const names = async (collection: string) =>
        (await conn.collection(collection).listIndexes().toArray()).map((i) => i.name as string);
      for (const { collection, name } of INBOX_FOREIGN_INDEXES)
        expect(await names(collection), collection).toContain(name);
      expect(await names("inboxFlags")).toEqual(
        expect.arrayContaining(["inbox_flags_message_agent", "inbox_flags_at"]),
      );
      const unique = (await conn.collection("inboxFlags").listIndexes().toArray()).find(
        (i) => i.name === "inbox_flags_message_agent",
      );
      expect(unique?.unique).toBe(true);
    });
  });
});
