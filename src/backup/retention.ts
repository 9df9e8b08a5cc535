/**
 * Which backups to keep: a pure function of their times and now. Every backup younger than
 * `allForMs`, the newest of each clock hour younger than `hourlyForMs`, the newest of each day
 * younger than `dailyForMs` (hours and days in UTC), and always the newest of all, so backups that
 * stopped for a month never leave none.
 */
export interface RetentionPolicy {
  /** Every backup this young is kept (a 5-minute schedule: the last points to restore to). */
  allForMs: number;
  /** Then one per hour, this far back. */
  hourlyForMs: number;
  /** Then one per day, this far back. */
  dailyForMs: number;
}

export interface DatedBackup {
  name: string;
  /** When it was taken, in epoch milliseconds. */
  at: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The newest backup of each period (`periodMs` long, counted from the epoch) among those younger
 * than `forMs`. `newestFirst` is sorted newest first, so the first one seen in a period is its newest.
 */
function newestPerPeriod(newestFirst: readonly DatedBackup[], now: number, forMs: number, periodMs: number): DatedBackup[] {
  const seen = new Set<number>();
  const kept: DatedBackup[] = [];
  for (const b of newestFirst) {
    const period = Math.floor(b.at / periodMs);
    if (seen.has(period)) continue;
    seen.add(period);
    if (now - b.at < forMs) kept.push(b);
  }
  return kept;
}

/** The backups to keep and those to remove, each newest first; every backup is in exactly one. */
export function retain(backups: readonly DatedBackup[], now: number, policy: RetentionPolicy): { keep: DatedBackup[]; drop: DatedBackup[] } {
  const newestFirst = [...backups].sort((a, b) => b.at - a.at || (a.name < b.name ? 1 : -1));
  const kept = new Set<DatedBackup>([
    ...newestFirst.slice(0, 1),
    // A backup dated after now (a clock set back) is young: kept.
    ...newestFirst.filter((b) => now - b.at < policy.allForMs),
    ...newestPerPeriod(newestFirst, now, policy.hourlyForMs, HOUR),
    ...newestPerPeriod(newestFirst, now, policy.dailyForMs, DAY),
  ]);
  return { keep: newestFirst.filter((b) => kept.has(b)), drop: newestFirst.filter((b) => !kept.has(b)) };
}
