import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadBackupSettings, loadConfig } from "../../src/config.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;

describe("backup settings", () => {
  it("back up every 5 minutes beside the data folder, keeping 2 h, 48 hourly and 30 daily", () => {
    dir = mkdtempSync(join(tmpdir(), "cfg-backup-"));
    const data = join(dir, "data");
    expect(loadConfig({ DATA_DIR: data }, dir).backup).toEqual({
      everyMinutes: 5,
      dir: `${data}-backups`,
      keep: { allForMs: 2 * HOUR, hourlyForMs: 48 * HOUR, dailyForMs: 30 * 24 * HOUR },
    });
  });

  it("take BACKUP_DIR relative to the project, and each retention setting", () => {
    dir = mkdtempSync(join(tmpdir(), "cfg-backup-"));
    const c = loadConfig(
      { DATA_DIR: join(dir, "data"), BACKUP_DIR: "elsewhere/backups", BACKUP_EVERY_MINUTES: "0", BACKUP_KEEP_ALL_HOURS: "1", BACKUP_KEEP_HOURLY_HOURS: "24", BACKUP_KEEP_DAILY_DAYS: "90" },
      dir,
    );
    expect(c.backup).toEqual({ everyMinutes: 0, dir: join(dir, "elsewhere", "backups"), keep: { allForMs: HOUR, hourlyForMs: 24 * HOUR, dailyForMs: 90 * 24 * HOUR } });
  });

  it("refuse a backup folder inside the data folder (or around it), and name a bad value", () => {
    dir = mkdtempSync(join(tmpdir(), "cfg-backup-"));
    const data = join(dir, "data");
    expect(() => loadConfig({ DATA_DIR: data, BACKUP_DIR: join(data, "backups") }, dir)).toThrow(/BACKUP_DIR: .* must be apart/);
    expect(() => loadConfig({ DATA_DIR: data, BACKUP_DIR: dir }, dir)).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: data, BACKUP_EVERY_MINUTES: "often" }, dir)).toThrow(/BACKUP_EVERY_MINUTES/);
    expect(() => loadConfig({ DATA_DIR: data, BACKUP_KEEP_DAILY_DAYS: "-1" }, dir)).toThrow(/BACKUP_KEEP_DAILY_DAYS/);
  });

  it("for the backup and restore commands, without resolving (so without generating) secrets", () => {
    dir = mkdtempSync(join(tmpdir(), "cfg-backup-"));
    const data = join(dir, "data");
    const s = loadBackupSettings({ DATA_DIR: data, MONGODB_URI: "mongodb://db.example/desk" }, dir);
    expect(s).toEqual({ dataDir: data, mongodbUri: "mongodb://db.example/desk", backup: expect.objectContaining({ dir: `${data}-backups` }) });
    expect(existsSync(data)).toBe(false);
    expect(() => loadBackupSettings({ DATA_DIR: data, BACKUP_DIR: data }, dir)).toThrow(ConfigError);
    expect(() => loadBackupSettings({ DATA_DIR: data, MONGODB_URI: "postgres://x" }, dir)).toThrow(/MONGODB_URI/);
  });
});
