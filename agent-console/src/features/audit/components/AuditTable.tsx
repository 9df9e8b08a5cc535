import { labelOf, useI18n } from "../../../lib/i18n";
import type { AuditRecord } from "../model/audit-record";
import { describeDetail, formatAuditTime, whoIs } from "../model/audit-view";
import { STRINGS } from "../strings";

interface AuditTableProps {
  /** Newest first. */
  records: readonly AuditRecord[];
  usernames: ReadonlyMap<string, string>;
}

/** The records, newest first; ids named where an account matches, the raw value otherwise. */
export function AuditTable({ records, usernames }: AuditTableProps) {
  const { t, locale } = useI18n(STRINGS);
  const c = t.columns;
  return (
    <div className="table-wrap">
      <table className="table table--dense" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{c.time}</th>
            <th scope="col">{c.actor}</th>
            <th scope="col">{c.action}</th>
            <th scope="col">{c.target}</th>
            <th scope="col">{c.detail}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <tr key={record.seq} data-testid="audit-row" data-seq={record.seq} data-action={record.action}>
              <td className="table__time">
                <time dateTime={record.at}>{formatAuditTime(record.at, locale)}</time>
              </td>
              <td className="table__mono" title={record.actor ?? undefined}>
                {whoIs(record.actor, usernames)}
              </td>
              <td>
                <span className="stack">
                  <span>{labelOf(t.actions, record.action)}</span>
                  {t.actions[record.action] ? (
                    <span className="cell-note table__mono">{record.action}</span>
                  ) : null}
                </span>
              </td>
              <td className="table__mono" title={record.target ?? undefined}>
                {whoIs(record.target, usernames)}
              </td>
              <td className="table__detail">{describeDetail(record.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
