/** One line of the audit log as GET /api/v1/audit gives it. */
export interface AuditRecord {
  seq: number;
  at: string;
  /** A staff id, or "cli" / "system"; null when nobody in particular. */
  actor: string | null;
  action: string;
  /** A staff id, chat id, ticket id… or null. */
  target: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

function parseRecord(value: unknown): AuditRecord | null {
  if (typeof value !== "object" || value === null) return null;
  const r = value as Record<string, unknown>;
  if (typeof r.seq !== "number" || typeof r.at !== "string" || typeof r.action !== "string") return null;
  const textOrNull = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    seq: r.seq,
    at: r.at,
    actor: textOrNull(r.actor),
    action: r.action,
    target: textOrNull(r.target),
    detail: typeof r.detail === "object" && r.detail !== null ? (r.detail as Record<string, unknown>) : {},
    prevHash: textOrNull(r.prevHash) ?? "",
    hash: textOrNull(r.hash) ?? "",
  };
}

/** The records of an answer, or null when it is not one. */
export function parseAuditAnswer(body: unknown): AuditRecord[] | null {
  const list =
    typeof body === "object" && body !== null ? (body as { records?: unknown }).records : undefined;
  if (!Array.isArray(list)) return null;
  const records = list.map(parseRecord);
  return records.every((r) => r !== null) ? (records as AuditRecord[]) : null;
}

/** The actors that are not accounts: an operator at the command line, and the server itself. */
export const NON_STAFF_ACTORS = ["cli", "system"] as const;

/** The actions the server records (src/access/permissions.ts and the staff accounts), to suggest in the filter. */
export const AUDIT_ACTIONS = [
  "session.start",
  "session.refused",
  "session.end-own",
  "session.end-all",
  "staff.create",
  "staff.change",
  "staff.reset-password",
  "staff.reset-second-factor",
  "staff.unlock",
  "second-factor.enrolled",
  "second-factor.refused",
  "recovery-code.used",
  "access.refused",
  "alert.sign-in",
  "chat.transfer",
  "chat.close",
  "personal-data.reveal",
  "tickets.answer",
] as const;
