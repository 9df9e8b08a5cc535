import { type ChangeEvent, useCallback, useEffect, useRef, useState } from "react";
import { Field } from "../../../components/Field";
import type { HttpError } from "../../../lib/http";
import { errorText, labelOf, useI18n } from "../../../lib/i18n";
import type { StaffCall } from "../../../lib/staff-call";
import { importIntoDraft, previewImport } from "../api/knowledge-import";
import {
  base64OfBytes,
  IMPORT_MAX_BYTES,
  IMPORT_ROW_ERRORS,
  type ImportPreview,
  type ImportUpload,
  importChoices,
  importFileProblem,
  importTemplateHref,
  shownRows,
} from "../model/knowledge-import";
import { STRINGS } from "../strings";

export interface ImportSectionProps {
  /** The signed-in editor's caller. */
  call: StaffCall;
  /** The working draft, once there is one: the preview checks the rows against it. */
  draftId: string | null;
  /** Creates the working draft or returns it; null when it could not (it says why itself). */
  ensureDraft: () => Promise<string | null>;
  /** After an import, so the screen shows the draft as it now is. */
  onImported: () => void;
}

/**
 * Question variants (and replaced answers) imported from a spreadsheet: choose a file, see every
 * row checked with its errors, then import all rows (only when none is wrong) or only the valid ones.
 */
export function ImportSection({ call, draftId, ensureDraft, onImported }: ImportSectionProps) {
  const { t, locale } = useI18n(STRINGS);
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<"checking" | "importing" | null>(null);
  const [error, setError] = useState<HttpError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const latest = useRef(0);

  const check = useCallback(
    async (file: ImportUpload, against: string | null) => {
      const request = ++latest.current;
      setBusy("checking");
      const result = await previewImport(call, file, against, locale);
      // A check overtaken by a later one (another file, another draft, an import) is dropped.
      if (request !== latest.current) return;
      setBusy(null);
      if (result.ok) {
        setPreview(result.value);
        setError(null);
      } else {
        setPreview(null);
        setError(result.error);
      }
    },
    [call, locale],
  );

  // The rows are checked against the draft, so again when the draft or the messages' language changes.
  useEffect(() => {
    if (upload) void check(upload, draftId);
  }, [upload, draftId, check]);

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // Cleared, so that choosing the same file again once fixed reads it again.
    event.target.value = "";
    latest.current++;
    setUpload(null);
    setPreview(null);
    setError(null);
    setProblem(null);
    setNotice(null);
    setBusy(null);
    if (!file) return;
    const why = importFileProblem(file);
    if (why) return setProblem(why === "type" ? t.importFileType : t.importFileSize(IMPORT_MAX_BYTES / 1024 / 1024));
    setUpload({ name: file.name, base64: base64OfBytes(new Uint8Array(await file.arrayBuffer())) });
  }

  async function runImport(validRowsOnly: boolean) {
    if (!upload) return;
    latest.current++;
    setBusy("importing");
    setError(null);
    setNotice(null);
    const id = draftId ?? (await ensureDraft());
    if (!id) {
      setBusy(null);
      return setProblem(t.importNoDraft);
    }
    const result = await importIntoDraft(call, id, upload, validRowsOnly, locale);
    setBusy(null);
    if (result.ok) {
      // Any check still under way is of the draft before the import.
      latest.current++;
      setUpload(null);
      setPreview(null);
      setNotice({ ok: true, text: t.importDone(result.value.imported, result.value.skipped) });
      onImported();
    } else if (result.error.code === IMPORT_ROW_ERRORS) {
      // The draft changed since the check (a colleague's edit): show the rows as they now stand.
      setNotice({ ok: false, text: t.importChanged });
      await check(upload, id);
    } else setError(result.error);
  }

  const choices = preview ? importChoices(preview) : null;
  return (
    <section className="panel" data-testid="import-section">
      <h2 className="panel__title">{t.importTitle}</h2>
      <p className="page__note">{t.importIntro}</p>
      <div className="filters">
        <Field label={t.importChoose}>
          {(id) => (
            <input
              id={id}
              type="file"
              accept=".csv,.xlsx,.txt,.tsv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="import-file"
              disabled={busy === "importing"}
              onChange={(event) => void choose(event)}
            />
          )}
        </Field>
        <a className="link-button" href={importTemplateHref(locale)} download="faq-import-template.csv" data-testid="import-template">
          {t.importTemplate}
        </a>
      </div>
      {problem ? (
        <p className="form-error" role="alert" data-testid="import-problem">
          {problem}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert" data-testid="import-error">
          {t.importFailed} {errorText(t, error)}
        </p>
      ) : null}
      {notice ? (
        <p className={notice.ok ? "form-ok" : "form-error"} role="status" data-testid="import-notice">
          {notice.text}
        </p>
      ) : null}
      {busy ? <p className="page__note" role="status">{busy === "checking" ? t.importChecking : t.working}</p> : null}
      {preview && choices ? (
        <>
          <p className="page__note" role="status" data-testid="import-counts">
            {t.importCounts(preview.valid, preview.invalid)}
          </p>
          <div className="filters__buttons">
            <button type="button" className="button button--primary" data-testid="import-all" disabled={!choices.all || busy !== null} onClick={() => void runImport(false)}>
              {t.importAll(preview.rows.length)}
            </button>
            {choices.validRows > 0 ? (
              <button type="button" className="button" data-testid="import-valid" disabled={busy !== null} onClick={() => void runImport(true)}>
                {t.importValid(choices.validRows)}
              </button>
            ) : null}
          </div>
          {preview.invalid > 0 ? <p className="page__note">{t.importAllBlocked}</p> : null}
          {preview.invalid > 0 ? (
            <label className="checks__option">
              <input type="checkbox" data-testid="import-only-errors" checked={onlyErrors} onChange={(event) => setOnlyErrors(event.target.checked)} /> {t.importOnlyErrors}
            </label>
          ) : null}
          <div className="table-wrap">
            <table className="table table--dense" data-testid="import-table">
              <thead>
                <tr>
                  <th scope="col">{t.importColumns.row}</th>
                  <th scope="col">{t.importColumns.intent}</th>
                  <th scope="col">{t.importColumns.lang}</th>
                  <th scope="col">{t.importColumns.question}</th>
                  <th scope="col">{t.importColumns.answer}</th>
                  <th scope="col">{t.importColumns.result}</th>
                </tr>
              </thead>
              <tbody>
                {shownRows(preview, onlyErrors).map((r) => {
                  const wrong = r.errors.length > 0;
                  return (
                    <tr key={r.row} data-testid="import-row" data-row={r.row} data-invalid={wrong ? "true" : "false"}>
                      <td className={wrong ? "table__num cell-note--warn" : "table__num"}>
                        {wrong ? <span aria-hidden="true">⚠ </span> : null}
                        {r.row}
                      </td>
                      <td className="table__mono">
                        <span className="stack">
                          <span>{r.intent || "—"}</span>
                          {r.faq ? <span className="cell-note">{r.faq}</span> : null}
                        </span>
                      </td>
                      <td>{r.lang ? labelOf(t.languages, r.lang) : "—"}</td>
                      <td>{r.question || "—"}</td>
                      <td>{r.answer ? <span className="cell-note">{r.answer}</span> : "—"}</td>
                      <td>
                        {wrong ? (
                          <ul className="cell-note cell-note--warn" data-testid="import-row-errors">
                            {r.errors.map((e) => (
                              <li key={`${e.code}:${e.message}`} data-code={e.code}>
                                {e.message}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="state state--ok">{t.importRowOk}</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
