import { constants, realpathSync } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { BackupRefused } from "./errors.js";

/** The path with symbolic links followed, as far as it exists. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Whether `path` is `dir` or inside it. */
export function isSameOrInside(path: string, dir: string): boolean {
  const rel = relative(realPath(dir), realPath(path));
  return rel === "" || !(rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/**
 * Makes the backup folder ready (created 0700 when missing; each backup in it is 0700 and its
 * files 0600: backups hold the same personal data as the data folder) or refuses, saying why:
 * inside the data folder (a backup must survive losing it, and would back itself up), or not
 * writable.
 */
export async function prepareBackupDir(backupDir: string, dataDir: string): Promise<void> {
  if (isSameOrInside(backupDir, dataDir) || isSameOrInside(dataDir, backupDir)) {
    throw new BackupRefused(`the backup folder ${backupDir} and the data folder ${dataDir} must be apart (neither inside the other): a backup must survive the loss of the data folder`);
  }
  try {
    await mkdir(backupDir, { recursive: true, mode: 0o700 });
    await access(backupDir, constants.W_OK | constants.X_OK);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new BackupRefused(`cannot write backups to ${backupDir} (${why}): set BACKUP_DIR (or --to) to a folder this user can write`);
  }
}
