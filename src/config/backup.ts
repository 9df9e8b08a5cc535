import { resolve } from "node:path";
import { z } from "zod";
import { isSameOrInside } from "../backup/backup-place.js";
import type { RetentionPolicy } from "../backup/retention.js";
import { ConfigError } from "./config-error.js";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Backups of the embedded store (src/backup/): how often, where to, how many kept. */
export const backupEnv = {
  BACKUP_EVERY_MINUTES: int(0, 1440).default(5),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_KEEP_ALL_HOURS: int(0, 24 * 31).default(2),
  BACKUP_KEEP_HOURLY_HOURS: int(0, 24 * 366).default(48),
  BACKUP_KEEP_DAILY_DAYS: int(0, 3660).default(30),
};

export interface BackupConfig {
  /** Minutes between the running desk's backups (0: none; always none on MongoDB). */
  everyMinutes: number;
  /** Where backups go: never inside the data folder. */
  dir: string;
  /** Which backups the desk keeps after each one (src/backup/retention.ts). */
  keep: RetentionPolicy;
}

type BackupEnv = { [K in keyof typeof backupEnv]?: z.infer<(typeof backupEnv)[K]> };

const HOUR = 3_600_000;

/**
 * By default the backups go beside the data folder, in `<DATA_DIR>-backups`: outside it (a backup
 * must survive the loss of the data folder, and must not back itself up), and one per data folder
 * (two desks, or a test's desks in one temporary folder, never prune each other's backups).
 * Production sets BACKUP_DIR to another disk, and copies it off the machine.
 */
export function backupConfig(e: BackupEnv, place: { dataDir: string; rootDir: string }): BackupConfig {
  const dir = e.BACKUP_DIR ? resolve(place.rootDir, e.BACKUP_DIR) : `${place.dataDir}-backups`;
  if (isSameOrInside(dir, place.dataDir) || isSameOrInside(place.dataDir, dir)) {
    throw new ConfigError(
      `invalid configuration: BACKUP_DIR: ${dir} and DATA_DIR (${place.dataDir}) must be apart, neither inside the other: a backup must survive the loss of the data folder`,
    );
  }
  return {
    everyMinutes: e.BACKUP_EVERY_MINUTES ?? 5,
    dir,
    keep: {
      allForMs: (e.BACKUP_KEEP_ALL_HOURS ?? 2) * HOUR,
      hourlyForMs: (e.BACKUP_KEEP_HOURLY_HOURS ?? 48) * HOUR,
      dailyForMs: (e.BACKUP_KEEP_DAILY_DAYS ?? 30) * 24 * HOUR,
    },
  };
}
