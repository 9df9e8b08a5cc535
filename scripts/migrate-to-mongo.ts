// npm run migrate:to-mongo -- --from DATA_DIR [--to URI] [--tables a,b]: copies the embedded store
// (DATA_DIR/desk.sqlite) into MongoDB (--to, or MONGODB_URI), resumably, and verifies counts and
// checksums per collection. Exit 0 copied and verified, 1 a mismatch, 2 refused.
import { runMigrateToMongo } from "../src/storage/migrate/sqlite-to-mongo.js";

process.exitCode = await runMigrateToMongo(process.argv.slice(2));
