/**
 * Long because the reasons for each rule, measured in the simulator, are kept beside the rule.
 *
 * The dynamic queue: weighs how long (and how urgently) citizens wait against how loaded agents are.
 *
 * Why not a score alpha * wait - (1 - alpha) * load over (chat, agent) pairs: the chat term does not
 * depend on the agent and the agent term does not depend on the chat, so the best pair is always
 * "most waiting chat" x "least loaded agent" whatever alpha is; alpha would change nothing. The two
 * questions are separated instead, and alpha gets a role that actually trades wait against load.
 *
 * 1. Which chat. Classes by priority = weight(urgency) + wait / target(urgency): the weights
 *    (policy.ts) are 100 apart and no fresh chat's lateness reaches 100, so the classes are strict:
 *    every urgent chat before any normal one, every normal before any low one. The simulator
 *    preferred this to letting lateness mix normal and low chats (that cost p95 and sl30 in the
 *    peaks, since the extra low chats answered were the long waits).
 *    Within a class, deadline lines (policy.deadlinesMs: 30 s, 45 s, 1, 1.5, 2, 3, 4, 6, 8, 12 min):
 *    a chat that can still be answered before an earlier line goes before one that has missed it,
 *    oldest first between two lines. A chat that has already missed 30 s no longer counts for sl30
 *    and is already in the tail; serving it ahead of one that can still make the line moves nobody
 *    under the line and pushes the other over it. One line at 30 s (then oldest first) is right while
 *    few chats miss it, but in an overload (monday-peak: 30 % of the chats miss 30 s) the chats
 *    behind the line are the p95, and oldest first among them raised it from 113 to 122 s; the
 *    ladder keeps doing the same thing at each scale. Measured over 400 seeds against oldest first
 *    in each class (the previous rule, which tied strict-priority on the identical-agent desks):
 *    p95 wait -1.9 s (steady) to -22.6 s (monday-peak), sl30 +0.004 to +0.068, urgent p95 -4 s in
 *    urgent-surge and within noise elsewhere, abandonment unchanged. The price is paid by the chats
 *    that missed every line: the longest waits grow (max wait, mean over seeds: steady 111 -> 130 s,
 *    monday-peak 473 -> 611 s).
 *    The lines pay off because citizens leave: the chats pushed behind a line are, in the main, those
 *    who would have left anyway. Where nobody leaves, each one pushed back is still answered, later,
 *    and the lines only stretch the tail (erlang-check, 80 % load, no abandonment: p95 952 s against
 *    593 s oldest first). So they are off, and the class served oldest first, once
 *    policy.patientQueue.offers (20) chats have been offered after waiting 1 min or more with nobody
 *    leaving the queue in between, as this strategy sees it (QueueAbandonment: a chat that was
 *    waiting, was not offered, and is gone has left); the next citizen who leaves turns them back on.
 *    Aging bounds that: a chat past maxWaitMs (900 s, three mean patiences: true starvation only)
 *    goes before all fresh chats, oldest first, so nothing starves behind a stream of fresh or urgent
 *    ones (strict priority's flaw). With exponential patience the order of chats cannot change how
 *    many abandon (every waiting citizen leaves at the same rate); only the service rate can, which
 *    rule 2b maximises. Known blind spot: a chat re-queued because its agent went offline keeps its
 *    arrival time, so it counts as late too; the router cannot tell it from a chat never answered.
 * 2. Which agent: among eligible agents (online, a free slot counting pending offers and the offers
 *    planned in this decision, not a decliner, language and skill unless relaxed by the wait):
 *    a. a full match before a relaxed one (right skill and language before a stand-in);
 *    b. the lowest (active + pending) / capacity: handling k chats at once slows each of them
 *       (H(k) = H1 (1 + s (k - 1))), and total service rate sum k/(1 + s(k-1)) is concave, so
 *       spreading load serves fastest, and it keeps the load fair;
 *    c. among equally loaded agents the most specialised (a named skill before "*", fewer
 *       languages): a generalist or a scarce English speaker stays free for the chats only they can
 *       take, instead of being used up by chats anyone could answer;
 *    d. then the longest since the last assignment, so ties rotate instead of piling up on one agent.
 *    On a desk of identical agents (steady, monday-peak, urgent-surge, agent-dropout) a-c have
 *    nothing to choose and b is least-loaded; abandonment and urgent p95 are then set by how fast
 *    slots free up, which no choice of agent or chat order changes: other tie-breaks (fewest active
 *    first, most recently assigned first) moved them by less than one standard error.
 * 3. Alpha (0..1) decides when an agent's last slots may be used. Below the soft cap
 *    ceil(capacity * (0.5 + 0.5 * alpha)) any chat may be offered; above it only a chat that is
 *    urgent, past its target, or aged. The extra concurrent chat that slows an agent the most is
 *    spent where lateness costs most, and an urgent arrival finds a slot at once instead of waiting
 *    for one to free. alpha = 1 uses every slot for anyone; alpha = 0 keeps half for late chats.
 *
 * Speed (bench/routing/decision-bench.ts, target <= 50 us for 200 chats x 100 agents): the chat
 * order is a linear merge of each class's runs between lines (chatOrder below); the agents
 * with a free slot are kept in one list sorted by rules 2b-2d and re-placed after each offer (a
 * load only grows, so an agent only moves back); a chat scans it from the front and stops at the
 * first full match, which is the best one. Languages and skills become bit masks once per decision,
 * a (language, skill, relaxation) group with no free slot left is skipped from then on, and the
 * loop ends when no slot is free. Nothing is allocated per candidate.
 */
import { AGED_PRIORITY, ANY_SKILL, compareIds, priority } from "../eligibility.js";
import type { AgentState, Assignment, RoutingPolicy, RoutingStrategy, WaitingChat } from "../types.js";
import { QueueAbandonment } from "./queue-abandonment.js";

/**
 * Bit positions for the distinct values (languages or skills) of one decision; -1 past the 30th.
 * A desk has a handful of each, so a linear search over short strings beats a Map lookup.
 */
class Bits {
  private readonly values: string[] = [];
  of(value: string): number {
    const at = this.values.indexOf(value);
    if (at >= 0) return at < 30 ? 1 << at : -1;
    this.values.push(value);
    return this.values.length <= 30 ? 1 << (this.values.length - 1) : -1;
  }
  /** 0 when no agent has the value (nobody matches), -1 when it has no bit (match by name). */
  find(value: string): number {
    const at = this.values.indexOf(value);
    return at < 0 ? 0 : at < 30 ? 1 << at : -1;
  }
  get size(): number {
    return this.values.length;
  }
}

export class DynamicStrategy implements RoutingStrategy {
  readonly name = "dynamic";
  /** policy.deadlinesMs, ascending, positive and finite only. */
  private readonly lines: readonly number[];
  /** Citizens leaving the queue unanswered, as this strategy has seen it (rule 1's switch). */
  private readonly abandonment: QueueAbandonment;
  /** Which chats a decision offered, by index (reused: a decision allocates as little as it can). */
  private offered = new Uint8Array(256);

  constructor(private readonly policy: RoutingPolicy) {
    this.lines = policy.deadlinesMs.filter((ms) => ms > 0 && Number.isFinite(ms)).sort((a, b) => a - b);
    this.abandonment = new QueueAbandonment(policy.patientQueue.waitMs);
  }

  /** Rule 1's deadline lines while citizens are seen to leave the queue; none (oldest first) otherwise. */
  private linesNow(): readonly number[] {
    return this.abandonment.patientSinceLeaver < this.policy.patientQueue.offers ? this.lines : [];
  }

  /** The waiting chats in the order rule 1 serves them: the live desk shows citizens this place in line. */
  order(waiting: readonly WaitingChat[], now: number): WaitingChat[] {
    const prio = new Float64Array(waiting.length);
    for (let j = 0; j < waiting.length; j++) prio[j] = priority(waiting[j]!, now, this.policy);
    return [...chatOrder(waiting, prio, now, this.linesNow())].map((j) => waiting[j]!);
  }

  pick(waiting: readonly WaitingChat[], agents: readonly AgentState[], now: number): Assignment[] {
    this.abandonment.sawQueue(waiting);
    if (this.offered.length < waiting.length) this.offered = new Uint8Array(waiting.length * 2);
    const offered = this.offered.fill(0, 0, waiting.length);
    const offers = this.decide(waiting, agents, now, offered);
    this.abandonment.decided(waiting, offered, offers.length, now);
    return offers;
  }

  /** Rules 1-3; sets offered[j] for each chat it offers. */
  private decide(
    waiting: readonly WaitingChat[],
    agents: readonly AgentState[],
    now: number,
    offered: Uint8Array,
  ): Assignment[] {
    const policy = this.policy;
    const n = agents.length;
    const m = waiting.length;
    if (n === 0 || m === 0) return [];

    const load = new Int32Array(n);
    const cap = new Int32Array(n);
    const soft = new Int32Array(n);
    const flex = new Int32Array(n);
    const last = new Float64Array(n);
    // Order of the offers of this decision (0: none): `now` ties them all, the turn rotates them.
    const turn = new Int32Array(n);
    const langMask = new Int32Array(n);
    const skillMask = new Int32Array(n);
    const generalist = new Uint8Array(n);
    const languages = new Bits();
    const skills = new Bits();
    const share = 0.5 + 0.5 * Math.min(1, Math.max(0, policy.alpha));
    const list = new Int32Array(n);
    let len = 0;
    for (let i = 0; i < n; i++) {
      const a = agents[i]!;
      load[i] = a.active + a.pendingOffers;
      cap[i] = a.online ? a.capacity : 0;
      soft[i] = Math.min(cap[i]!, Math.max(1, Math.ceil(cap[i]! * share)));
      last[i] = a.lastAssignedAt;
      for (const l of a.languages) langMask[i]! |= Math.max(0, languages.of(l));
      for (const s of a.skills) {
        if (s === ANY_SKILL) generalist[i] = 1;
        else skillMask[i]! |= Math.max(0, skills.of(s));
      }
      flex[i] = a.languages.length * 16 + (generalist[i] ? 15 : Math.min(a.skills.length, 14));
      if (cap[i]! > load[i]!) list[len++] = i;
    }
    if (len === 0) return [];
    let free = 0;
    for (let p = 0; p < len; p++) free += cap[list[p]!]! - load[list[p]!]!;

    // Rules 2b-2d as one order over agents (tier is per chat and checked in the scan).
    const compareAgents = (i: number, b: number): number =>
      load[i]! * cap[b]! - load[b]! * cap[i]! ||
      flex[i]! - flex[b]! ||
      last[i]! - last[b]! ||
      turn[i]! - turn[b]! ||
      compareIds(agents[i]!.id, agents[b]!.id);
    list.subarray(0, len).sort(compareAgents);

    const prio = new Float64Array(m);
    for (let j = 0; j < m; j++) prio[j] = priority(waiting[j]!, now, policy);
    const order = chatOrder(waiting, prio, now, this.linesNow());

    // Groups (language, skill, relaxation) known to have no free slot: loads only grow.
    const skillSlots = skills.size + 1;
    const full = new Uint8Array((languages.size + 1) * skillSlots * 4);
    const out: Assignment[] = [];
    for (let k = 0; k < m && free > 0; k++) {
      const j = order[k]!;
      const chat = waiting[j]!;
      const wait = now - chat.arrivedAt;
      const relaxSkill = wait >= policy.relaxSkillAfterMs;
      const relaxLanguage = wait >= policy.relaxLanguageAfterMs;
      const lb = languages.find(chat.language);
      const sb = skills.find(chat.skill);
      const group =
        ((lb > 0 ? 31 - Math.clz32(lb) + 1 : 0) * skillSlots + (sb > 0 ? 31 - Math.clz32(sb) + 1 : 0)) * 4 +
        (relaxSkill ? 1 : 0) +
        (relaxLanguage ? 2 : 0);
      // Values past the 30th have no bit and share slot 0: never mark those groups full.
      const exact = lb >= 0 && sb >= 0;
      if (exact && full[group] === 1) continue;

      // The reserved slots: for urgent, late or aged chats only (alpha's role, see above).
      const mayUseReserve =
        chat.urgency === "urgent" || wait >= policy.targetMs[chat.urgency] || prio[j]! >= AGED_PRIORITY;
      const declined = chat.declinedBy.length > 0 ? chat.declinedBy : undefined;
      let best = -1;
      let bestAt = -1;
      let bestTier = 4;
      let anyFree = false;
      for (let p = 0; p < len; p++) {
        const i = list[p]!;
        const skillOk =
          generalist[i] === 1 ||
          (sb > 0 ? (skillMask[i]! & sb) !== 0 : sb < 0 && agents[i]!.skills.includes(chat.skill));
        const languageOk =
          lb > 0 ? (langMask[i]! & lb) !== 0 : lb < 0 && agents[i]!.languages.includes(chat.language);
        if ((!skillOk && !relaxSkill) || (!languageOk && !relaxLanguage)) continue;
        anyFree = true;
        const tier = (skillOk ? 0 : 1) + (languageOk ? 0 : 2);
        // The list is in preference order: a later agent of the same tier is never better.
        if (tier >= bestTier) continue;
        if (!mayUseReserve && load[i]! >= soft[i]!) continue;
        if (declined?.includes(agents[i]!.id)) continue;
        best = i;
        bestAt = p;
        bestTier = tier;
        if (tier === 0) break;
      }
      if (!anyFree) {
        if (exact) full[group] = 1;
        continue;
      }
      if (best < 0) continue;
      out.push({ chatId: chat.id, agentId: agents[best]!.id });
      offered[j] = 1;
      load[best]!++;
      last[best] = now;
      turn[best] = out.length;
      free--;
      if (load[best]! >= cap[best]!) {
        list.copyWithin(bestAt, bestAt + 1, len);
        len--;
      } else {
        // Its load and last assignment only grew: it moves back, to a place found by binary search.
        let lo = bestAt + 1;
        let hi = len;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (compareAgents(list[mid]!, best) < 0) lo = mid + 1;
          else hi = mid;
        }
        list.copyWithin(bestAt, bestAt + 1, lo);
        list[lo - 1] = best;
      }
    }
    return out;
  }
}

/**
 * Chat indices in the order of rule 1. Each urgency's chats in arrival order (the queue arrives so,
 * the state keeps it; a list that is not is sorted first) are, from the oldest: the aged ones, then
 * runs of chats between two deadline lines, from the latest line down to the first. The class's
 * order is the aged run, then those runs from the first line up, each as it stands (oldest first):
 * a few copies of contiguous runs. The classes are then merged by the priority of the chat each
 * would serve next. All linear: a comparator sort of 200 indices costs more than the rest of the
 * decision.
 */
function chatOrder(
  waiting: readonly WaitingChat[],
  prio: Float64Array,
  now: number,
  lines: readonly number[],
): Int32Array {
  const m = waiting.length;
  const byUrgency = new Map<string, number[]>();
  for (let j = 0; j < m; j++) {
    const u = waiting[j]!.urgency;
    const list = byUrgency.get(u);
    if (list === undefined) byUrgency.set(u, [j]);
    else list.push(j);
  }
  const earlier = (x: number, y: number): number => {
    const a = waiting[x]!;
    const b = waiting[y]!;
    return a.arrivedAt - b.arrivedAt || compareIds(a.id, b.id);
  };
  const lists = [...byUrgency.values()];
  for (let l = 0; l < lists.length; l++) {
    let list = lists[l]!;
    for (let k = 1; k < list.length; k++) {
      if (earlier(list[k - 1]!, list[k]!) > 0) {
        list.sort(earlier);
        break;
      }
    }
    if (lines.length === 0) continue;
    const aged = list.findIndex((j) => prio[j]! < AGED_PRIORITY);
    if (aged < 0) continue;
    const ordered = list.slice(0, aged);
    // From the newest back: the chats still before line b, then those before line b + 1, ...
    let hi = list.length;
    for (let b = 0; hi > aged; b++) {
      const line = b < lines.length ? lines[b]! : Number.POSITIVE_INFINITY;
      let lo = hi;
      while (lo > aged && now - waiting[list[lo - 1]!]!.arrivedAt < line) lo--;
      for (let p = lo; p < hi; p++) ordered.push(list[p]!);
      hi = lo;
    }
    list = ordered;
    lists[l] = list;
  }
  const heads = new Int32Array(lists.length);
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    let pickList = -1;
    let pick = -1;
    for (let l = 0; l < lists.length; l++) {
      const list = lists[l]!;
      if (heads[l]! >= list.length) continue;
      const j = list[heads[l]!]!;
      if (pick < 0 || prio[j]! > prio[pick]! || (prio[j] === prio[pick] && earlier(j, pick) < 0)) {
        pick = j;
        pickList = l;
      }
    }
    order[k] = pick;
    heads[pickList]!++;
  }
  return order;
}
