// npm run audit:verify: walks the audit log's hash chain and prints `ok N records`, or the first
// record that was changed, removed or inserted (exit code 1).
import { AuditLog, auditKey } from "../src/audit/audit-log.js";
import { loadConfig } from "../src/config.js";
import { openStorage } from "../src/storage/open-storage.js";

const config = loadConfig();
const storage = await openStorage(config);
try {
  const result = await new AuditLog(storage.audit, auditKey(config.secrets.sessionSecret), () => new Date()).verify();
  if (result.ok) console.log(`ok ${result.count} records`);
  else {
    console.log(`${result.problem} at record ${result.seq}: ${result.explanation}`);
    process.exitCode = 1;
  }
} finally {
  await storage.close();
}
