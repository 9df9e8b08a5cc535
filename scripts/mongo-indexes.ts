// npm run mongo:indexes [-- --uri mongodb://HOST/]: opens the stores (and the demo back office) on a new, empty database of
// that server (TEST_MONGODB_URI or MONGODB_URI by default), prints every index their start made as
// the README lists it (between its mongo-indexes marks), and drops the database again.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { openMongo } from "../src/storage/mongo/connection.js";
import { mongoIndexTable } from "../src/storage/mongo/index-table.js";
import { createMongoDemoRecords } from "../src/records/demo/mongo-demo-records.js";
import { FieldCipher } from "../src/security/field-cipher.js";
import { createMongoStorage } from "../src/storage/mongo/mongo-storage.js";

const { values } = parseArgs({ options: { uri: { type: "string" } } });
const server = values.uri ?? process.env.TEST_MONGODB_URI ?? process.env.MONGODB_URI;
if (!server) {
  console.error("mongo:indexes: give --uri mongodb://HOST/ (or set TEST_MONGODB_URI or MONGODB_URI)");
  process.exit(2);
}
const url = new URL(server);
url.pathname = `/index_list_${randomBytes(4).toString("hex")}`;
// What a desk's start opens there: every store, and the demo back office's collections.
const storage = await createMongoStorage(url.toString());
const records = await createMongoDemoRecords({ uri: url.toString(), cipher: new FieldCipher(randomBytes(32)), clock: () => new Date(), transitions: false });
const conn = await openMongo(url.toString());
try {
  console.log(await mongoIndexTable(conn));
} finally {
  await records.close();
  await storage.close();
  await conn.dropDatabase();
  await conn.close();
}
