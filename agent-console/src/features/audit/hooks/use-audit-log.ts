import { useCallback, useRef, useState } from "react";
import type { HttpError } from "../../../lib/http";
import { useStaffCall } from "../../../lib/staff-call";
import { fetchAudit } from "../api/audit";
import type { AuditFilter } from "../model/audit-query";
import type { AuditRecord } from "../model/audit-record";

/** Records per page; the server allows up to 500. */
export const PAGE_SIZE = 100;

export interface AuditLogState {
  /** Newest first. */
  records: AuditRecord[];
  loading: boolean;
  error: HttpError | null;
  /** The last page was full: there may be older records. */
  mayHaveOlder: boolean;
}

const INITIAL: AuditLogState = { records: [], loading: false, error: null, mayHaveOlder: false };

/**
 * The log for one filter, newest first, paged backwards: "older" asks for records before the
 * smallest seq shown. A new filter starts over, and an answer to an older request is dropped.
 */
export function useAuditLog() {
  const call = useStaffCall();
  const [state, setState] = useState<AuditLogState>(INITIAL);
  const filter = useRef<AuditFilter>({});
  const latest = useRef(0);

  const load = useCallback(
    async (next: AuditFilter, append: boolean) => {
      const request = ++latest.current;
      setState((s) => ({
        ...s,
        loading: true,
        error: null,
        ...(append ? {} : { records: [], mayHaveOlder: false }),
      }));
      const result = await fetchAudit(call, { ...next, limit: PAGE_SIZE });
      if (request !== latest.current) return;
      setState((s) =>
        result.ok
          ? {
              records: [...(append ? s.records : []), ...[...result.value].reverse()],
              loading: false,
              error: null,
              mayHaveOlder: result.value.length === PAGE_SIZE,
            }
          : { ...s, loading: false, error: result.error },
      );
    },
    [call],
  );

  const apply = useCallback(
    (next: AuditFilter) => {
      filter.current = next;
      return load(next, false);
    },
    [load],
  );

  const older = useCallback(() => {
    const oldest = state.records.at(-1);
    if (!oldest) return Promise.resolve();
    return load({ ...filter.current, before: oldest.seq }, true);
  }, [load, state.records]);

  return { state, apply, older };
}
