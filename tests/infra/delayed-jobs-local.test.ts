import { describe, expect, it, vi } from "vitest";
import { LocalDelayedJobs } from "../../src/infra/local-delayed-jobs.js";
import { delayedJobsContract } from "./delayed-jobs-contract.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

delayedJobsContract(
  "LocalDelayedJobs",
  async (onError) => new LocalDelayedJobs({ onError }),
  async () => {},
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
