import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DelayedJobs, DelayedKind } from "../../src/jobs/delayed-jobs.js";

/** What both DelayedJobs adapters must do (local timers, BullMQ delayed jobs). */

interface Fired {
  kind: DelayedKind;
  key: string;
  payload: Record<string, string>;
  at: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function delayedJobsContract(
  name: string,
  make: (onError: (error: unknown) => void) => Promise<DelayedJobs>,
  cleanup: () => Promise<void>,
): void {
  describe(`${name}: DelayedJobs contract`, () => {
    let jobs: DelayedJobs;
    let fired: Fired[];
    let errors: unknown[];
    let failKey: string | undefined;

    beforeEach(async () => {
      fired = [];
      errors = [];
      failKey = undefined;
      jobs = await make((error) => errors.push(error));
      jobs.handle(async (kind, key, payload) => {
        if (key === failKey) throw new Error(`handler failed for ${key}`);
        fired.push({ kind, key, payload, at: Date.now() });
      });
    });
    afterEach(async () => {
      await jobs.close();
      await cleanup();
    });

    it("runs the handler once, after the delay, with kind, key and payload", async () => {
      const start = Date.now();
      await jobs.schedule("offer-timeout", "chat:1", { agentId: "a" }, 300);
      await sleep(100);
      expect(fired).toEqual([]);
      await vi.waitFor(() => expect(fired).toHaveLength(1), { timeout: 5_000, interval: 20 });
      expect(fired[0]).toMatchObject({ kind: "offer-timeout", key: "chat:1", payload: { agentId: "a" } });
      expect(fired[0]!.at - start).toBeGreaterThanOrEqual(290);
      await sleep(300);
      expect(fired).toHaveLength(1);
    });

    it("scheduling the same kind and key again replaces the earlier job", async () => {
      const start = Date.now();
      await jobs.schedule("offer-timeout", "c", { round: "1" }, 150);
      await jobs.schedule("offer-timeout", "c", { round: "2" }, 500);
      await vi.waitFor(() => expect(fired).toHaveLength(1), { timeout: 5_000, interval: 20 });
      expect(fired[0]!.payload).toEqual({ round: "2" });
      expect(fired[0]!.at - start).toBeGreaterThanOrEqual(490);
      await sleep(300);
      expect(fired).toHaveLength(1);
    });

    it("a kind and a key are separate jobs: same key, other kind is not replaced", async () => {
      await jobs.schedule("offer-timeout", "x", {}, 100);
      await jobs.schedule("agent-grace", "x", {}, 120);
      await jobs.schedule("agent-grace", "y", {}, 140);
      await vi.waitFor(() => expect(fired).toHaveLength(3), { timeout: 5_000, interval: 20 });
      expect(fired.map((f) => `${f.kind} ${f.key}`).sort()).toEqual([
        "agent-grace x",
        "agent-grace y",
        "offer-timeout x",
      ]);
    });

    it("cancel: the job never runs; cancelling nothing is fine", async () => {
      await jobs.schedule("agent-grace", "a", {}, 150);
      await jobs.schedule("agent-grace", "b", {}, 150);
      await jobs.cancel("agent-grace", "a");
      await jobs.cancel("agent-grace", "never-scheduled");
      await vi.waitFor(() => expect(fired).toHaveLength(1), { timeout: 5_000, interval: 20 });
      await sleep(300);
      expect(fired.map((f) => f.key)).toEqual(["b"]);
    });

    it("a handler that throws is reported through onError; other jobs still run", async () => {
      failKey = "bad";
      await jobs.schedule("offer-timeout", "bad", {}, 50);
      await jobs.schedule("offer-timeout", "good", {}, 150);
      await vi.waitFor(() => expect(fired).toHaveLength(1), { timeout: 5_000, interval: 20 });
      expect(fired[0]!.key).toBe("good");
      expect(errors.map(String)).toEqual(["Error: handler failed for bad"]);
    });
  });
}
