import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import type { HttpError } from "../../../lib/http";
import { errorText, labelOf, useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { fetchChanges, fetchVersions, rollBack } from "../api/knowledge";
import { publishedAt, type VersionChanges, type VersionList } from "../model/knowledge";
import { STRINGS } from "../strings";

/** The published versions, newest first, each with its changes on demand and (for editors) a rollback. */
export function VersionsSection({ canEdit }: { canEdit: boolean }) {
  const { t, locale } = useI18n(STRINGS);
  const call = useStaffCall();
  const [list, setList] = useState<VersionList | null>(null);
  const [error, setError] = useState<HttpError | null>(null);
  const [open, setOpen] = useState<VersionChanges | null>(null);
  const [rolling, setRolling] = useState<number | null>(null);
  const [note, setNote] = useState("");
  const [published, setPublished] = useState<number | null>(null);

  const load = useCallback(async () => {
    const result = await fetchVersions(call);
    if (result.ok) {
      setList(result.value);
      setError(null);
    } else setError(result.error);
  }, [call]);

  useEffect(() => {
    void load();
  }, [load]);

  // After a rollback the desk swaps to the new version within its poll interval: look again
  // until the list marks it as serving (for at most half a minute).
  const waiting = published !== null && list !== null && list.serving !== published;
  useEffect(() => {
    if (!waiting) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > 30_000) clearInterval(timer);
      else void load();
    }, 1500);
    return () => clearInterval(timer);
  }, [waiting, load]);

  async function toggle(version: number) {
    if (open?.version === version) return setOpen(null);
    const result = await fetchChanges(call, version);
    if (result.ok) setOpen(result.value);
    else setError(result.error);
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (rolling === null) return;
    const result = await rollBack(call, rolling, note.trim());
    setRolling(null);
    setNote("");
    if (!result.ok) return setError(result.error);
    const reloaded = await fetchVersions(call);
    if (reloaded.ok) {
      setList(reloaded.value);
      setPublished(reloaded.value.versions[0]?.version ?? null);
    }
  }

  const newest = list?.versions[0]?.version;
  return (
    <section className="panel" data-testid="versions-section">
      <h2 className="panel__title">{t.versionsTitle}</h2>
      {error ? (
        <p className="form-error" role="alert">
          {t.actionFailed} {errorText(t, error)}
        </p>
      ) : null}
      <p className="page__note" role="status" data-testid="versions-status">
        {published !== null ? t.rolledBack(published) : null}
      </p>
      {list ? (
        <div className="table-wrap">
          <table className="table table--dense" data-testid="versions-table">
            <thead>
              <tr>
                <th scope="col">{t.versionColumns.version}</th>
                <th scope="col">{t.versionColumns.time}</th>
                <th scope="col">{t.versionColumns.origin}</th>
                <th scope="col">{t.versionColumns.author}</th>
                <th scope="col">{t.versionColumns.note}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {list.versions.map((v) => (
                <tr key={v.version} data-testid="version-row" data-version={v.version}>
                  <td>
                    {v.version}
                    {v.version === list.serving ? <span className="cell-note"> · {t.serving}</span> : null}
                  </td>
                  <td className="table__time">
                    <time dateTime={v.publishedAt}>{publishedAt(v.publishedAt, locale)}</time>
                  </td>
                  <td>{labelOf(t.origins, v.origin)}</td>
                  <td className="table__mono">{v.author}</td>
                  <td>{v.note}</td>
                  <td>
                    <span className="stack">
                      <button type="button" className="button button--small" data-testid="version-changes" onClick={() => void toggle(v.version)}>
                        {open?.version === v.version ? t.hideChanges : t.showChanges}
                      </button>
                      {canEdit && v.version !== newest ? (
                        <button type="button" className="button button--small" data-testid="version-rollback" onClick={() => setRolling(v.version)}>
                          {t.rollBack}
                        </button>
                      ) : null}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {open ? (
        <div className="diff" data-testid="version-diff">
          {open.added.length > 0 ? <p>{t.added}: {open.added.join(", ")}</p> : null}
          {open.removed.length > 0 ? <p>{t.removed}: {open.removed.join(", ")}</p> : null}
          {open.changed.map((c) => (
            <pre key={c.name} className="diff__patch">
              {c.patch}
            </pre>
          ))}
        </div>
      ) : null}
      {rolling !== null ? (
        <Dialog title={t.rollBackTitle(rolling)} onDismiss={() => setRolling(null)} testId="rollback-dialog">
          <form onSubmit={(event) => void confirm(event)}>
            <p>{t.rollBackBody}</p>
            <Field label={t.rollBackNote}>
              {(id) => <input id={id} className="input" maxLength={500} data-testid="rollback-note" value={note} onChange={(event) => setNote(event.target.value)} />}
            </Field>
            <div className="dialog__actions">
              <button type="button" className="button" onClick={() => setRolling(null)}>
                {t.cancel}
              </button>
              <button type="submit" className="button button--primary" data-testid="rollback-confirm">
                {t.rollBackConfirm}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </section>
  );
}
