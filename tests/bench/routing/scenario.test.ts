import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenario, parseScenario, ScenarioError } from "../../../bench/routing/scenario.js";

const minimal = { arrivals: [{ fromMin: 0, toMin: 60, perMin: 1 }], agents: [{ count: 2 }] };
const tmp = mkdtempSync(join(tmpdir(), "routing-scenario-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function errorOf(json: unknown): string {
  try {
    parseScenario(json, "scenario.json");
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error("expected a ScenarioError");
}

describe("scenario files", () => {
  it("fills the documented defaults when only agents and arrivals are given", () => {
    const s = parseScenario(minimal, "x.json", "x");
    expect(s).toMatchObject({
      name: "x",
      seeds: 10,
      durationMin: 60,
      warmupMin: 0,
      urgency: { urgent: 0.15, normal: 0.7, low: 0.15 },
      languages: { zh: 1 },
      skills: { other: 1 },
      handleTimeMin: { mean: 6, cv: 0.8, dist: "lognormal" },
      concurrencySlowdown: 0,
      patienceMin: null,
      offer: { timeoutSec: 25, declineShare: 0, acceptDelaySec: 0 },
    });
    expect(s.agents[0]).toEqual({
      name: "g0",
      count: 2,
      capacity: 1,
      languages: ["zh"],
      skills: ["*"],
      online: [[0, 60]],
    });
  });

  it("names the bad field", () => {
    const bad = (agent: object) => ({ ...minimal, agents: [agent] });
    expect(errorOf(bad({ count: 2, capacity: 1.5 }))).toBe(
      "scenario.json: agents.0.capacity: expected a positive integer",
    );
    expect(errorOf(bad({ count: 2, capacity: 0 }))).toBe(
      "scenario.json: agents.0.capacity: expected a positive integer",
    );
    expect(errorOf(bad({ count: "8" }))).toBe("scenario.json: agents.0.count: expected a positive integer");
    expect(errorOf({ arrivals: minimal.arrivals })).toMatch(/^scenario\.json: agents: /);
    expect(errorOf({ ...minimal, arrivals: [{ fromMin: 0, toMin: 60, perMin: -1 }] })).toBe(
      "scenario.json: arrivals.0.perMin: expected a number >= 0",
    );
    expect(errorOf({ ...minimal, arrivals: [{ fromMin: 30, toMin: 10, perMin: 1 }] })).toBe(
      "scenario.json: arrivals.0.toMin: must be greater than fromMin",
    );
    expect(errorOf({ ...minimal, urgency: { urgent: 0.5, normal: 0.6 } })).toMatch(
      /^scenario\.json: urgency: shares must sum to 1/,
    );
    expect(errorOf({ ...minimal, offer: { declineShare: 1.5 } })).toBe(
      "scenario.json: offer.declineShare: expected a share between 0 and 1",
    );
    expect(errorOf(bad({ online: [[10, 5]] }))).toBe(
      "scenario.json: agents.0.online.0: toMin must be greater than fromMin",
    );
    expect(errorOf({ ...minimal, warmupMin: 60 })).toMatch(/^scenario\.json: warmupMin: /);
    // A typo must not be silently ignored.
    expect(errorOf({ ...minimal, patienceMins: { mean: 5 } })).toMatch(
      /^scenario\.json: \(top level\): .*patienceMins/,
    );
  });

  it("reports unreadable and malformed files by name", () => {
    expect(() => loadScenario(join(tmp, "missing.json"))).toThrow(
      /missing\.json: cannot read the scenario file \(ENOENT\)/,
    );
    const broken = join(tmp, "broken.json");
    writeFileSync(broken, "{ not json");
    expect(() => loadScenario(broken)).toThrow(/broken\.json: not valid JSON/);
  });

  it("accepts every shipped scenario", () => {
    const dir = join(import.meta.dirname, "../../../bench/scenarios");
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) expect(loadScenario(join(dir, f)).name).toBe(f.replace(/\.json$/, ""));
  });
});
