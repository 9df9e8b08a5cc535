/**
 * Resolution: a matter closed for good. A closed handoff, or a question the bot answered, is
 * resolved when the same citizen does not come back on the same intent within 24 h: a citizen who
 * asks again was not helped, whatever the first answer looked like. The conversation stands for
 * the citizen (a WeChat follower keeps theirs; a web citizen keeps theirs while the widget keeps
 * its token).
 */
import { type DeskLog, type Ratio, ms, ratio } from "./desk-log.js";
import { type Fact, type Grouped, type Grouping, grouped } from "./grouping.js";
import { readQuestions } from "./questions.js";

export const RESOLUTION_TARGET = 0.95;
export const COME_BACK_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface Resolution extends Ratio {
  /** Closed within the last 24 h before `now`: too early to tell, so outside the ratio. */
  maturing: number;
  /** Of the resolved ones, how many were bot answers and how many closed handoffs. */
  resolvedByBot: number;
  resolvedByAgent: number;
}

interface Outcome extends Fact {
  by: "bot" | "agent";
  /** When it ended: the bot's reply, the handoff's close. */
  endedAt: number;
}

interface Judged extends Outcome {
  state: "resolved" | "came_back" | "maturing";
}

function resolutionOf(units: readonly Judged[]): Resolution {
  const resolved = units.filter((u) => u.state === "resolved");
  const judged = units.filter((u) => u.state !== "maturing").length;
  return {
    ...ratio(resolved.length, judged),
    maturing: units.length - judged,
    resolvedByBot: resolved.filter((u) => u.by === "bot").length,
    resolvedByAgent: resolved.filter((u) => u.by === "agent").length,
  };
}

/**
 * Resolution as of `now` (a parameter: the figures read no clock). Coming back = a later question
 * (answered or not) or handoff in the same conversation with the same intent, in the 24 h after the
 * end. A unit with no intent cannot be matched, so it counts as resolved once its 24 h have passed.
 * Grouped by when it ended, its domain, channel or skill (bot answers have no skill).
 */
export function resolutionRate(log: DeskLog, now: string, grouping?: Grouping): Grouped<Resolution> {
  const { questions } = readQuestions(log);
  const outcomes: Outcome[] = [
    ...questions
      .filter((q) => q.outcome === "answered")
      .map((q): Outcome => ({ ...q, at: q.reply.createdAt, by: "bot", endedAt: ms(q.reply.createdAt) })),
    ...log.handoffs
      .filter((h) => h.status === "closed" && h.closedAt !== null)
      .map((h): Outcome => ({
        at: h.closedAt!,
        conversationId: h.conversationId,
        intent: h.intent,
        skill: h.skill,
        by: "agent",
        endedAt: ms(h.closedAt!),
      })),
  ];
  // Every later contact on an intent: a question asked, a handoff arrived.
  const returns: { conversationId: string; intent: string | null; at: number }[] = [
    ...questions.map((q) => ({ conversationId: q.conversationId, intent: q.intent, at: ms(q.at) })),
    ...log.handoffs.map((h) => ({ conversationId: h.conversationId, intent: h.intent, at: ms(h.arrivedAt) })),
  ];
  const nowMs = ms(now);
  const judged = outcomes.map((o): Judged => {
    const cameBack = o.intent !== null &&
      returns.some(
        (r) => r.conversationId === o.conversationId && r.intent === o.intent && r.at > o.endedAt && r.at <= o.endedAt + COME_BACK_WINDOW_MS,
      );
    const state = cameBack ? "came_back" : o.endedAt + COME_BACK_WINDOW_MS > nowMs ? "maturing" : "resolved";
    return { ...o, state };
  });
  return grouped(judged, (u) => u, grouping, log, resolutionOf);
}
