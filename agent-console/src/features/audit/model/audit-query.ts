/** What the audit screen asks GET /api/v1/audit for; an empty or missing field is not sent. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  /** ISO datetime with Z, inclusive. */
  since?: string;
  /** ISO datetime with Z, exclusive. */
  until?: string;
  /** Only records older than this seq: the next page back. */
  before?: number;
  /** 1-500; the server's default is 100. */
  limit?: number;
}

const ORDER = ["actor", "action", "target", "since", "until", "before", "limit"] as const;

/** "?action=staff.create&limit=100", or "" when nothing is asked. The server rejects empty values. */
export function auditQueryString(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const key of ORDER) {
    const value = filter[key];
    if (value === undefined) continue;
    const text = typeof value === "number" ? String(value) : value.trim();
    if (text !== "") params.set(key, text);
  }
  const query = params.toString();
  return query === "" ? "" : `?${query}`;
}

/** A day picked in a date field ("2024-05-03"), as the local midnight that starts it, or null. */
function localMidnight(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The instants a range of whole days covers in the viewer's own zone: from the start of the first
 * day to the start of the day after the last (the server's `until` is exclusive). Either may be blank.
 */
export function dayRange(from: string, to: string): Pick<AuditFilter, "since" | "until"> {
  const start = localMidnight(from);
  const end = localMidnight(to);
  if (end) end.setDate(end.getDate() + 1);
  return {
    ...(start ? { since: start.toISOString() } : {}),
    ...(end ? { until: end.toISOString() } : {}),
  };
}
