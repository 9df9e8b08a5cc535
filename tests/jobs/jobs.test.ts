import { describe, expect, it } from "vitest";
import { Jobs } from "../../src/jobs/jobs.js";
import { LocalDelayedJobs } from "../../src/jobs/local-delayed-jobs.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Jobs: delayed jobs by name", () => {
  it("runs each due job by its own definition, with its key and payload", async () => {
    const ran: string[] = [];
    const jobs = new Jobs(new LocalDelayedJobs());
    jobs.define(
      { kind: "offer-timeout", run: async (key, payload) => void ran.push(`offer ${key} ${payload.agentId}`) },
      { kind: "flow-expiry", run: async (key) => void ran.push(`flow ${key}`) },
    );
    jobs.start();
    await jobs.schedule("flow-expiry", "c1", {}, 5);
    await jobs.schedule("offer-timeout", "h1", { agentId: "a1" }, 10);
    await jobs.schedule("offer-timeout", "h2", { agentId: "a2" }, 10);
    await jobs.cancel("offer-timeout", "h2");
    await sleep(40);
    expect(ran).toEqual(["flow c1", "offer h1 a1"]);
    await jobs.close();
  });

  it("reports a due job no part defined instead of dropping it silently", async () => {
    const errors: unknown[] = [];
    const jobs = new Jobs(new LocalDelayedJobs({ onError: (error) => errors.push(error) }));
    jobs.start();
    await jobs.schedule("citizen-gone", "c1", {}, 1);
    await sleep(20);
    expect(String(errors[0])).toContain("citizen-gone is not defined");
    await jobs.close();
  });

  it("refuses a kind defined twice (two parts would each think the job is theirs)", () => {
    const jobs = new Jobs(new LocalDelayedJobs());
    const job = { kind: "agent-grace" as const, run: async () => {} };
    jobs.define(job);
    expect(() => jobs.define(job)).toThrow(/defined twice/);
  });
});
