import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openMongo } from "../../../src/storage/mongo/connection.js";
import { INDEX_TABLE_MARKS, mongoIndexTable } from "../../../src/storage/mongo/index-table.js";
import { createMongoDemoRecords } from "../../../src/records/demo/mongo-demo-records.js";
import { FieldCipher } from "../../../src/security/field-cipher.js";
import { createMongoStorage } from "../../../src/storage/mongo/mongo-storage.js";
import { describeMongo, freshDatabaseUri } from "../../testing/mongo.js";
import { projectRoot } from "../../testing/nlu.js";

describeMongo("the MongoDB indexes the README lists", () => {
  const uri = freshDatabaseUri("indexes");
  afterAll(async () => {
    const conn = await openMongo(uri);
    await conn.dropDatabase();
    await conn.close();
  });

  it("are the ones a desk's start creates (npm run mongo:indexes prints the list)", async () => {
    // What a desk's start opens there: every store, and the demo back office's collections.
    const storage = await createMongoStorage(uri);
    const records = await createMongoDemoRecords({ uri, cipher: new FieldCipher(randomBytes(32)), clock: () => new Date(), transitions: false });
    const conn = await openMongo(uri);
    try {
      const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
      const [start, end] = INDEX_TABLE_MARKS;
      const listed = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end)).trim();
      expect(readme.includes(start) && readme.includes(end)).toBe(true);
      expect(listed).toBe(await mongoIndexTable(conn));
    } finally {
      await records.close();
      await storage.close();
      await conn.close();
    }
  });
});
