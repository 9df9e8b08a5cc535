import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type BackupRun, BackupSchedule, scheduleBackups } from "../../src/backup/backup-schedule.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { projectRoot } from "../testing/nlu.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const run = (name: string): BackupRun => ({ name, ms: 1, bytes: 1, files: 1, removed: 0 });

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

describe("the backup schedule", () => {
  it("never runs two backups at once, however long one takes, and goes on after a failure", async () => {
    let running = 0;
    let most = 0;
    let started = 0;
    const done: BackupRun[] = [];
    const errors: unknown[] = [];
    const schedule = new BackupSchedule({
      everyMs: 5,
      run: async () => {
        started++;
        running++;
        most = Math.max(most, running);
        await sleep(30);
        running--;
        if (started === 2) throw new Error("disk full");
        return run(`b${started}`);
      },
      onDone: (r) => done.push(r),
      onError: (e) => errors.push(e),
    });
    schedule.start();
    await sleep(250);
    await schedule.stop();
    expect(most).toBe(1);
    expect(started).toBeGreaterThanOrEqual(4);
    expect(errors).toEqual([new Error("disk full")]);
    expect(done.length).toBe(started - 1);
    const after = started;
    await sleep(50);
    expect(started).toBe(after);
  });

  it("stop waits for the backup in progress, which it asks to stop", async () => {
    let seen: AbortSignal | undefined;
    let finished = false;
    const schedule = new BackupSchedule({
      everyMs: 1,
      run: async (signal) => {
        seen = signal;
        while (!signal.aborted) await sleep(5);
        finished = true;
        throw new Error("stopped");
      },
      onDone: () => {},
      onError: () => expect.unreachable("a stop is not a failure"),
    });
    schedule.start();
    await sleep(20);
    await schedule.stop();
    expect(seen?.aborted).toBe(true);
    expect(finished).toBe(true);
  });

  it("in a desk: backs up the real store on its timer, applies retention, logs a line per backup without paths or data", async () => {
    root = mkdtempSync(join(tmpdir(), "backup-schedule-"));
    const dataDir = join(root, "data");
    const dir = join(root, "backups");
    const storage = createSqliteStorage(join(dataDir, "desk.sqlite"));
    const id = randomUUID();
    const at = new Date().toISOString();
    await storage.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: at, updatedAt: at });
    const lines: { message: string; fields: Record<string, unknown> }[] = [];
    const stop = scheduleBackups({
      dataDir,
      store: "sqlite",
      everyMinutes: 5,
      everyMs: 40,
      dir,
      // Keep only the newest: each backup removes the one before.
      keep: { allForMs: 0, hourlyForMs: 0, dailyForMs: 0 },
      rootDir: projectRoot,
      log: (message, fields) => lines.push({ message, fields }),
      onError: (e) => expect.unreachable(String(e)),
    });
    await sleep(400);
    await stop();
    await storage.close();
    const taken = lines.filter((l) => l.message === "backup taken");
    expect(lines[0]).toEqual({ message: "backups scheduled", fields: { backups: { everyMs: 40, dir } } });
    expect(taken.length).toBeGreaterThanOrEqual(2);
    const last = taken.at(-1)!.fields.backup as BackupRun;
    expect(last).toMatchObject({ files: 1, removed: 1 });
    expect(last.name).toMatch(/^backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
    expect(last.bytes).toBeGreaterThan(0);
    expect(JSON.stringify(taken)).not.toContain(dataDir);
    // Retention left the newest alone, and a stop in the middle of one left no partial folder.
    expect(readdirSync(dir).filter((n) => !n.startsWith("."))).toHaveLength(1);
    expect(readdirSync(dir).filter((n) => n.endsWith(".partial"))).toEqual([]);
  });

  it("is off on MongoDB and at 0 minutes", async () => {
    root = mkdtempSync(join(tmpdir(), "backup-schedule-"));
    const lines: string[] = [];
    const options = { dataDir: join(root, "data"), dir: join(root, "backups"), everyMinutes: 5, keep: { allForMs: 0, hourlyForMs: 0, dailyForMs: 0 }, rootDir: projectRoot, log: (m: string) => lines.push(m), onError: () => {} };
    const stops = [scheduleBackups({ ...options, store: "mongodb", everyMs: 10 }), scheduleBackups({ ...options, store: "sqlite", everyMinutes: 0 })];
    await sleep(50);
    for (const stop of stops) await stop();
    expect(lines).toEqual([]);
    expect(existsSync(join(root, "backups"))).toBe(false);
  });
});
