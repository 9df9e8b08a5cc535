/**
 * Reports an error once, then holds back the same error (same code, or message) for `quietMs`,
 * and says how many were held back with the next one reported. While Redis or the database is
 * away, every reconnection attempt and every job fails alike, many times a second: one line says
 * it, not thousands that bury everything else. Pure apart from the clock it is given.
 */
export function repeatedErrors(
  report: (error: unknown, heldBack: number) => void,
  quietMs = 30_000,
  clock: () => number = Date.now,
): (error: unknown) => void {
  const last = new Map<string, { at: number; heldBack: number }>();
  return (error) => {
    const key = keyOf(error);
    const now = clock();
    const seen = last.get(key);
    if (seen && now - seen.at < quietMs) {
      seen.heldBack++;
      return;
    }
    last.set(key, { at: now, heldBack: 0 });
    if (last.size > 100) last.delete(last.keys().next().value as string);
    report(error, seen?.heldBack ?? 0);
  };
}

function keyOf(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === "string" ? code : String(message);
}
