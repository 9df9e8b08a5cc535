import type { FaqAnswerCounts } from "../storage/ports.js";

/** One FAQ's answers over a window, with the shares the editors sort and highlight by. */
export interface FaqAnswerFeedback extends FaqAnswerCounts {
  /** thumbsDown / answers, to three places. */
  thumbsDownRate: number;
  /** handoffs / answers: the share of its answers right after which the citizen asked for a person. */
  handoffRate: number;
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : 0);

/**
 * The counts with their rates, worst first (the higher of the two rates, then the most answers):
 * an FAQ answered 3 times and rated down once is a worry, but one answered 300 times with the same
 * share is a bigger one.
 */
export function answerFeedback(counts: readonly FaqAnswerCounts[]): FaqAnswerFeedback[] {
  return counts
    .map((c) => ({ ...c, thumbsDownRate: share(c.thumbsDown, c.answers), handoffRate: share(c.handoffs, c.answers) }))
    .sort((a, b) => Math.max(b.thumbsDownRate, b.handoffRate) - Math.max(a.thumbsDownRate, a.handoffRate) || b.answers - a.answers || (a.faqId < b.faqId ? -1 : 1));
}
