// npm run restore -- --from BACKUP_FOLDER [--data-dir DIR]
// Restores a backup (npm run backup, or the desk's scheduled ones) into an empty or new data
// folder (DATA_DIR by default): checks the manifest's checksum and every file's before copying,
// each copy's after, and the row counts against the manifest (src/backup/restore-backup.ts). A
// folder that is not empty is refused. The keys are not in a backup: start the desk on the folder
// with the ones it ran with. Exit 0 restored, 2 refused, 1 a damaged backup or a failure.
import { parseArgs } from "node:util";
import { BackupDamaged, BackupRefused } from "../src/backup/errors.js";
import { restoreBackup } from "../src/backup/restore-backup.js";
import { ConfigError, loadBackupSettings } from "../src/config.js";

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

try {
  const { values } = parseArgs({ options: { from: { type: "string" }, "data-dir": { type: "string" } } });
  if (!values.from) throw new BackupRefused("--from BACKUP_FOLDER is required: one backup's folder (backup-…), as npm run backup printed it");
  const settings = loadBackupSettings({ ...process.env, ...(values["data-dir"] ? { DATA_DIR: values["data-dir"] } : {}) });
  if (settings.mongodbUri) {
    throw new BackupRefused(
      "MONGODB_URI is set: a desk started with it reads MongoDB, not the restored files. Restore MongoDB with mongorestore (README \"Backups and restore\"), or unset MONGODB_URI to restore the embedded store.",
    );
  }
  const restored = await restoreBackup({ from: values.from, dataDir: settings.dataDir });
  const m = restored.manifest;
  console.log(`Restored the backup taken ${m.startedAt} (by ${m.tool.name} ${m.tool.version}, from ${m.dataDir}) into ${restored.dataDir} in ${(restored.ms / 1000).toFixed(1)} s:`);
  for (const f of restored.files) {
    const rows = Object.entries(f.rows).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`);
    console.log(`  ${f.name}  ${mb(f.bytes)}  checksum ok before and after the copy, quick_check ok, rows as in the manifest: ${rows.join(", ") || "none"}`);
  }
  console.log(
    [
      "Next: start the desk with DATA_DIR pointing there and the keys it ran with (a backup never carries them):",
      "  production: the same FIELD_ENCRYPTION_KEY (and FIELD_ENCRYPTION_OLD_KEYS) and SESSION_SECRET, or their _FILE settings;",
      `  development: copy secrets.json from the old data folder into ${restored.dataDir} before the first start,`,
      "  or the desk generates new keys and cannot open what was sealed (citizens' tokens and sealed originals).",
    ].join("\n"),
  );
} catch (error) {
  if (error instanceof ConfigError || error instanceof BackupRefused) {
    console.error(`restore refused: ${error.message}`);
    process.exitCode = 2;
  } else if (error instanceof BackupDamaged) {
    console.error(`restore failed, nothing restored: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error("restore failed, nothing restored:", error);
    process.exitCode = 1;
  }
}
