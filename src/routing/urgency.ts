import type { Urgency } from "./types.js";

/** What the conversation tells us about how urgent a handoff is. */
export interface UrgencySignals {
  /** The citizen complains about the service or a decision (投诉, complaint). */
  complaint: boolean;
  /** How many strong negative words the citizen used (太差, 气死, terrible...). */
  negativeWords: number;
  /** The citizen says it cannot wait (紧急, 今天就要, asap). */
  explicitUrgency: boolean;
  /** How many times the bot failed to help in this conversation (fallbacks, abandoned flows). */
  failedAttempts: number;
  /** The citizen said they belong to a vulnerable group (elderly, disabled, seriously ill...). */
  vulnerable: boolean;
}

export interface UrgencyConfig {
  /** Urgency with no signal at all: a citizen who simply asked for a person. */
  baseline: Urgency;
  /** Whether a vulnerable citizen goes to the front (a bureau may prefer a dedicated line). */
  vulnerableIsUrgent: boolean;
  /** Negative words that make a chat at least normal, and urgent. */
  negativeForNormal: number;
  negativeForUrgent: number;
  /** Failed bot attempts that make a chat at least normal, and urgent. */
  failedForNormal: number;
  failedForUrgent: number;
}

export const defaultUrgencyConfig: UrgencyConfig = {
  baseline: "low",
  vulnerableIsUrgent: true,
  negativeForNormal: 1,
  // Three strong words is anger, not a turn of phrase: answer before it becomes a complaint.
  negativeForUrgent: 3,
  // Two failures: the bot is not going to solve it, the citizen should not queue behind routine asks.
  failedForNormal: 2,
  failedForUrgent: 4,
};

const rank: Record<Urgency, number> = { low: 0, normal: 1, urgent: 2 };
const max = (a: Urgency, b: Urgency): Urgency => (rank[a] >= rank[b] ? a : b);

/** The urgency of a handoff from its signals: the strongest level any signal asks for. Pure. */
export function deriveUrgency(signals: UrgencySignals, config: Partial<UrgencyConfig> = {}): Urgency {
  const c = { ...defaultUrgencyConfig, ...config };
  if (signals.complaint || signals.explicitUrgency || (signals.vulnerable && c.vulnerableIsUrgent))
    return "urgent";
  if (signals.negativeWords >= c.negativeForUrgent || signals.failedAttempts >= c.failedForUrgent)
    return "urgent";
  if (signals.negativeWords >= c.negativeForNormal || signals.failedAttempts >= c.failedForNormal) {
    return max(c.baseline, "normal");
  }
  return c.baseline;
}

// Keyword lists, Simplified first (input is normalised to Simplified upstream; the few Traditional
// forms here keep the helper right when called on raw text). English is matched as whole words.
const URGENT_ZH = [
  "紧急",
  "急",
  "马上",
  "立刻",
  "立即",
  "赶紧",
  "尽快",
  "今天就要",
  "等不了",
  "緊急",
  "馬上",
];
// "Not in a hurry" contains 急: remove these before looking for urgency.
const NOT_URGENT_ZH = ["不急", "不着急", "不用急", "不要急", "别急", "不紧急", "不是很急"];
const COMPLAINT_ZH = ["投诉", "举报", "投訴", "舉報"];
const NEGATIVE_ZH = [
  "太差",
  "气死",
  "垃圾",
  "烦死",
  "无语",
  "离谱",
  "失望",
  "不满",
  "什么破",
  "受够",
  "氣死",
  "離譜",
];
const VULNERABLE_ZH = [
  "老人",
  "老年人",
  "残疾",
  "孕妇",
  "重病",
  "病重",
  "住院",
  "独居",
  "低保",
  "殘疾",
  "孕婦",
];
const URGENT_EN = ["urgent", "urgently", "asap", "emergency", "immediately", "right now", "need it today"];
const COMPLAINT_EN = ["complaint", "complain", "complaining"];
const NEGATIVE_EN = [
  "terrible",
  "awful",
  "useless",
  "ridiculous",
  "angry",
  "worst",
  "disappointed",
  "unacceptable",
];
const VULNERABLE_EN = [
  "elderly",
  "disabled",
  "disability",
  "pregnant",
  "hospital",
  "hospitalised",
  "seriously ill",
];

const countZh = (text: string, words: readonly string[]): number =>
  words.filter((w) => text.includes(w)).length;
const wordRe = (words: readonly string[]) => new RegExp(`\\b(?:${words.join("|")})\\b`, "g");
const URGENT_EN_RE = wordRe(URGENT_EN);
const COMPLAINT_EN_RE = wordRe(COMPLAINT_EN);
const NEGATIVE_EN_RE = wordRe(NEGATIVE_EN);
const VULNERABLE_EN_RE = wordRe(VULNERABLE_EN);
const countEn = (text: string, re: RegExp): number => new Set(text.match(re) ?? []).size;

/**
 * The signals one text carries (failed attempts come from the dialog, not the text). Counts
 * distinct negative words, so repeating one word does not escalate a chat by itself.
 */
export function urgencySignals(text: string): Omit<UrgencySignals, "failedAttempts"> {
  const lower = text.toLowerCase();
  const zh = NOT_URGENT_ZH.reduce((t, w) => t.replaceAll(w, " "), lower);
  return {
    complaint: countZh(zh, COMPLAINT_ZH) + countEn(lower, COMPLAINT_EN_RE) > 0,
    negativeWords: countZh(zh, NEGATIVE_ZH) + countEn(lower, NEGATIVE_EN_RE),
    explicitUrgency:
      countZh(zh, URGENT_ZH) + countEn(lower.replace(/\bnot urgent\b/g, " "), URGENT_EN_RE) > 0,
    vulnerable: countZh(zh, VULNERABLE_ZH) + countEn(lower, VULNERABLE_EN_RE) > 0,
  };
}
