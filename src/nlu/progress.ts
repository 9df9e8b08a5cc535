import type { TrainProgress } from "./train.js";

/**
 * A progress line for training that a person can follow: the share done, the step, and the time
 * left as the pace so far predicts it. At most one line every `everyMs` (the first and last always),
 * so a minute of training shows a line every few seconds, not silence and not a flood.
 */
export function progressPrinter(write: (line: string) => void, everyMs = 3000, now: () => number = Date.now): TrainProgress {
  const started = now();
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastPercent = -1;
  return (step, done, total) => {
    const t = now();
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const percent = Math.floor(share * 100);
    const last = done >= total;
    if (!last && (t - lastAt < everyMs || percent === lastPercent)) return;
    lastAt = t;
    lastPercent = percent;
    const elapsed = (t - started) / 1000;
    const left = share > 0.02 && !last ? `, about ${Math.max(1, Math.round((elapsed / share) * (1 - share)))} s left` : "";
    write(`training the NLU model: ${percent}% (${step})${left}`);
  };
}
