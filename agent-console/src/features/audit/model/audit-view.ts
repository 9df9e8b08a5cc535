/** How a record reads in the table: names for ids, and its details as one line. */

/** An actor or target as a person reads it: the username when it is an account we know, else as stored. */
export function whoIs(value: string | null, usernames: ReadonlyMap<string, string>): string {
  if (value === null) return "—";
  return usernames.get(value) ?? value;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map(valueText).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** `{username: "li", roles: ["agent"]}` as "username: li · roles: agent"; "" when there is none. */
export function describeDetail(detail: Readonly<Record<string, unknown>>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${valueText(value)}`)
    .join(" · ");
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "2024/5/3 14:05:09" or "03/05/2024, 14:05:09": in the console's language and the viewer's own
 * time zone (the date filter picks the viewer's days too), to the second, since records are often
 * seconds apart. Pass `timeZone` only to pin it (tests).
 */
export function formatAuditTime(iso: string, locale: "zh" | "en", timeZone?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const key = `${locale}|${timeZone ?? ""}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", {
      dateStyle: "short",
      timeStyle: "medium",
      hourCycle: "h23",
      ...(timeZone ? { timeZone } : {}),
    });
    timeFormats.set(key, format);
  }
  return format.format(at);
}
