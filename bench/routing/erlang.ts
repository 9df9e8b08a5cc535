/**
 * Closed-form queueing figures to validate the simulator against.
 *
 * Erlang C (M/M/n): offered load a = λ/μ, Erlang B by the stable recursion
 *   B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)),
 * then P(wait) = C = n B / (n - a (1 - B)), mean wait E[W] = C / (nμ - λ), and
 * P(W <= t) = 1 - C exp(-(nμ - λ) t). (Any queueing text, e.g. Kleinrock, Queueing Systems I, §3.5;
 * the recursion avoids the factorials and powers that overflow for large n.)
 *
 * Erlang A (M/M/n+M, exponential patience with rate θ): Mandelbaum & Zeltyn, "The Palm/Erlang-A queue,
 * with applications to call centers" (2007), and Garnett, Mandelbaum & Reiman, "Designing a call center
 * with impatient customers", MSOM 4(3), 2002. With x = nμ/θ, y = λ/θ, ρ = λ/(nμ), E = Erlang B(n, a):
 *   A(x, y) = (x e^y / y^x) γ(x, y) = Σ_{k>=0} Π_{j=1..k} y / (x + j)   (series of the incomplete gamma)
 *   P(W > 0)        = A E / (1 + (A - 1) E)
 *   P(Ab | W > 0)   = 1 / (ρ A) + 1 - 1/ρ
 *   P(Ab)           = P(Ab | W > 0) P(W > 0)
 *   E[W] (all arrivals, served and abandoned) = P(Ab) / θ   (each waiting citizen leaves at rate θ, so
 *                   λ P(Ab) = θ E[Lq] and Little gives E[Lq] = λ E[W]).
 */
import type { Scenario } from "./scenario.js";

/** Erlang B blocking probability for n servers and offered load a (Erlangs). */
export function erlangB(n: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  return b;
}

export interface ErlangC {
  probWait: number;
  /** Mean wait over all arrivals (s). Infinity when a >= n. */
  meanWaitSec: number;
  /** P(wait <= 30 s). */
  sl30: number;
}

/** λ and μ per second. */
export function erlangC(n: number, lambda: number, mu: number): ErlangC {
  const a = lambda / mu;
  if (a >= n) return { probWait: 1, meanWaitSec: Infinity, sl30: 0 };
  const b = erlangB(n, a);
  const c = (n * b) / (n - a * (1 - b));
  const drain = n * mu - lambda;
  return { probWait: c, meanWaitSec: c / drain, sl30: 1 - c * Math.exp(-drain * 30) };
}

/** A(x, y) of Erlang A, summed in log space: the terms first grow (while x + j < y) and may overflow. */
export function erlangAFunction(x: number, y: number): number {
  let logTerm = 0;
  let logSum = 0;
  for (let j = 1; j < 1e7; j++) {
    logTerm += Math.log(y) - Math.log(x + j);
    const hi = Math.max(logSum, logTerm);
    logSum = hi + Math.log(Math.exp(logSum - hi) + Math.exp(logTerm - hi));
    // Terms decrease geometrically once x + j > y; stop when they no longer matter.
    if (x + j > y && logTerm - logSum < -40) break;
  }
  return Math.exp(logSum);
}

export interface ErlangA {
  probWait: number;
  abandonRate: number;
  /** Mean time in queue over all arrivals, abandoned ones included (s). */
  meanQueueSec: number;
}

/** λ, μ, θ per second. */
export function erlangA(n: number, lambda: number, mu: number, theta: number): ErlangA {
  const e = erlangB(n, lambda / mu);
  const rho = lambda / (n * mu);
  const A = erlangAFunction((n * mu) / theta, lambda / theta);
  const probWait = (A * e) / (1 + (A - 1) * e);
  const abandonGivenWait = 1 / (rho * A) + 1 - 1 / rho;
  const abandonRate = abandonGivenWait * probWait;
  return { probWait, abandonRate, meanQueueSec: abandonRate / theta };
}

export interface ErlangFigures {
  model: "erlang-c" | "erlang-a";
  servers: number;
  arrivalPerMin: number;
  handleMin: number;
  offeredLoad: number;
  utilization: number;
  probWait: number;
  /** Erlang C: mean wait of all arrivals. Erlang A: mean time in queue of all arrivals (abandoned included). */
  meanWaitSec: number;
  /** Erlang C only: P(wait <= 30 s). */
  sl30?: number;
  /** Erlang A only. */
  abandonRate?: number;
  /** Lognormal handle times with cv != 1: Allen-Cunneen M/G/n approximation, E[W] (1 + cv²) / 2. */
  meanWaitSecAllenCunneen?: number;
  /** Where the scenario departs from the model's assumptions (the figures are then approximate). */
  notes: string[];
}

/**
 * Erlang figures for a scenario the models describe: one arrival segment over the whole run, one agent
 * group online throughout, all chats servable by every agent (one language, one skill or "*" agents),
 * capacity 1 (n = count) or capacity > 1 without slowdown (each slot is an independent server,
 * n = count × capacity). Erlang A when patience is set, else Erlang C. Otherwise null.
 */
export function erlangFor(scenario: Scenario): ErlangFigures | null {
  if (scenario.arrivals.length !== 1 || scenario.agents.length !== 1) return null;
  const seg = scenario.arrivals[0]!;
  const group = scenario.agents[0]!;
  if (seg.fromMin > 0 || seg.toMin < scenario.durationMin || seg.perMin <= 0) return null;
  if (group.online.length !== 1 || group.online[0]![0] > 0 || group.online[0]![1] < scenario.durationMin)
    return null;
  const languages = Object.keys(scenario.languages);
  if (languages.length !== 1 || !group.languages.includes(languages[0]!)) return null;
  const skills = Object.keys(scenario.skills);
  if (!group.skills.includes("*") && !(skills.length === 1 && group.skills.includes(skills[0]!))) return null;
  if (group.capacity > 1 && scenario.concurrencySlowdown > 0) return null;

  const n = group.count * group.capacity;
  const lambda = seg.perMin / 60;
  const h = scenario.handleTimeMin;
  const mu = 1 / (h.mean * 60);
  const a = lambda / mu;
  const notes: string[] = [];
  const cv = h.dist === "exponential" ? 1 : h.cv;
  if (h.dist !== "exponential") notes.push(`lognormal handle times (cv ${h.cv}): Erlang assumes exponential`);
  if (scenario.offer.acceptDelaySec > 0) notes.push("offers take time to accept: not in the model");
  if (scenario.offer.declineShare > 0) notes.push("declines: not in the model");
  if (scenario.warmupMin <= 0) notes.push("no warm-up: the run starts empty");
  const base = {
    servers: n,
    arrivalPerMin: seg.perMin,
    handleMin: h.mean,
    offeredLoad: a,
    utilization: a / n,
    notes,
  };
  if (scenario.patienceMin) {
    const r = erlangA(n, lambda, mu, 1 / (scenario.patienceMin.mean * 60));
    return {
      model: "erlang-a",
      ...base,
      probWait: r.probWait,
      meanWaitSec: r.meanQueueSec,
      abandonRate: r.abandonRate,
    };
  }
  const r = erlangC(n, lambda, mu);
  return {
    model: "erlang-c",
    ...base,
    probWait: r.probWait,
    meanWaitSec: r.meanWaitSec,
    sl30: r.sl30,
    ...(cv !== 1 ? { meanWaitSecAllenCunneen: (r.meanWaitSec * (1 + cv * cv)) / 2 } : {}),
  };
}
