/**
 * Discrete-event simulator of the live-agent desk, driving a RoutingStrategy exactly as the server does:
 * at every event the strategy sees the waiting chats and the agents and returns offers.
 *
 * Model (issue 5):
 * - Arrivals: piecewise-constant Poisson; each chat draws urgency, language and skill from the shares.
 * - Handling: a chat needs H1 minutes of work (lognormal or exponential). An agent holding k chats works
 *   on each at rate 1 / (1 + s (k - 1)), so with k constant H(k) = H1 (1 + s (k - 1)). Remaining work is
 *   tracked and the agent's next finish is recomputed whenever k changes (processor sharing with a
 *   concurrency penalty).
 * - Patience: exponential; a chat not yet ACCEPTED when it runs out abandons (cancelling a pending
 *   offer). A chat that an agent has already accepted never abandons, even if the agent drops out and it
 *   is re-queued: the citizen is in a conversation and waits for the hand-over.
 * - Offers: answered after an exponential delay (mean acceptDelaySec), declined with probability
 *   declineShare, timed out after timeoutSec. Declines and timeouts put the chat back in the queue with
 *   its original arrival time and the agent in declinedBy. Pending offers count as load.
 * - Agents follow their online intervals. Going offline mid-shift re-queues their offers and their
 *   active chats (original arrival time and remaining work kept). Interval ends at or after durationMin
 *   are the end of the shift, not a drop-out: after durationMin no one arrives and the agents then online
 *   stay until the queue has drained (at most DRAIN_MIN), so late arrivals get real waits instead of
 *   being cut off.
 * - Metrics cover the chats arriving in [warmupMin, durationMin) and time averages over the same window.
 */
import { Categorical, Rng } from "./random.js";
import type {
  Assignment,
  AgentState,
  RoutingStrategy,
  Urgency,
  WaitingChat,
} from "../../src/routing/types.js";
import { EventHeap, type Timed } from "./heap.js";
import type { Scenario } from "./scenario.js";

const MIN = 60_000;
/** Longest drain after durationMin; a strategy that never serves some chat must not run forever. */
export const DRAIN_MIN = 240;
/**
 * While chats wait and some agent has a free slot, the strategy is asked again every second even if
 * nothing happens: its decisions depend on the clock (a chat passing its target, skill relaxation).
 */
export const TICK_MS = 1_000;
/** Answered within this counts for sl30. */
const SL_MS = 30_000;

/** One citizen, drawn independently of any policy (common random numbers). */
export interface Citizen {
  index: number;
  id: string;
  arrivedAt: number;
  urgency: Urgency;
  language: string;
  skill: string;
  /** Base handle time H1 (ms of work at k = 1). */
  workMs: number;
  /** Patience (ms); Infinity when the scenario has none. */
  patienceMs: number;
  /** Seed of the chat's own offer stream: the j-th offer of this chat sees the same draws under every policy. */
  offerSeed: number;
}

/** Draws every citizen of one run. Each purpose has its own stream, so the draws never interfere. */
export function generateCitizens(scenario: Scenario, seed: number): Citizen[] {
  const times: { t: number; segment: number }[] = [];
  const end = scenario.durationMin * MIN;
  scenario.arrivals.forEach((s, i) => {
    if (s.perMin <= 0) return;
    // Each segment is its own Poisson process (memoryless, so restarting at the boundary is exact);
    // overlapping segments superpose into one with the summed rate.
    const rng = Rng.stream(seed, "arrivals", i);
    const meanGap = MIN / s.perMin;
    const to = Math.min(s.toMin * MIN, end);
    for (let t = s.fromMin * MIN + rng.exponential(meanGap); t < to; t += rng.exponential(meanGap)) {
      times.push({ t, segment: i });
    }
  });
  times.sort((a, b) => a.t - b.t);

  const attributes = Rng.stream(seed, "attributes");
  const handle = Rng.stream(seed, "handle");
  const patience = Rng.stream(seed, "patience");
  const offers = Rng.stream(seed, "offers");
  const baseUrgency = new Categorical(scenario.urgency);
  const segmentUrgency = scenario.arrivals.map((s) => (s.urgency ? new Categorical(s.urgency) : baseUrgency));
  const languages = new Categorical(scenario.languages);
  const skills = new Categorical(scenario.skills);
  const h = scenario.handleTimeMin;
  return times.map(({ t, segment }, index) => ({
    index,
    id: `c${index}`,
    arrivedAt: t,
    urgency: segmentUrgency[segment]!.draw(attributes),
    language: languages.draw(attributes),
    skill: skills.draw(attributes),
    workMs: (h.dist === "exponential" ? handle.exponential(h.mean) : handle.lognormal(h.mean, h.cv)) * MIN,
    patienceMs: scenario.patienceMin ? patience.exponential(scenario.patienceMin.mean) * MIN : Infinity,
    offerSeed: offers.nextU32(),
  }));
}

type ChatStatus = "waiting" | "offered" | "active" | "done" | "abandoned";

interface SimChat extends WaitingChat {
  declinedBy: string[];
  citizen: Citizen;
  status: ChatStatus;
  /** Work left (ms at rate 1). */
  workMs: number;
  offerRng: Rng | null;
  /** The pending offer, if any. */
  offer: Offer | null;
  firstAcceptedAt: number;
  /** Total time spent not yet accepted (waiting or with an offer pending) — Little's law W. */
  queuedMs: number;
  queuedSince: number;
  reoffers: number;
  counted: boolean;
}

interface Offer {
  chat: SimChat;
  agent: SimAgent;
  live: boolean;
}

interface SimAgent extends AgentState {
  chats: SimChat[];
  offers: Set<Offer>;
  /** Time up to which the active chats' work has been accounted. */
  progressAt: number;
  finishVersion: number;
  /** Time up to which the integrals below are accounted. */
  touchedAt: number;
  onlineMs: number;
  /** ∫ active / capacity dt while online. */
  occupancyInt: number;
  /** ∫ (active + pending) / capacity dt while online. */
  loadInt: number;
  maxActive: number;
}

type SimEvent = Timed &
  (
    | { kind: "arrival"; citizen: Citizen }
    | { kind: "abandon"; chat: SimChat }
    | { kind: "finish"; agent: SimAgent; version: number }
    | { kind: "answer"; offer: Offer; decline: boolean }
    | { kind: "timeout"; offer: Offer }
    | { kind: "online"; agent: SimAgent }
    | { kind: "offline"; agent: SimAgent }
    | { kind: "tick" }
  );

export type LogEntry =
  | {
      t: number;
      type: "arrival";
      chat: string;
      urgency: Urgency;
      language: string;
      skill: string;
      workMs: number;
      patienceMs: number;
    }
  | {
      t: number;
      type: "offer" | "accept" | "decline" | "timeout";
      chat: string;
      agent: string;
      load: number;
      capacity: number;
    }
  | { t: number; type: "finish"; chat: string; agent: string; load: number; capacity: number }
  | { t: number; type: "abandon"; chat: string }
  | { t: number; type: "requeue"; chat: string; agent: string; wasActive: boolean }
  | { t: number; type: "online" | "offline"; agent: string };

export interface SimOptions {
  /** Throw on any invalid assignment and check every agent's load after every event. */
  debug?: boolean;
  /** Record an event log (arrivals, offers, answers, finishes, abandonments, re-queues). */
  log?: boolean;
}

export interface RunMetrics {
  meanWaitSec: number;
  p95WaitSec: number;
  maxWaitSec: number;
  /** Share of ALL measured arrivals answered (accepted) within 30 s. */
  sl30: number;
  abandonRate: number;
  /** NaN when no urgent chat was answered. */
  urgentP95WaitSec: number;
  /** Time-average occupancy (active chats / capacity) while online, lowest and highest agent. */
  utilMin: number;
  utilMax: number;
  /** Jain index of each agent's time-averaged load ((active + pending) / capacity) while online. */
  jainLoad: number;
  /** Most chats any agent held at once (active). */
  maxConcurrent: number;
  /** Declines + timeouts of measured chats. */
  reoffers: number;
  /** Measured arrivals (in [warmupMin, durationMin)) and what became of them. */
  arrivals: number;
  answered: number;
  abandoned: number;
  unansweredAtEnd: number;
  declines: number;
  timeouts: number;
  /** Assignments the strategy proposed that broke a rule (skipped; in debug mode they throw). */
  rejectedAssignments: number;
  /** Little's law on the queue (chats not yet accepted), measured window: L ≈ λ W. */
  little: { meanQueued: number; arrivalPerSec: number; meanQueueSec: number; ratio: number };
  /** Every chat of the run (not only measured ones): nothing may be lost. */
  totals: {
    arrivals: number;
    completed: number;
    abandoned: number;
    active: number;
    offered: number;
    waiting: number;
    requeuedByDropout: number;
  };
  /** Decisions asked of the strategy and the time they took. */
  picks: number;
  pickMs: number;
  log?: LogEntry[];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // Linear interpolation between closest ranks.
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Jain's fairness index (Σx)² / (n Σx²): 1 when all equal, 1/n when one takes everything. */
export function jain(xs: readonly number[]): number {
  const sum = xs.reduce((a, b) => a + b, 0);
  const sq = xs.reduce((a, b) => a + b * b, 0);
  return sq === 0 ? 1 : (sum * sum) / (xs.length * sq);
}

export class CapacityError extends Error {
  override name = "CapacityError";
}

export function simulate(
  scenario: Scenario,
  strategy: RoutingStrategy,
  seed: number,
  options: SimOptions = {},
): RunMetrics {
  const citizens = generateCitizens(scenario, seed);
  const debug = options.debug ?? false;
  const log: LogEntry[] | null = options.log ? [] : null;
  const windowStart = scenario.warmupMin * MIN;
  const windowEnd = scenario.durationMin * MIN;
  const hardEnd = windowEnd + DRAIN_MIN * MIN;
  const slowdown = scenario.concurrencySlowdown;
  const { timeoutSec, declineShare, acceptDelaySec } = scenario.offer;
  const timeoutMs = timeoutSec * 1000;
  const acceptDelayMs = acceptDelaySec * 1000;

  const heap = new EventHeap<SimEvent>();
  const agents: SimAgent[] = [];
  for (const g of scenario.agents) {
    for (let k = 0; k < g.count; k++) {
      agents.push({
        id: g.count === 1 ? g.name : `${g.name}.${k + 1}`,
        online: false,
        capacity: g.capacity,
        active: 0,
        pendingOffers: 0,
        languages: g.languages,
        skills: g.skills,
        lastAssignedAt: 0,
        onlineSince: 0,
        chats: [],
        offers: new Set(),
        progressAt: 0,
        finishVersion: 0,
        touchedAt: 0,
        onlineMs: 0,
        occupancyInt: 0,
        loadInt: 0,
        maxActive: 0,
      });
    }
  }
  const agentById = new Map(agents.map((a) => [a.id, a]));
  let agentIndex = 0;
  for (const g of scenario.agents) {
    for (let k = 0; k < g.count; k++) {
      const agent = agents[agentIndex++]!;
      for (const [from, to] of g.online) {
        if (from * MIN >= windowEnd) continue;
        heap.push({ t: from * MIN, kind: "online", agent });
        if (to * MIN < windowEnd) heap.push({ t: to * MIN, kind: "offline", agent });
      }
    }
  }

  const chats: SimChat[] = [];
  /** Chats waiting for an offer, kept sorted by arrival (re-queued chats go back to their place). */
  let waiting: SimChat[] = [];
  const waitingById = new Map<string, SimChat>();
  let nQueued = 0;
  let queuedInt = 0;
  let queuedAt = 0;
  let tickPending = false;
  let picks = 0;
  let pickMs = 0;
  let rejected = 0;
  let requeuedByDropout = 0;
  let declines = 0;
  let timeouts = 0;

  /** Length of [from, to] inside the measured window. */
  const clip = (from: number, to: number) =>
    Math.max(0, Math.min(to, windowEnd) - Math.max(from, windowStart));

  const touchQueue = (now: number) => {
    queuedInt += nQueued * clip(queuedAt, now);
    queuedAt = now;
  };
  const touchAgent = (a: SimAgent, now: number) => {
    if (a.online) {
      const dt = clip(a.touchedAt, now);
      a.onlineMs += dt;
      a.occupancyInt += (dt * a.active) / a.capacity;
      a.loadInt += (dt * (a.active + a.pendingOffers)) / a.capacity;
    }
    a.touchedAt = now;
  };
  const rate = (k: number) => 1 / (1 + slowdown * (k - 1));
  /** Accounts the work done on the agent's chats since the last change of k. */
  const progress = (a: SimAgent, now: number) => {
    const k = a.chats.length;
    if (k > 0) {
      const done = (now - a.progressAt) * rate(k);
      for (const c of a.chats) c.workMs -= done;
    }
    a.progressAt = now;
  };
  const scheduleFinish = (a: SimAgent, now: number) => {
    a.finishVersion++;
    const k = a.chats.length;
    if (k === 0) return;
    let least = Infinity;
    for (const c of a.chats) least = Math.min(least, c.workMs);
    heap.push({ t: now + Math.max(0, least) / rate(k), kind: "finish", agent: a, version: a.finishVersion });
  };

  const enqueue = (chat: SimChat) => {
    chat.status = "waiting";
    // Binary search for the chat's place by original arrival: the queue the strategy sees stays in order.
    let lo = 0;
    let hi = waiting.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (waiting[mid]!.arrivedAt <= chat.arrivedAt) lo = mid + 1;
      else hi = mid;
    }
    waiting.splice(lo, 0, chat);
    waitingById.set(chat.id, chat);
  };
  const dequeue = (chat: SimChat) => {
    waitingById.delete(chat.id);
    const i = waiting.indexOf(chat);
    if (i >= 0) waiting.splice(i, 1);
  };
  const leaveQueue = (chat: SimChat, now: number) => {
    touchQueue(now);
    nQueued--;
    chat.queuedMs += now - chat.queuedSince;
  };
  const joinQueue = (chat: SimChat, now: number) => {
    touchQueue(now);
    nQueued++;
    chat.queuedSince = now;
  };
  const load = (a: SimAgent) => a.active + a.pendingOffers;
  const closeOffer = (offer: Offer, now: number) => {
    offer.live = false;
    offer.chat.offer = null;
    touchAgent(offer.agent, now);
    offer.agent.pendingOffers--;
    offer.agent.offers.delete(offer);
  };
  const reject = (message: string) => {
    if (debug) throw new CapacityError(`${strategy.name}: ${message}`);
    rejected++;
  };

  const dispatch = (now: number) => {
    // Without a waiting chat or a free slot no strategy can offer anything: skip the call (most events
    // in an overloaded period), which changes no decision.
    if (waiting.length === 0) return;
    let free = false;
    for (const a of agents) if (a.online && load(a) < a.capacity) free = true;
    if (!free) return;
    const t0 = performance.now();
    const assignments: Assignment[] = strategy.pick(waiting, agents, now);
    pickMs += performance.now() - t0;
    picks++;
    let offered = false;
    for (const { chatId, agentId } of assignments) {
      const chat = waitingById.get(chatId);
      const agent = agentById.get(agentId);
      if (!chat) {
        reject(`offered ${chatId}, which is not waiting (or was offered twice)`);
        continue;
      }
      if (!agent?.online) {
        reject(`offered ${chatId} to ${agentId}, who is not online`);
        continue;
      }
      if (load(agent) >= agent.capacity) {
        reject(`offered ${chatId} to ${agentId} at load ${load(agent)} of capacity ${agent.capacity}`);
        continue;
      }
      if (chat.declinedBy.includes(agentId)) {
        reject(`offered ${chatId} again to ${agentId}, who declined it`);
        continue;
      }
      waitingById.delete(chatId);
      chat.status = "offered";
      offered = true;
      touchAgent(agent, now);
      agent.pendingOffers++;
      agent.lastAssignedAt = now;
      const offer: Offer = { chat, agent, live: true };
      agent.offers.add(offer);
      chat.offer = offer;
      chat.offerRng ??= new Rng(chat.citizen.offerSeed);
      // Always two draws per offer, so the j-th offer of a chat sees the same numbers under every policy.
      const delay = chat.offerRng.exponential(acceptDelayMs);
      const decline = chat.offerRng.uniform() < declineShare;
      if (delay >= timeoutMs) heap.push({ t: now + timeoutMs, kind: "timeout", offer });
      else heap.push({ t: now + delay, kind: "answer", offer, decline });
      log?.push({
        t: now,
        type: "offer",
        chat: chatId,
        agent: agentId,
        load: load(agent),
        capacity: agent.capacity,
      });
    }
    if (offered) waiting = waiting.filter((c) => c.status === "waiting");
  };

  /** Re-ask the strategy every TICK_MS while someone waits and a slot is free (see TICK_MS). */
  const maybeTick = (now: number) => {
    if (tickPending || waiting.length === 0 || now + TICK_MS > hardEnd) return;
    for (const a of agents) {
      if (a.online && load(a) < a.capacity) {
        tickPending = true;
        heap.push({ t: now + TICK_MS, kind: "tick" });
        return;
      }
    }
  };

  const returnOffer = (offer: Offer, now: number, type: "decline" | "timeout") => {
    const { chat, agent } = offer;
    closeOffer(offer, now);
    chat.declinedBy.push(agent.id);
    chat.reoffers++;
    if (type === "decline") declines += chat.counted ? 1 : 0;
    else timeouts += chat.counted ? 1 : 0;
    enqueue(chat);
    log?.push({ t: now, type, chat: chat.id, agent: agent.id, load: load(agent), capacity: agent.capacity });
  };

  let nextCitizen = 0;
  const pushNextArrival = () => {
    const c = citizens[nextCitizen];
    if (c) heap.push({ t: c.arrivedAt, kind: "arrival", citizen: c });
  };
  pushNextArrival();

  let now = 0;
  for (let e = heap.pop(); e !== undefined && e.t <= hardEnd; e = heap.pop()) {
    now = e.t;
    switch (e.kind) {
      case "arrival": {
        const c = e.citizen;
        const chat: SimChat = {
          id: c.id,
          arrivedAt: c.arrivedAt,
          urgency: c.urgency,
          language: c.language,
          skill: c.skill,
          declinedBy: [],
          citizen: c,
          status: "waiting",
          workMs: c.workMs,
          offerRng: null,
          offer: null,
          firstAcceptedAt: -1,
          queuedMs: 0,
          queuedSince: now,
          reoffers: 0,
          counted: c.arrivedAt >= windowStart && c.arrivedAt < windowEnd,
        };
        chats.push(chat);
        enqueue(chat);
        joinQueue(chat, now);
        if (Number.isFinite(c.patienceMs)) heap.push({ t: now + c.patienceMs, kind: "abandon", chat });
        log?.push({
          t: now,
          type: "arrival",
          chat: c.id,
          urgency: c.urgency,
          language: c.language,
          skill: c.skill,
          workMs: c.workMs,
          patienceMs: c.patienceMs,
        });
        nextCitizen++;
        pushNextArrival();
        break;
      }
      case "abandon": {
        const chat = e.chat;
        if (chat.firstAcceptedAt >= 0) break;
        if (chat.status === "waiting") dequeue(chat);
        else if (chat.status === "offered" && chat.offer) closeOffer(chat.offer, now);
        else break;
        chat.status = "abandoned";
        leaveQueue(chat, now);
        log?.push({ t: now, type: "abandon", chat: chat.id });
        break;
      }
      case "finish": {
        const a = e.agent;
        if (e.version !== a.finishVersion) break;
        progress(a, now);
        touchAgent(a, now);
        // Tolerance for floating-point residue: the chat(s) this event was scheduled for are done.
        const done = a.chats.filter((c) => c.workMs <= 1e-6);
        a.chats = a.chats.filter((c) => c.workMs > 1e-6);
        a.active = a.chats.length;
        for (const c of done) {
          c.status = "done";
          log?.push({ t: now, type: "finish", chat: c.id, agent: a.id, load: load(a), capacity: a.capacity });
        }
        scheduleFinish(a, now);
        break;
      }
      case "answer": {
        const offer = e.offer;
        if (!offer.live) break;
        if (e.decline) {
          returnOffer(offer, now, "decline");
          break;
        }
        const { chat, agent } = offer;
        closeOffer(offer, now);
        progress(agent, now);
        agent.chats.push(chat);
        agent.active = agent.chats.length;
        agent.maxActive = Math.max(agent.maxActive, agent.active);
        chat.status = "active";
        if (chat.firstAcceptedAt < 0) chat.firstAcceptedAt = now;
        leaveQueue(chat, now);
        scheduleFinish(agent, now);
        log?.push({
          t: now,
          type: "accept",
          chat: chat.id,
          agent: agent.id,
          load: load(agent),
          capacity: agent.capacity,
        });
        break;
      }
      case "timeout":
        if (e.offer.live) returnOffer(e.offer, now, "timeout");
        break;
      case "online": {
        const a = e.agent;
        touchAgent(a, now);
        a.online = true;
        a.onlineSince = now;
        a.progressAt = now;
        if (a.lastAssignedAt === 0) a.lastAssignedAt = now;
        log?.push({ t: now, type: "online", agent: a.id });
        break;
      }
      case "offline": {
        const a = e.agent;
        progress(a, now);
        touchAgent(a, now);
        for (const offer of [...a.offers]) {
          closeOffer(offer, now);
          enqueue(offer.chat);
          requeuedByDropout++;
          log?.push({ t: now, type: "requeue", chat: offer.chat.id, agent: a.id, wasActive: false });
        }
        for (const chat of a.chats) {
          // Remaining work is kept: the next agent continues the conversation.
          enqueue(chat);
          joinQueue(chat, now);
          requeuedByDropout++;
          log?.push({ t: now, type: "requeue", chat: chat.id, agent: a.id, wasActive: true });
        }
        a.chats = [];
        a.active = 0;
        a.finishVersion++;
        a.online = false;
        log?.push({ t: now, type: "offline", agent: a.id });
        break;
      }
      case "tick":
        tickPending = false;
        break;
    }
    dispatch(now);
    maybeTick(now);
    if (debug) {
      for (const a of agents) {
        if (load(a) > a.capacity || a.active !== a.chats.length || a.pendingOffers !== a.offers.size) {
          throw new CapacityError(`${strategy.name}: agent ${a.id} inconsistent at ${now} ms`);
        }
      }
    }
  }

  // Close the integrals at the end of the measured window (or the end of the run if it stopped earlier).
  const closeAt = Math.max(now, windowEnd);
  touchQueue(closeAt);
  for (const a of agents) touchAgent(a, closeAt);

  const measured = chats.filter((c) => c.counted);
  const waits: number[] = [];
  const urgentWaits: number[] = [];
  let within = 0;
  let abandoned = 0;
  let queueSum = 0;
  let reoffers = 0;
  for (const c of measured) {
    reoffers += c.reoffers;
    const inQueueNow = c.status === "waiting" || c.status === "offered";
    queueSum += c.queuedMs + (inQueueNow ? now - c.queuedSince : 0);
    if (c.status === "abandoned") abandoned++;
    if (c.firstAcceptedAt >= 0) {
      const w = c.firstAcceptedAt - c.arrivedAt;
      waits.push(w);
      if (c.urgency === "urgent") urgentWaits.push(w);
      if (w <= SL_MS) within++;
    }
  }
  waits.sort((a, b) => a - b);
  urgentWaits.sort((a, b) => a - b);
  const n = measured.length;
  const windowMs = windowEnd - windowStart;
  const online = agents.filter((a) => a.onlineMs > 0);
  const occupancy = online.map((a) => a.occupancyInt / a.onlineMs);
  const meanQueued = queuedInt / windowMs;
  const arrivalPerSec = n / (windowMs / 1000);
  const meanQueueSec = n > 0 ? queueSum / n / 1000 : 0;

  const count = (s: ChatStatus) => chats.reduce((k, c) => k + (c.status === s ? 1 : 0), 0);
  return {
    meanWaitSec: waits.length > 0 ? waits.reduce((a, b) => a + b, 0) / waits.length / 1000 : Number.NaN,
    p95WaitSec: percentile(waits, 0.95) / 1000,
    maxWaitSec: waits.length > 0 ? waits[waits.length - 1]! / 1000 : Number.NaN,
    sl30: n > 0 ? within / n : Number.NaN,
    abandonRate: n > 0 ? abandoned / n : Number.NaN,
    urgentP95WaitSec: percentile(urgentWaits, 0.95) / 1000,
    utilMin: occupancy.length > 0 ? Math.min(...occupancy) : Number.NaN,
    utilMax: occupancy.length > 0 ? Math.max(...occupancy) : Number.NaN,
    jainLoad: jain(online.map((a) => a.loadInt / a.onlineMs)),
    maxConcurrent: Math.max(0, ...agents.map((a) => a.maxActive)),
    reoffers,
    arrivals: n,
    answered: waits.length,
    abandoned,
    unansweredAtEnd: measured.filter((c) => c.firstAcceptedAt < 0 && c.status !== "abandoned").length,
    declines,
    timeouts,
    rejectedAssignments: rejected,
    little: {
      meanQueued,
      arrivalPerSec,
      meanQueueSec,
      ratio: arrivalPerSec * meanQueueSec > 0 ? meanQueued / (arrivalPerSec * meanQueueSec) : Number.NaN,
    },
    totals: {
      arrivals: chats.length,
      completed: count("done"),
      abandoned: count("abandoned"),
      active: count("active"),
      offered: count("offered"),
      waiting: count("waiting"),
      requeuedByDropout,
    },
    picks,
    pickMs,
    ...(log ? { log } : {}),
  };
}
