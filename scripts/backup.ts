// npm run backup -- [--data-dir DIR] [--to BACKUP_DIR]
// A consistent online backup of the embedded store (every *.sqlite of DATA_DIR), taken while the
// desk runs, into a new timestamped folder of BACKUP_DIR (default <DATA_DIR>-backups) with a
// manifest and the manifest's checksum (src/backup/). The running desk takes the same backups on
// its own every BACKUP_EVERY_MINUTES; this one is never removed by this command (the desk's
// retention applies to it later). Exit 0 taken, 2 refused (no data, an unwritable folder,
// a desk on MongoDB), 1 a failure.
import { parseArgs } from "node:util";
import { BackupDamaged, BackupRefused } from "../src/backup/errors.js";
import { takeBackup } from "../src/backup/take-backup.js";
import { deskVersion } from "../src/backup/tool-version.js";
import { ConfigError, loadBackupSettings } from "../src/config.js";

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

try {
  const { values } = parseArgs({ options: { "data-dir": { type: "string" }, to: { type: "string" } } });
  const settings = loadBackupSettings({
    ...process.env,
    ...(values["data-dir"] ? { DATA_DIR: values["data-dir"] } : {}),
    ...(values.to ? { BACKUP_DIR: values.to } : {}),
  });
  if (settings.mongodbUri) {
    throw new BackupRefused(
      "this desk keeps its records in MongoDB (MONGODB_URI): back it up with MongoDB's tools (mongodump --oplog against a replica-set member, or your service's point-in-time backups; README \"Backups and restore\"). npm run backup copies the embedded SQLite files only.",
    );
  }
  const taken = await takeBackup({
    dataDir: settings.dataDir,
    backupDir: settings.backup.dir,
    tool: deskVersion(process.cwd()),
    // Its own process: large steps, nobody's event loop to keep free.
    stepBytes: 64 * 2 ** 20,
  });
  const m = taken.manifest;
  console.log(`Backup of ${m.dataDir} taken in ${(m.durationMs / 1000).toFixed(1)} s: ${taken.folder}`);
  for (const f of m.files) {
    const main = ["conversations", "messages", "handoffs", "tickets", "staff"].filter((t) => t in f.rows).map((t) => `${t} ${f.rows[t]}`);
    console.log(`  ${f.name}  ${mb(f.bytes)}  schema ${f.schemaVersion}  sha256 ${f.sha256.slice(0, 16)}…${main.length > 0 ? `  ${main.join(", ")}` : ""}`);
  }
  console.log(`  manifest.json sha256 ${taken.manifestSha256} (manifest.json.sha256)`);
  console.log("Not in the backup: the keys (FIELD_ENCRYPTION_KEY, SESSION_SECRET, secrets.json): keep them with your secrets; a restore needs them.");
} catch (error) {
  if (error instanceof ConfigError || error instanceof BackupRefused) {
    console.error(`backup refused: ${error.message}`);
    process.exitCode = 2;
  } else if (error instanceof BackupDamaged) {
    console.error(`backup failed: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error("backup failed:", error);
    process.exitCode = 1;
  }
}
