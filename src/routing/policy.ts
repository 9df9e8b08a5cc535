import type { RoutingPolicy } from "./types.js";

/**
 * The default routing policy. Every number has a reason; the simulator (bench/routing) is where a
 * change must prove itself before it lands here.
 */
export const defaultPolicy: RoutingPolicy = {
  targetMs: {
    // A complaint, an explicit emergency or a vulnerable citizen: answer before the frustration sets in.
    urgent: 15_000,
    // The service target is a first response within 30 s; 60 s is where a normal chat is clearly late.
    normal: 60_000,
    // Routine questions the citizen chose to ask a person about: three times the normal target.
    low: 180_000,
  },
  weight: {
    // Strict classes: the weights are 100 apart and a fresh chat's lateness stays below
    // maxWaitMs / targetMs (900 s / 15 s = 60 for urgent, 15 for normal, 5 for low), so every urgent
    // chat goes before any normal one and every normal before any low one; lateness only orders
    // chats within a class (oldest first), and only aged chats overtake a class. The simulator chose
    // this over letting lateness mix the classes (normal 1, low 0: a low chat led a normal one that
    // waited 180 s less): mixing them gave low chats a share of the queue but cost every scenario's
    // p95 wait (monday-peak, 40 seeds: p95 +4 s vs strict priority) and sl30.
    urgent: 200,
    normal: 100,
    low: 0,
  },
  // Three times the mean patience we plan for (5 min): a chat this old is truly starving (only 5 % of
  // citizens are that patient) and goes first whatever its urgency. At 600 s the guard fired for
  // chats that were merely patient and pushed ahead of fresh urgent ones, costing p95 in the peaks.
  maxWaitMs: 900_000,
  // Within a class (strategies/dynamic.ts, rule 1): a chat that can still be answered within 30 s
  // (the service target, what sl30 counts) goes first, then one that can still make 45 s, 1 min,
  // 1.5, 2, 3, 4, 6, 8, 12 min; oldest first between two lines. Serving a chat that has already
  // missed a line ahead of one that can still make it moves nobody under the line and pushes the
  // other over it. Measured (400 seeds each, these lines vs oldest first in each class): p95 wait
  // steady 21.4 -> 19.4 s, agent-dropout 53.7 -> 41.5 s, urgent-surge 36.7 -> 30.6 s, monday-peak
  // 113 -> 91 s, sl30 +0.004 to +0.068, abandonment unchanged (with exponential patience the order
  // of chats cannot change it). One line at 30 s with oldest first behind it is enough while few
  // chats miss 30 s (steady) but not in an overload: in monday-peak 30 % of the chats miss it and
  // p95 rose to 122 s, hence the ladder. The price is the longest waits, the chats that missed every
  // line: max wait steady 111 -> 130 s, monday-peak 473 -> 611 s, bounded by maxWaitMs (lowering
  // that to 600 s gave 546 s at p95 93 s on seeds 401-800, but aged chats go before urgent ones and
  // urgent p95 lost its edge). An empty list is oldest first.
  deadlinesMs: [30_000, 45_000, 60_000, 90_000, 120_000, 180_000, 240_000, 360_000, 480_000, 720_000],
  // The lines pay off while a chat pushed behind one is, in the main, a citizen who would have left
  // anyway. Where nobody leaves and waits are long, every chat pushed back is still answered, only
  // later, and the lines build a long tail (bench/scenarios/erlang-check.json, no abandonment, 80 %
  // load: p95 952 s against 593 s oldest first). So once 20 chats have been answered after waiting
  // 1 min or more with nobody leaving the queue in between, they are switched off until someone
  // leaves (strategies/queue-abandonment.ts). Two simpler switches cost the scenarios with patience:
  // lines only while >= 1 % of outcomes are a citizen leaving (they went off in calm hours: p95
  // agent-dropout 41.5 -> 46.3 s), and lines only after a first leaver (43.8 s): at short waits they
  // help even where nobody leaves (steady without patience: p95 36.9 s against 39.4 s oldest first).
  patientQueue: { waitMs: 60_000, offers: 20 },
  // A specialist usually frees a slot within a minute or two at normal load; past 90 s any agent
  // who speaks the language is better than more waiting.
  relaxSkillAfterMs: 90_000,
  // A wrong-language answer is worse than a wrong-domain one (a generalist can look a rule up, a
  // citizen cannot follow a language they do not read), so wait longer before relaxing it.
  relaxLanguageAfterMs: 240_000,
  // Soft cap ceil(capacity * 0.75) (strategies/dynamic.ts): from 4 slots up, the last one is kept for
  // urgent or late chats; at 3 or fewer nothing is held back. The simulator showed why: holding back
  // one of 3 slots (alpha 0) halves urgent p95 but costs the rest far more (steady: p95 20 s -> 55 s,
  // sl30 0.96 -> 0.82, abandonment 2 % -> 5 %), because a concurrent chat still adds throughput at s = 0.25.
  alpha: 0.5,
};

/** A policy with some numbers changed (tests, simulator sweeps), keeping the rest of the defaults. */
export function withPolicy(changes: Partial<RoutingPolicy>): RoutingPolicy {
  return { ...defaultPolicy, ...changes };
}
