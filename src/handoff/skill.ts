import type { UrgencySignals } from "../routing/urgency.js";
import { urgencySignals } from "../routing/urgency.js";

/** Skill groups agents are trained in; an intent's first part names its group. */
export const SKILL_GROUPS = ["pension", "medical", "unemployment", "injury", "maternity", "card", "other"] as const;
export type SkillGroup = (typeof SKILL_GROUPS)[number];

/** The skill group a conversation needs, from the last intent the bot recognised. Pure. */
export function skillForIntent(intent: string | null | undefined): SkillGroup {
  const head = (intent ?? "").split(".")[0] ?? "";
  return (SKILL_GROUPS as readonly string[]).includes(head) ? (head as SkillGroup) : "other";
}

/** Urgency signals over the citizen's recent messages: any one message can raise them. Pure. */
export function signalsOf(texts: readonly string[], failedAttempts: number, complaint: boolean): UrgencySignals {
  const all = texts.map(urgencySignals);
  return {
    complaint: complaint || all.some((s) => s.complaint),
    negativeWords: all.reduce((n, s) => n + s.negativeWords, 0),
    explicitUrgency: all.some((s) => s.explicitUrgency),
    vulnerable: all.some((s) => s.vulnerable),
    failedAttempts,
  };
}
