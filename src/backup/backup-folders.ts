import { existsSync } from "node:fs";
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { MANIFEST_CHECKSUM_FILE, MANIFEST_FILE } from "./manifest.js";
import { type DatedBackup, type RetentionPolicy, retain } from "./retention.js";

/**
 * The backup folder's layout: one folder per backup, named for when it was taken
 * (`backup-2026-05-04T10-15-00.123Z`, UTC, sorting in time order), written first under a hidden
 * `.…partial` name and renamed once complete, so a listed backup is always a whole one.
 */
const NAME = /^backup-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})\.(\d{3})Z$/;
const PARTIAL = /^\.backup-.*\.partial$/;
/** A partial folder this old is what a crash or a kill left: no backup takes anywhere near this long. */
const STALE_PARTIAL_MS = 6 * 3_600_000;

export const backupFolderName = (at: Date): string => `backup-${at.toISOString().replaceAll(":", "-")}`;
export const partialFolderName = (name: string): string => `.${name}.partial`;

/** When the backup named so was taken, or undefined for a name that is not a backup's. */
export function backupTakenAt(name: string): number | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const at = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(at) ? undefined : at;
}

/** The complete backups in a folder (named as ours, with a manifest and its checksum); nothing else is ever touched. */
export async function listBackups(backupDir: string): Promise<DatedBackup[]> {
  if (!existsSync(backupDir)) return [];
  const found: DatedBackup[] = [];
  for (const entry of await readdir(backupDir, { withFileTypes: true })) {
    const at = entry.isDirectory() ? backupTakenAt(entry.name) : undefined;
    if (at === undefined) continue;
    const folder = join(backupDir, entry.name);
    if (existsSync(join(folder, MANIFEST_FILE)) && existsSync(join(folder, MANIFEST_CHECKSUM_FILE))) found.push({ name: entry.name, at });
  }
  return found.sort((a, b) => b.at - a.at);
}

/**
 * Removes the backups the retention policy does not keep, and partial folders a crash left long
 * ago. A backup being written by another process (a partial one, not yet listed) is never touched.
 */
export async function pruneBackups(backupDir: string, now: number, policy: RetentionPolicy): Promise<{ kept: number; removed: string[] }> {
  const { keep, drop } = retain(await listBackups(backupDir), now, policy);
  for (const b of drop) await rm(join(backupDir, b.name), { recursive: true, force: true });
  const removed = drop.map((b) => b.name);
  for (const entry of existsSync(backupDir) ? await readdir(backupDir, { withFileTypes: true }) : []) {
    if (!entry.isDirectory() || !PARTIAL.test(entry.name)) continue;
    const path = join(backupDir, entry.name);
    if (now - (await stat(path)).mtimeMs > STALE_PARTIAL_MS) {
      await rm(path, { recursive: true, force: true });
      removed.push(entry.name);
    }
  }
  return { kept: keep.length, removed };
}
