import { type FormEvent, useId, useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import type { HttpError } from "../../../lib/http";
import { errorText, labelOf, useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { createDraft, discardDraft, publishDraft } from "../api/drafts";
import type { FormCatalogue, WorkingDraft } from "../hooks/use-working-draft";
import { orderDrafts } from "../model/drafts";
import { STRINGS } from "../strings";
import { DraftOutcome } from "./DraftOutcome";
import { DraftReview } from "./DraftReview";
import { TryBox } from "./TryBox";

interface DraftBarProps {
  /** Editors change, review and publish; supervisors read and try. */
  canEdit: boolean;
  working: WorkingDraft;
  catalogue: FormCatalogue;
  onEditFaq(faqId: string): void;
  onNewFaq(): void;
}

/**
 * The working draft at the top of the knowledge screen: choose one or start one; its status, what
 * it changes, its conversation and review; the actions the server allows the editor now (publish
 * with progress and outcome, discard); and the try box.
 */
export function DraftBar({ canEdit, working, catalogue, onEditFaq, onNewFaq }: DraftBarProps) {
  const { t } = useI18n(STRINGS);
  const call = useStaffCall();
  const [title, setTitle] = useState("");
  const [faqId, setFaqId] = useState("");
  const [faqProblem, setFaqProblem] = useState(false);
  const [error, setError] = useState<HttpError | null>(null);
  const [dialog, setDialog] = useState<"publish" | "discard" | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const faqList = useId();
  const draft = working.detail?.draft ?? null;
  const may = (step: "publish" | "discard") => canEdit && draft?.allowed.includes(step) === true;

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return;
    setBusy(true);
    const result = await createDraft(call, title.trim());
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setTitle("");
    working.choose(result.value.id);
    working.changed(result.value);
  }

  function openFaq(event: FormEvent) {
    event.preventDefault();
    const id = faqId.trim();
    const known = catalogue.faqs.some((f) => f.id === id) || (draft?.changes.some((c) => c.faqId === id) ?? false);
    setFaqProblem(!known);
    if (known) onEditFaq(id);
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!draft || !dialog) return;
    const which = dialog;
    setDialog(null);
    setBusy(true);
    const result = which === "publish" ? await publishDraft(call, draft.id, note.trim()) : await discardDraft(call, draft.id);
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setNote("");
    working.changed(result.value);
  }

  const drafts = orderDrafts(working.list?.drafts ?? []);
  // The chosen draft stays in the list while it is read, even if the list has not caught up.
  const chosenMissing = working.id !== null && !drafts.some((d) => d.id === working.id);
  const faqIdProblemId = `${faqList}-problem`;
  const shownError = error ?? working.error;
  // A published or discarded draft is history: what stands in the way of publishing it no longer matters.
  const live = draft !== null && draft.status !== "published" && draft.status !== "discarded";
  return (
    <section className="panel draft-bar" aria-labelledby={headingId} data-testid="draft-bar">
      <h2 className="panel__title" id={headingId}>
        {t.drafts.title}
      </h2>
      <p className="page__note">
        {t.drafts.intro} {canEdit ? null : t.drafts.readOnly}
      </p>
      <div className="draft-bar__top">
        <Field label={t.drafts.pick}>
          {(id) => (
            <select id={id} className="select draft-bar__pick" data-testid="draft-pick" value={working.id ?? ""} onChange={(event) => working.choose(event.target.value || null)}>
              <option value="">{drafts.length === 0 && !chosenMissing ? t.drafts.noDrafts : t.drafts.pickNone}</option>
              {chosenMissing && draft ? <option value={draft.id}>{t.drafts.option(draft.title, labelOf(t.drafts.statuses, draft.status), draft.authorName)}</option> : null}
              {drafts.map((d) => (
                <option key={d.id} value={d.id}>
                  {t.drafts.option(d.title, labelOf(t.drafts.statuses, d.status), d.authorName)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {canEdit ? (
          <form className="draft-bar__inline" onSubmit={(event) => void start(event)} noValidate>
            <Field label={t.drafts.startTitle}>
              {(id) => (
                <input
                  id={id}
                  className="input"
                  maxLength={200}
                  placeholder={t.drafts.startPlaceholder}
                  data-testid="draft-new-title"
                  value={title}
                  onChange={(event) => setTitle(event.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="button" data-testid="draft-start" disabled={busy || !title.trim()}>
              {t.drafts.start}
            </button>
          </form>
        ) : null}
        {canEdit ? (
          <form className="draft-bar__inline" onSubmit={openFaq} noValidate>
            <Field label={t.drafts.pickFaq}>
              {(id) => (
                <>
                  <input
                    id={id}
                    className="input table__mono"
                    list={faqList}
                    autoCapitalize="none"
                    spellCheck={false}
                    placeholder={t.drafts.pickFaqPlaceholder}
                    data-testid="draft-faq-id"
                    value={faqId}
                    aria-invalid={faqProblem ? true : undefined}
                    aria-describedby={faqProblem ? faqIdProblemId : undefined}
                    onChange={(event) => {
                      setFaqId(event.target.value);
                      setFaqProblem(false);
                    }}
                  />
                  <datalist id={faqList}>
                    {catalogue.faqs.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.question.zh}
                      </option>
                    ))}
                  </datalist>
                </>
              )}
            </Field>
            <button type="submit" className="button" data-testid="draft-faq-open" disabled={!faqId.trim()}>
              {t.drafts.pickFaqOpen}
            </button>
            {faqProblem ? (
              <p className="form-error draft-bar__problem" id={faqIdProblemId} role="alert">
                {t.drafts.pickFaqUnknown}
              </p>
            ) : null}
          </form>
        ) : null}
        {canEdit ? (
          <div className="draft-bar__inline">
            <button type="button" className="button" data-testid="draft-new-faq" onClick={onNewFaq}>
              {t.drafts.newFaq}
            </button>
          </div>
        ) : null}
      </div>
      {shownError ? (
        <p className="form-error" role="alert" data-testid="draft-error">
          {t.actionFailed} {errorText(t, shownError)}
        </p>
      ) : null}
      {working.id && !draft ? <p className="page__note">{t.loadingKnowledge}</p> : null}
      {draft ? (
        <div className="draft-bar__draft" data-testid="draft-current" data-id={draft.id} data-status={draft.status} data-revision={draft.revision}>
          <div className="draft-bar__head">
            <h3 className="draft-bar__name" data-testid="draft-title">
              {draft.title}
            </h3>
            <span className={`draft-status draft-status--${draft.status}`} data-testid="draft-status">
              {labelOf(t.drafts.statuses, draft.status)}
            </span>
            <span className="cell-note">{t.drafts.meta(draft.authorName, draft.baseVersion, draft.revision)}</span>
            {may("publish") || may("discard") ? (
              <span className="draft-bar__actions">
                {may("publish") ? (
                  <button type="button" className="button button--primary" data-testid="draft-publish" disabled={busy} onClick={() => setDialog("publish")}>
                    {t.drafts.publish}
                  </button>
                ) : null}
                {may("discard") ? (
                  <button type="button" className="button button--danger" data-testid="draft-discard" disabled={busy} onClick={() => setDialog("discard")}>
                    {t.drafts.discard}
                  </button>
                ) : null}
              </span>
            ) : null}
          </div>
          {canEdit && draft.reviewRequired && draft.changes.length > 0 && !draft.allowed.includes("publish") && draft.allowed.includes("edit") ? (
            <p className="page__note" data-testid="draft-needs-approval">
              {t.drafts.needsApproval}
            </p>
          ) : null}
          {live && draft.newestVersion > draft.baseVersion ? <p className="page__note">{t.drafts.newerVersion(draft.newestVersion)}</p> : null}
          {live && draft.conflicts.length > 0 ? (
            <p className="form-error" data-testid="draft-conflicts">
              {t.drafts.conflicts(draft.conflicts.join(", "))}
            </p>
          ) : null}
          {live && draft.problem ? (
            <p className="form-error" data-testid="draft-problem">
              {t.drafts.problem} <span className="table__mono">{draft.problem}</span>
            </p>
          ) : null}
          <DraftOutcome draft={draft} />
          <div className="draft-bar__grid">
            <DraftReview draft={draft} canEdit={canEdit} onEditFaq={onEditFaq} onChanged={working.changed} />
            <TryBox draftId={draft.id} />
          </div>
        </div>
      ) : null}
      {dialog === "publish" && draft ? (
        <Dialog title={t.drafts.publishTitle(draft.title)} onDismiss={() => setDialog(null)} testId="publish-dialog">
          <form onSubmit={(event) => void confirm(event)}>
            <p>{t.drafts.publishBody}</p>
            <Field label={t.drafts.publishNote}>
              {(id) => <input id={id} className="input" maxLength={500} data-testid="publish-note" value={note} onChange={(event) => setNote(event.target.value)} />}
            </Field>
            <div className="dialog__actions">
              <button type="button" className="button" onClick={() => setDialog(null)}>
                {t.cancel}
              </button>
              <button type="submit" className="button button--primary" data-testid="publish-confirm">
                {t.drafts.publishConfirm}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
      {dialog === "discard" && draft ? (
        <ConfirmDialog
          title={t.drafts.discardTitle(draft.title)}
          cancelLabel={t.cancel}
          confirmLabel={t.drafts.discardConfirm}
          onConfirm={(event) => void confirm(event)}
          onDismiss={() => setDialog(null)}
          testId="discard-dialog"
          confirmTestId="discard-confirm"
        >
          <p>{t.drafts.discardBody}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
