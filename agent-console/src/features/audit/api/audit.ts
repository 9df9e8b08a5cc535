import { type ApiResult, readAnswer } from "../../../lib/http";
import type { StaffCall } from "../../../lib/staff-call";
import { type AuditFilter, auditQueryString } from "../model/audit-query";
import { type AuditRecord, parseAuditAnswer } from "../model/audit-record";

/** One page of the log, oldest first as the server sends it. */
export async function fetchAudit(call: StaffCall, filter: AuditFilter): Promise<ApiResult<AuditRecord[]>> {
  return readAnswer(await call("GET", `/api/v1/audit${auditQueryString(filter)}`), parseAuditAnswer);
}

/** Someone the log may name: an account's id with its username and name. */
export interface KnownStaff {
  id: string;
  username: string;
  displayName: string;
}

function parseStaff(body: unknown): KnownStaff[] | null {
  const list =
    typeof body === "object" && body !== null ? (body as { accounts?: unknown }).accounts : undefined;
  if (!Array.isArray(list)) return null;
  return list.flatMap((a: unknown) => {
    if (typeof a !== "object" || a === null) return [];
    const { id, username, displayName } = a as Record<string, unknown>;
    return typeof id === "string" && typeof username === "string"
      ? [{ id, username, displayName: typeof displayName === "string" ? displayName : username }]
      : [];
  });
}

/**
 * The accounts, read only for their names: the log stores ids. The accounts screen has its own
 * fuller reading of the same list; features do not share code, and this needs three fields.
 */
export async function fetchKnownStaff(call: StaffCall): Promise<ApiResult<KnownStaff[]>> {
  return readAnswer(await call("GET", "/api/v1/staff/accounts"), parseStaff);
}
