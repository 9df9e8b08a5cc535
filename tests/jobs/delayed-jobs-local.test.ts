import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { Storage } from "../../src/storage/ports.js";
import { createSqliteStorage } from "../../src/storage/sqlite/sqlite-storage.js";
import { LocalDelayedJobs } from "../../src/jobs/local-delayed-jobs.js";
import { delayedJobsContract } from "./delayed-jobs-contract.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

delayedJobsContract(
  "LocalDelayedJobs",
  async (onError) => new LocalDelayedJobs({ onError }),
  async () => {},
);

// The same contract with the jobs kept in the embedded store.
const storeDir = mkdtempSync(join(tmpdir(), "jobs-contract-"));
const stores: Storage[] = [];
delayedJobsContract(
  "LocalDelayedJobs kept in SQLite",
  async (onError) => {
    const storage = createSqliteStorage(join(storeDir, `desk-${stores.length}.sqlite`));
    stores.push(storage);
    return new LocalDelayedJobs({ onError, store: storage.delayedJobs });
  },
  async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  },
);

describe("LocalDelayedJobs", () => {
  it("close() drops every pending job and refuses new ones", async () => {
    const fired: string[] = [];
    const jobs = new LocalDelayedJobs();
    jobs.handle(async (_kind, key) => {
      fired.push(key);
    });
    await jobs.schedule("offer-timeout", "a", {}, 50);
    await jobs.schedule("agent-grace", "b", {}, 80);
    await jobs.close();
    await sleep(150);
    expect(fired).toEqual([]);
    await expect(jobs.schedule("offer-timeout", "c", {}, 10)).rejects.toThrow("closed");
  });

  it("close() waits for a handler that is running", async () => {
    let finished = false;
    const jobs = new LocalDelayedJobs();
    jobs.handle(async () => {
      await sleep(100);
      finished = true;
    });
    await jobs.schedule("offer-timeout", "a", {}, 0);
    await sleep(20);
    await jobs.close();
    expect(finished).toBe(true);
  });

  it("a job firing with no handler is reported, not lost silently", async () => {
    const errors: unknown[] = [];
    const jobs = new LocalDelayedJobs({ onError: (e) => errors.push(e) });
    await jobs.schedule("agent-grace", "a", {}, 0);
    await vi.waitFor(() => expect(errors.map(String)).toEqual([expect.stringContaining("no handler")]));
    await jobs.close();
  });
});

describe("LocalDelayedJobs kept in the embedded store", () => {
  it("arms again on the next start what a stop left pending (an overdue one at once), and never a job already run or cancelled", async () => {
    const { rmSync } = await import("node:fs");
    const dir = mkdtempSync(join(tmpdir(), "jobs-"));
    const file = join(dir, "desk.sqlite");
    try {
      const storage = createSqliteStorage(file);
      const before = new LocalDelayedJobs({ store: storage.delayedJobs });
      const ranBefore: string[] = [];
      before.handle(async (kind, key) => void ranBefore.push(`${kind} ${key}`));
      const scheduledAt = Date.now();
      await before.schedule("flow-expiry", "due-soon", {}, 200);
      await before.schedule("offer-timeout", "later", { agentId: "a1" }, 3000);
      await before.schedule("agent-grace", "cancelled", {}, 200);
      await before.schedule("citizen-gone", "ran", {}, 1);
      await before.cancel("agent-grace", "cancelled");
      await vi.waitFor(() => expect(ranBefore).toEqual(["citizen-gone ran"]));
      // A stop (or a crash) before the others are due.
      await before.close();
      await storage.close();

      // Back after "due-soon" was due, well before "later" is.
      await sleep(Math.max(0, scheduledAt + 400 - Date.now()));
      const reopened = createSqliteStorage(file);
      const after = new LocalDelayedJobs({ store: reopened.delayedJobs });
      const ranAfter: { what: string; payload: Record<string, string> }[] = [];
      after.handle(async (kind, key, payload) => void ranAfter.push({ what: `${kind} ${key}`, payload }));
      await vi.waitFor(() => expect(ranAfter.map((r) => r.what)).toEqual(["flow-expiry due-soon"]));
      expect(Date.now() - scheduledAt).toBeLessThan(3000);
      await vi.waitFor(() => expect(ranAfter).toHaveLength(2), { timeout: 6000 });
      expect(ranAfter).toEqual([
        { what: "flow-expiry due-soon", payload: {} },
        { what: "offer-timeout later", payload: { agentId: "a1" } },
      ]);
      expect(await reopened.delayedJobs.all()).toEqual([]);
      await after.close();
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
