import { constants, existsSync, statSync } from "node:fs";
import { chmod, copyFile, mkdir, readdir, rename, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { sha256File, syncToDisk } from "./checksum.js";
import { BackupDamaged, BackupRefused } from "./errors.js";
import { inspectCopy } from "./inspect-copy.js";
import { type Manifest, readManifest } from "./manifest.js";
import { KNOWN_SCHEMA_VERSIONS } from "./store-files.js";

export interface RestoredFile {
  name: string;
  bytes: number;
  rows: Record<string, number>;
}

export interface RestoredBackup {
  manifest: Manifest;
  dataDir: string;
  files: RestoredFile[];
  ms: number;
}

/** Refuses anything but a missing or empty folder: a restore never mixes with or replaces data. */
async function refuseUnlessEmpty(dataDir: string): Promise<void> {
  if (!existsSync(dataDir)) return;
  if (!statSync(dataDir).isDirectory()) throw new BackupRefused(`${dataDir} is not a folder`);
  const entries = await readdir(dataDir);
  if (entries.length === 0) return;
  const shown = entries.slice(0, 5).join(", ") + (entries.length > 5 ? `, … (${entries.length} in all)` : "");
  throw new BackupRefused(
    `the data folder ${dataDir} is not empty (${shown}): a restore goes into an empty folder only. Restore into a new folder and point DATA_DIR at it; move the old one aside rather than deleting it`,
  );
}

/** Each file of the backup is there, with the size and SHA-256 its manifest gives. */
async function verifyBackupFiles(from: string, manifest: Manifest): Promise<void> {
  for (const f of manifest.files) {
    const path = join(from, f.name);
    if (!existsSync(path)) throw new BackupDamaged(`${path} is missing: the backup is incomplete`);
    const { sha256, bytes } = await sha256File(path);
    if (bytes !== f.bytes || sha256 !== f.sha256) {
      throw new BackupDamaged(`${path} does not match its manifest (${bytes} bytes, sha256 ${sha256.slice(0, 16)}…; expected ${f.bytes} bytes, ${f.sha256.slice(0, 16)}…): the backup is damaged`);
    }
  }
}

/** A backup from a desk whose schema is newer than this one's: this desk would run on a schema it does not know. */
function refuseNewerSchemas(manifest: Manifest): void {
  for (const f of manifest.files) {
    const known = KNOWN_SCHEMA_VERSIONS[f.name];
    if (known !== undefined && f.schemaVersion > known) {
      throw new BackupRefused(
        `${f.name} in this backup has schema version ${f.schemaVersion}, newer than this desk's ${known} (backup by ${manifest.tool.name} ${manifest.tool.version}): restore with that version of the desk`,
      );
    }
  }
}

const sameRows = (a: Record<string, number>, b: Record<string, number>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([t, n]) => b[t] === n);

/**
 * Restores a backup folder into an empty (or new) data folder: the manifest's checksum, then every
 * file's size and SHA-256 checked before anything is written; each file copied (0600, in a 0700
 * folder), flushed, summed again, then opened in a worker for SQLite's quick_check and its row
 * counts against the manifest. On any failure what was written is removed and the folder left as
 * it was found. The keys are not in a backup: the desk started on the folder needs the ones it
 * ran with (README "Backups and restore").
 */
export async function restoreBackup(options: { from: string; dataDir: string }): Promise<RestoredBackup> {
  const started = performance.now();
  const manifest = await readManifest(options.from);
  refuseNewerSchemas(manifest);
  await refuseUnlessEmpty(options.dataDir);
  await verifyBackupFiles(options.from, manifest);
  const created = !existsSync(options.dataDir);
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  await chmod(options.dataDir, 0o700);
  const written: string[] = [];
  try {
    const files: RestoredFile[] = [];
    for (const f of manifest.files) {
      const partial = join(options.dataDir, `${f.name}.restoring`);
      const target = join(options.dataDir, f.name);
      written.push(partial, target);
      await copyFile(join(options.from, f.name), partial, constants.COPYFILE_EXCL);
      await chmod(partial, 0o600);
      await syncToDisk(partial);
      const { sha256, bytes } = await sha256File(partial);
      if (bytes !== f.bytes || sha256 !== f.sha256) throw new BackupDamaged(`${f.name} changed while it was copied to ${options.dataDir}: check the disk, then restore again`);
      await rename(partial, target);
      const contents = await inspectCopy(target, { check: true });
      if (contents.check !== "ok") throw new BackupDamaged(`${f.name}: SQLite's quick_check found ${contents.check}`);
      if (contents.schemaVersion !== f.schemaVersion || !sameRows(contents.rows, f.rows)) {
        throw new BackupDamaged(`${f.name}: the restored file's tables or row counts differ from the manifest's`);
      }
      files.push({ name: f.name, bytes, rows: contents.rows });
    }
    await syncToDisk(options.dataDir);
    return { manifest, dataDir: options.dataDir, files, ms: Math.round(performance.now() - started) };
  } catch (error) {
    for (const path of written) await rm(path, { force: true });
    if (created) await rmdir(options.dataDir).catch(() => {});
    throw error;
  }
}
