/** A question with the intent it must be understood as ("none": not the desk's to answer). */
export interface GuardQuestion {
  text: string;
  intent: string;
}

/** A question the published model understood and the candidate does not. */
export interface Regression {
  text: string;
  expected: string;
  /** What the candidate understands instead. */
  now: string;
}

export interface GuardVerdict {
  ok: boolean;
  questions: number;
  /** Share understood right by the model serving, and by the candidate. */
  before: number;
  after: number;
  regressed: Regression[];
  /** Understood wrong before, right now. */
  fixed: number;
}

/**
 * The regression guard's judgement, pure: the two models' readings of the same questions (the dev
 * set and the questions editors added) compared. A candidate whose accuracy is lower by more than
 * `maxDrop` is refused; the questions it gets wrong that the serving model got right are listed
 * either way, for the editor to see what the change costs.
 */
export function judgeCandidate(questions: readonly GuardQuestion[], before: readonly string[], after: readonly string[], maxDrop: number): GuardVerdict {
  if (before.length !== questions.length || after.length !== questions.length) throw new Error("one reading per question");
  let rightBefore = 0;
  let rightAfter = 0;
  let fixed = 0;
  const regressed: Regression[] = [];
  questions.forEach((q, i) => {
    const was = before[i] === q.intent;
    const is = after[i] === q.intent;
    if (was) rightBefore++;
    if (is) rightAfter++;
    if (was && !is) regressed.push({ text: q.text, expected: q.intent, now: after[i] as string });
    if (!was && is) fixed++;
  });
  const n = questions.length || 1;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  const beforeShare = round(rightBefore / n);
  const afterShare = round(rightAfter / n);
  return { ok: beforeShare - afterShare <= maxDrop + 1e-9, questions: questions.length, before: beforeShare, after: afterShare, regressed, fixed };
}
