/**
 * Scenario files for the routing simulator (issue 5). Only `agents` and `arrivals` are required.
 *
 * Fields and defaults (times in minutes unless the name says Sec):
 * - name: the file name without ".json".
 * - seeds: 10 — runs per policy; run i uses seed i (1-based), the same for every policy.
 * - durationMin: the latest `arrivals[].toMin`. No arrivals after it; the run then drains (see simulator.ts).
 * - warmupMin: 0 — chats arriving before it are simulated but not measured.
 * - arrivals: [{fromMin, toMin, perMin, urgency?}] — Poisson arrivals at perMin per minute in [fromMin, toMin);
 *   overlapping segments add up. `urgency` (optional) overrides the scenario's urgency mix inside the
 *   segment (for surges).
 * - urgency: {urgent: 0.15, normal: 0.7, low: 0.15} — shares, must sum to 1.
 * - languages: {zh: 1} — shares, must sum to 1.
 * - skills: {other: 1} — shares of the domain each chat needs, must sum to 1.
 * - handleTimeMin: {mean: 6, cv: 0.8, dist: "lognormal"} — base handle time H1 alone (k = 1).
 *   dist "exponential" (cv ignored) makes the M/M/c of the Erlang check exact.
 * - concurrencySlowdown: 0 — s in H(k) = H1 * (1 + s (k - 1)).
 * - patienceMin: none (nobody abandons) — {mean}: exponential patience.
 * - offer: {timeoutSec: 25, declineShare: 0, acceptDelaySec: 0} — an agent answers an offer after an
 *   exponential delay with mean acceptDelaySec (agents differ in how fast they react; a fixed delay could
 *   never time out), declines with probability declineShare, and an offer not answered within
 *   timeoutSec times out.
 * - agents: [{name?, count: 1, capacity: 1, languages: all scenario languages, skills: ["*"],
 *   online: [[0, durationMin]]}] — `online` lists [fromMin, toMin] intervals, in order, not overlapping.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { z } from "zod";
import type { Urgency } from "../../src/routing/types.js";

export class ScenarioError extends Error {
  override name = "ScenarioError";
}

const POSITIVE_INT = "expected a positive integer";
const NON_NEGATIVE = "expected a number >= 0";
const POSITIVE = "expected a number > 0";
const SHARE = "expected a share between 0 and 1";

const positiveInt = () =>
  z.number({ error: POSITIVE_INT }).int({ error: POSITIVE_INT }).positive({ error: POSITIVE_INT });
const nonNegative = () => z.number({ error: NON_NEGATIVE }).nonnegative({ error: NON_NEGATIVE });
const positive = () => z.number({ error: POSITIVE }).positive({ error: POSITIVE });
const share = () => z.number({ error: SHARE }).min(0, { error: SHARE }).max(1, { error: SHARE });
const shares = () => z.record(z.string().min(1, { error: "expected a non-empty name" }), share());
const urgencyShares = () =>
  z.strictObject({ urgent: share().optional(), normal: share().optional(), low: share().optional() });

const segmentSchema = z.strictObject({
  fromMin: nonNegative(),
  toMin: positive(),
  perMin: nonNegative(),
  urgency: urgencyShares().optional(),
});

const agentGroupSchema = z.strictObject({
  name: z.string().min(1).optional(),
  count: positiveInt().optional(),
  capacity: positiveInt().optional(),
  languages: z.array(z.string().min(1)).min(1, { error: "expected at least one language" }).optional(),
  skills: z.array(z.string().min(1)).min(1, { error: 'expected at least one skill (or "*")' }).optional(),
  online: z.array(z.tuple([nonNegative(), nonNegative()], { error: "expected [fromMin, toMin]" })).optional(),
});

const fileSchema = z.strictObject({
  name: z.string().min(1).optional(),
  seeds: positiveInt().optional(),
  durationMin: positive().optional(),
  warmupMin: nonNegative().optional(),
  arrivals: z.array(segmentSchema).min(1, { error: "expected at least one arrival segment" }),
  urgency: urgencyShares().optional(),
  languages: shares().optional(),
  skills: shares().optional(),
  handleTimeMin: z
    .strictObject({
      mean: positive().optional(),
      cv: nonNegative().optional(),
      dist: z.enum(["lognormal", "exponential"]).optional(),
    })
    .optional(),
  concurrencySlowdown: nonNegative().optional(),
  patienceMin: z.strictObject({ mean: positive() }).optional(),
  offer: z
    .strictObject({
      timeoutSec: positive().optional(),
      declineShare: share().optional(),
      acceptDelaySec: nonNegative().optional(),
    })
    .optional(),
  agents: z.array(agentGroupSchema).min(1, { error: "expected at least one agent group" }),
});

export interface ArrivalSegment {
  fromMin: number;
  toMin: number;
  perMin: number;
  urgency: Record<Urgency, number> | null;
}

export interface AgentGroup {
  name: string;
  count: number;
  capacity: number;
  languages: string[];
  skills: string[];
  online: [number, number][];
}

/** A scenario with every default filled in. */
export interface Scenario {
  name: string;
  seeds: number;
  durationMin: number;
  warmupMin: number;
  arrivals: ArrivalSegment[];
  urgency: Record<Urgency, number>;
  languages: Record<string, number>;
  skills: Record<string, number>;
  handleTimeMin: { mean: number; cv: number; dist: "lognormal" | "exponential" };
  concurrencySlowdown: number;
  /** null: nobody abandons. */
  patienceMin: { mean: number } | null;
  offer: { timeoutSec: number; declineShare: number; acceptDelaySec: number };
  agents: AgentGroup[];
}

export const DEFAULT_URGENCY: Record<Urgency, number> = { urgent: 0.15, normal: 0.7, low: 0.15 };

const fail = (source: string, path: string, message: string): never => {
  throw new ScenarioError(`${source}: ${path}: ${message}`);
};

/** Shares must add up to 1 (within rounding): a typo like 0.9 + 0.2 should not be silently rescaled. */
function checkShares(source: string, path: string, values: Record<string, number>): void {
  const sum = Object.values(values).reduce((a, b) => a + b, 0);
  if (Object.keys(values).length === 0) fail(source, path, "expected at least one share");
  if (Math.abs(sum - 1) > 1e-6) fail(source, path, `shares must sum to 1 (got ${Number(sum.toFixed(6))})`);
}

function resolveUrgency(
  source: string,
  path: string,
  u: { urgent?: number; normal?: number; low?: number },
): Record<Urgency, number> {
  const out = { urgent: u.urgent ?? 0, normal: u.normal ?? 0, low: u.low ?? 0 };
  checkShares(source, path, out);
  return out;
}

/** Validates parsed JSON and fills in the defaults. `source` prefixes every error (usually the file name). */
export function parseScenario(json: unknown, source = "scenario", defaultName = "scenario"): Scenario {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    fail(source, path, issue.message);
  }
  const f = parsed.data!;

  const arrivals: ArrivalSegment[] = f.arrivals.map((s, i) => {
    if (s.toMin <= s.fromMin) fail(source, `arrivals.${i}.toMin`, "must be greater than fromMin");
    return {
      fromMin: s.fromMin,
      toMin: s.toMin,
      perMin: s.perMin,
      urgency: s.urgency ? resolveUrgency(source, `arrivals.${i}.urgency`, s.urgency) : null,
    };
  });
  const durationMin = f.durationMin ?? Math.max(...arrivals.map((s) => s.toMin));
  const warmupMin = f.warmupMin ?? 0;
  if (warmupMin >= durationMin) fail(source, "warmupMin", `must be less than durationMin (${durationMin})`);
  arrivals.forEach((s, i) => {
    if (s.fromMin >= durationMin)
      fail(source, `arrivals.${i}.fromMin`, `starts at or after durationMin (${durationMin})`);
  });

  const urgency = f.urgency ? resolveUrgency(source, "urgency", f.urgency) : { ...DEFAULT_URGENCY };
  const languages = f.languages ?? { zh: 1 };
  checkShares(source, "languages", languages);
  const skills = f.skills ?? { other: 1 };
  checkShares(source, "skills", skills);

  const agents: AgentGroup[] = f.agents.map((g, i) => {
    const online = g.online ?? [[0, durationMin]];
    let last = -1;
    online.forEach(([from, to], j) => {
      if (to <= from) fail(source, `agents.${i}.online.${j}`, "toMin must be greater than fromMin");
      if (from < last) fail(source, `agents.${i}.online.${j}`, "intervals must be in order and not overlap");
      last = to;
    });
    return {
      name: g.name ?? `g${i}`,
      count: g.count ?? 1,
      capacity: g.capacity ?? 1,
      languages: g.languages ?? Object.keys(languages),
      skills: g.skills ?? ["*"],
      online,
    };
  });
  const names = new Set<string>();
  agents.forEach((g, i) => {
    if (names.has(g.name)) fail(source, `agents.${i}.name`, `duplicate group name "${g.name}"`);
    names.add(g.name);
  });

  return {
    name: f.name ?? defaultName,
    seeds: f.seeds ?? 10,
    durationMin,
    warmupMin,
    arrivals,
    urgency,
    languages,
    skills,
    handleTimeMin: {
      mean: f.handleTimeMin?.mean ?? 6,
      cv: f.handleTimeMin?.cv ?? 0.8,
      dist: f.handleTimeMin?.dist ?? "lognormal",
    },
    concurrencySlowdown: f.concurrencySlowdown ?? 0,
    patienceMin: f.patienceMin ? { mean: f.patienceMin.mean } : null,
    offer: {
      timeoutSec: f.offer?.timeoutSec ?? 25,
      declineShare: f.offer?.declineShare ?? 0,
      acceptDelaySec: f.offer?.acceptDelaySec ?? 0,
    },
    agents,
  };
}

/** Reads and validates a scenario file; every failure is a ScenarioError naming the file (and field). */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError(`${file}: cannot read the scenario file (${code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseScenario(json, file, basename(file).replace(/\.json$/i, ""));
}
