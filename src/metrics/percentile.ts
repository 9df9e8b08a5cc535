/**
 * Nearest-rank percentile: the smallest value with at least p % of the values at or below it. It
 * always returns a value that was observed (a wait someone actually had), which is what a
 * supervisor reads "p95 = 42 s" as; no interpolation between two citizens' waits.
 */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile out of (0, 100]: ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}
