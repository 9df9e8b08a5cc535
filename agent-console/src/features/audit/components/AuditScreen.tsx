import { useEffect, useId, useMemo } from "react";
import { errorText, useI18n } from "../../../lib/i18n";
import { useAuditLog } from "../hooks/use-audit-log";
import { useKnownStaff } from "../hooks/use-known-staff";
import { STRINGS } from "../strings";
import { AuditFilters } from "./AuditFilters";
import { AuditTable } from "./AuditTable";

/** The audit log for supervisors and admins: filters, the newest records, and older pages on demand. */
export function AuditScreen() {
  const { t } = useI18n(STRINGS);
  const staff = useKnownStaff();
  const usernames = useMemo(() => new Map(staff.map((s) => [s.id, s.username])), [staff]);
  const { state, apply, older } = useAuditLog();
  const titleId = useId();

  useEffect(() => {
    void apply({});
  }, [apply]);

  return (
    <section className="page" aria-labelledby={titleId}>
      <div className="page__head">
        <h1 id={titleId} className="page__title">
          {t.auditTitle}
        </h1>
        <p className="page__note">{t.auditIntro}</p>
      </div>
      <AuditFilters staff={staff} busy={state.loading} onApply={(filter) => void apply(filter)} />
      {state.error ? (
        <p className="form-error" role="alert" data-testid="audit-error">
          {t.loadFailed} {errorText(t, state.error)}
        </p>
      ) : null}
      {state.records.length > 0 ? <AuditTable records={state.records} usernames={usernames} /> : null}
      {!state.loading && !state.error && state.records.length === 0 ? (
        <p className="page__note" data-testid="audit-empty">
          {t.noRecords}
        </p>
      ) : null}
      <p className="page__more" role="status">
        {state.loading ? t.loadingAudit : null}
        {state.mayHaveOlder && !state.loading ? (
          <button type="button" className="button" data-testid="audit-older" onClick={() => void older()}>
            {t.older}
          </button>
        ) : null}
      </p>
    </section>
  );
}
