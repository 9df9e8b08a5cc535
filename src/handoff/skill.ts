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

/** What a conversation has been about, for the skill group its chat goes to. */
export interface ConversationTopics {
  /** The guided application in progress (or given up to a person): its intent. */
  flowIntent?: string | null;
  /** The latest messages, newest first: their intents, and the kind of an application they were about. */
  recent: readonly { intent?: string; applicationKind?: string }[];
}

/**
 * The skill group a chat needs, from what the conversation is about: the application in progress
 * first, then an application the citizen asked about (a progress lookup on an unemployment claim
 * is an unemployment question), then the latest intent of a topic; "other" only when none says.
 * Pure.
 */
export function skillForConversation(topics: ConversationTopics): SkillGroup {
  const group = (id: string | null | undefined) => {
    const skill = skillForIntent(id);
    return skill === "other" ? undefined : skill;
  };
  return (
    group(topics.flowIntent) ??
    topics.recent.map((m) => group(m.applicationKind)).find(Boolean) ??
    topics.recent.map((m) => group(m.intent)).find(Boolean) ??
    "other"
  );
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
