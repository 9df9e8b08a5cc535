import { createMongoStorage } from "../../../src/storage/mongo/mongo-storage.js";
import { openMongo } from "../../../src/storage/mongo/connection.js";
import { freshDatabaseUri, describeMongo } from "../../testing/mongo.js";
import { storageContract } from "../../storage/contract.js";

// The whole-store contract (tests/storage/contract.ts: the one tests/storage/sqlite.test.ts runs on
// SQLite) on MongoDB: every port together, through createMongoStorage as a MONGODB_URI start opens it.
describeMongo("the storage contract on MongoDB", () => {
  storageContract("mongodb", async () => {
    const uri = freshDatabaseUri("storage");
    return {
      storage: await createMongoStorage(uri),
      reopen: () => createMongoStorage(uri),
      dispose: () => {
        void openMongo(uri).then(async (conn) => {
          await conn.dropDatabase();
          await conn.close();
        });
      },
    };
  });
});
