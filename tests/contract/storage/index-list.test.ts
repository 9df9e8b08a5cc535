import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openMongo } from "../../../src/storage/mongo/connection.js";
import { INDEX_TABLE_MARKS, mongoIndexTable } from "../../../src/storage/mongo/index-table.js";
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
    const storage = await createMongoStorage(uri);
    const conn = await openMongo(uri);
    try {
      const readme = readFileSync(join(projectRoot, "README.md"), "utf8");
      const [start, end] = INDEX_TABLE_MARKS;
      const listed = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end)).trim();
      expect(readme.includes(start) && readme.includes(end)).toBe(true);
      expect(listed).toBe(await mongoIndexTable(conn));
    } finally {
      await storage.close();
      await conn.close();
    }
  });
});
