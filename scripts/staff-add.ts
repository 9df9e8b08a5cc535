// npm run staff:add -- --username zhang.wei --name 张伟 --languages zh,en --skills pension,medical --capacity 3
// Reads the password from STAFF_PASSWORD or asks for it on the terminal (never from the command line,
// where it would land in the shell history).
import { createInterface } from "node:readline/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config.js";
import { StaffTokens } from "../src/security/conversation-token.js";
import { StaffAccounts, StaffError } from "../src/staff/accounts.js";
import { createSqliteStorage } from "../src/storage/sqlite/sqlite-storage.js";

const { values } = parseArgs({
  options: {
    username: { type: "string" },
    name: { type: "string" },
    languages: { type: "string", default: "zh" },
    skills: { type: "string", default: "*" },
    capacity: { type: "string", default: "3" },
  },
});
const config = loadConfig();
const password =
  process.env.STAFF_PASSWORD ??
  (await (async () => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question("password (at least 10 characters): ");
    rl.close();
    return answer;
  })());
const storage = createSqliteStorage(join(config.dataDir, "desk.sqlite"));
const accounts = new StaffAccounts(storage.staff, new StaffTokens(config.secrets.sessionSecret, 3600), () => new Date());
try {
  const staff = await accounts.create({
    username: values.username ?? "",
    displayName: values.name ?? values.username ?? "",
    password,
    languages: (values.languages ?? "").split(",").filter(Boolean) as ("zh" | "en")[],
    skills: (values.skills ?? "").split(",").filter(Boolean) as never,
    capacity: Number(values.capacity),
  });
  console.log(`created ${staff.username} (${staff.id})`);
} catch (error) {
  if (!(error instanceof StaffError)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await storage.close();
}
