import { describe, expect, it } from "vitest";
import { isEligible } from "../../../src/routing/eligibility.js";
import { defaultPolicy as policy } from "../../../src/routing/policy.js";
import { strategies } from "../../../src/routing/strategies/index.js";
import type { AgentState, Urgency, WaitingChat } from "../../../src/routing/types.js";
import { NOW, rng } from "../fixtures.js";

const LANGS = ["zh", "en"];
const SKILLS = ["pension", "medical", "unemployment", "other"];

/** A random desk: loads from empty to full, offline agents, mixed languages and skills, declines. */
function randomState(seed: number): { waiting: WaitingChat[]; agents: AgentState[] } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const agents: AgentState[] = Array.from({ length: 1 + Math.floor(r() * 12) }, (_, i) => {
    const capacity = 1 + Math.floor(r() * 4);
    const load = Math.floor(r() * (capacity + 2)); // sometimes over the cap already (a lowered cap)
    const pendingOffers = Math.floor(r() * (load + 1));
    return {
      id: `a${i}`,
      online: r() < 0.85,
      capacity,
      active: load - pendingOffers,
      pendingOffers,
      languages: r() < 0.3 ? ["zh", "en"] : [pick(LANGS)],
      skills: r() < 0.3 ? ["*"] : [pick(SKILLS)],
      lastAssignedAt: NOW - Math.floor(r() * 600_000),
      onlineSince: NOW - 3_600_000,
    };
  });
  const waiting: WaitingChat[] = Array.from({ length: Math.floor(r() * 30) }, (_, j) => ({
    id: `c${j}`,
    arrivedAt: NOW - Math.floor(r() * 700_000),
    urgency: pick<Urgency>(["urgent", "normal", "low"]),
    language: pick(LANGS),
    skill: pick(SKILLS),
    declinedBy: agents.filter(() => r() < 0.15).map((a) => a.id),
  }));
  return { waiting, agents };
}

describe.each(Object.keys(strategies))("%s over 500 random states", (name) => {
  const strategy = strategies[name]!(policy);

  it("is listed under its own name", () => {
    expect(strategy.name).toBe(name);
  });

  it("never exceeds a cap, offers each chat at most once, only to eligible agents, never to a decliner", () => {
    for (let seed = 1; seed <= 500; seed++) {
      const { waiting, agents } = randomState(seed);
      const out = strategy.pick(waiting, agents, NOW);
      const chats = new Map(waiting.map((c) => [c.id, c]));
      const byId = new Map(agents.map((a) => [a.id, a]));
      const given = new Map<string, number>();
      const seen = new Set<string>();
      for (const { chatId, agentId } of out) {
        const chat = chats.get(chatId);
        const agent = byId.get(agentId);
        expect(chat, `seed ${seed}: unknown chat ${chatId}`).toBeDefined();
        expect(agent, `seed ${seed}: unknown agent ${agentId}`).toBeDefined();
        expect(seen.has(chatId), `seed ${seed}: ${chatId} offered twice`).toBe(false);
        seen.add(chatId);
        expect(chat!.declinedBy).not.toContain(agentId);
        expect(isEligible(chat!, agent!, NOW, policy), `seed ${seed}: ${chatId} -> ${agentId}`).toBe(true);
        given.set(agentId, (given.get(agentId) ?? 0) + 1);
      }
      for (const [agentId, n] of given) {
        const a = byId.get(agentId)!;
        expect(a.active + a.pendingOffers + n, `seed ${seed}: ${agentId} over capacity`).toBeLessThanOrEqual(
          a.capacity,
        );
      }
    }
  });

  it("is work-conserving where it can be: no chat left waiting while a fully matching agent sits empty", () => {
    for (let seed = 1; seed <= 500; seed++) {
      const { waiting, agents } = randomState(seed);
      const out = strategy.pick(waiting, agents, NOW);
      const taken = new Set(out.map((a) => a.chatId));
      const used = new Set(out.map((a) => a.agentId));
      for (const c of waiting) {
        if (taken.has(c.id)) continue;
        // An agent with no chat at all who could take it, and who got nothing in this decision.
        const empty = agents.find(
          (a) => a.active + a.pendingOffers === 0 && !used.has(a.id) && isEligible(c, a, NOW, policy),
        );
        expect(empty, `seed ${seed}: ${c.id} left while ${empty?.id} is empty`).toBeUndefined();
      }
    }
  });

  it("is pure: the same state gives the same decision", () => {
    const { waiting, agents } = randomState(42);
    expect(strategy.pick(waiting, agents, NOW)).toEqual(strategy.pick(waiting, agents, NOW));
  });
});
