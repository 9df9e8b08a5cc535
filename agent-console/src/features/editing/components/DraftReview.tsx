import { useId, useState } from "react";
import { Field } from "../../../components/Field";
import type { HttpError } from "../../../lib/http";
import { errorText, labelOf, useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { commentOn, reviewDraft, revertFaq, submitForReview } from "../api/drafts";
import type { Draft, DraftNote, DraftStep } from "../model/drafts";
import { publishedAt } from "../model/knowledge";
import { STRINGS } from "../strings";

interface DraftReviewProps {
  draft: Draft;
  canEdit: boolean;
  onEditFaq(faqId: string): void;
  /** A step taken: the draft as the server answered. */
  onChanged(draft: Draft): void;
}

/**
 * What a draft changes (each file's diff on demand, an FAQ's own buttons to edit it or revert the
 * change) and its conversation: comments, the request for review, the reviewers' verdicts, the
 * outcomes of publications, with one box to write a comment or a review note.
 */
export function DraftReview({ draft, canEdit, onEditFaq, onChanged }: DraftReviewProps) {
  const { t, locale } = useI18n(STRINGS);
  const call = useStaffCall();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [text, setText] = useState("");
  const [error, setError] = useState<HttpError | null>(null);
  const [busy, setBusy] = useState(false);
  const changesId = useId();
  const notesId = useId();
  const may = (step: DraftStep) => canEdit && draft.allowed.includes(step);

  const toggle = (file: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(file)) next.add(file);
      return next;
    });

  async function take(step: () => ReturnType<typeof commentOn>, clear = true) {
    setBusy(true);
    const result = await step();
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    if (clear) setText("");
    onChanged(result.value);
  }

  const note = text.trim();
  // The desk writes a publication's note itself ("version 2"): said in the editor's language.
  const noteText = (n: DraftNote) => {
    const version = n.kind === "published" ? /^version (\d+)$/.exec(n.text)?.[1] : undefined;
    return version ? t.drafts.publishedAs(Number(version)) : n.text;
  };
  return (
    <div className="draft-review">
      <section aria-labelledby={changesId} data-testid="draft-changes">
        <h3 className="draft-bar__subtitle" id={changesId}>
          {t.drafts.changesTitle(draft.changes.length)}
        </h3>
        {draft.changes.length === 0 ? <p className="page__note">{t.drafts.noChanges}</p> : null}
        <ul className="draft-changes">
          {draft.changes.map((c) => (
            <li key={c.file} className="draft-changes__item" data-testid="draft-change" data-file={c.file} data-kind={c.kind}>
              <div className="draft-changes__row">
                <span className={`draft-changes__kind draft-changes__kind--${c.kind}`}>{labelOf(t.drafts.changeKinds, c.kind)}</span>
                <span className="table__mono">{c.file}</span>
                {c.faqId ? <span className="cell-note table__mono">{c.faqId}</span> : null}
                <span className="draft-changes__buttons">
                  <button
                    type="button"
                    className="button button--small"
                    aria-expanded={open.has(c.file)}
                    data-testid="draft-change-toggle"
                    onClick={() => toggle(c.file)}
                  >
                    {open.has(c.file) ? t.hideChanges : t.showChanges}
                  </button>
                  {c.faqId && c.kind !== "removed" && may("edit") ? (
                    <button type="button" className="button button--small" data-testid="draft-change-edit" onClick={() => onEditFaq(c.faqId as string)}>
                      {t.drafts.editFaq}
                    </button>
                  ) : null}
                  {c.faqId && may("edit") ? (
                    <button
                      type="button"
                      className="button button--small"
                      data-testid="draft-change-revert"
                      disabled={busy}
                      onClick={() => void take(() => revertFaq(call, draft.id, c.faqId as string), false)}
                    >
                      {t.drafts.revertFaq}
                    </button>
                  ) : null}
                </span>
              </div>
              {open.has(c.file) ? (
                <pre className="diff__patch" data-testid="draft-change-patch">
                  {c.patch}
                </pre>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={notesId} data-testid="draft-notes">
        <h3 className="draft-bar__subtitle" id={notesId}>
          {t.drafts.notesTitle}
        </h3>
        {draft.notes.length === 0 ? (
          <p className="page__note">{t.drafts.noNotes}</p>
        ) : (
          <ol className="draft-notes">
            {draft.notes.map((n, i) => (
              // The thread only grows: a note's place is its identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: notes are appended, never reordered or removed
              <li key={i} className={`draft-notes__item draft-notes__item--${n.kind}`} data-testid="draft-note" data-kind={n.kind}>
                <span className="draft-notes__meta">
                  <strong>{labelOf(t.drafts.noteKinds, n.kind)}</strong> · {n.byName} ·{" "}
                  <time dateTime={n.at} className="table__time">
                    {publishedAt(n.at, locale)}
                  </time>
                </span>
                {n.text ? <span className="draft-notes__text">{noteText(n)}</span> : null}
              </li>
            ))}
          </ol>
        )}
        {may("comment") ? (
          <div className="draft-notes__box">
            <Field label={t.drafts.noteLabel}>
              {(id) => (
                <>
                  <textarea
                    id={id}
                    className="input"
                    rows={2}
                    maxLength={2000}
                    data-testid="draft-note-text"
                    value={text}
                    aria-describedby={may("request_changes") ? `${id}-hint` : undefined}
                    onChange={(event) => setText(event.target.value)}
                  />
                  {may("request_changes") ? (
                    <span className="field__hint" id={`${id}-hint`}>
                      {t.drafts.requestChangesHint}
                    </span>
                  ) : null}
                </>
              )}
            </Field>
            <div className="draft-notes__buttons">
              <button type="button" className="button" data-testid="draft-comment" disabled={busy || !note} onClick={() => void take(() => commentOn(call, draft.id, note))}>
                {t.drafts.comment}
              </button>
              {may("submit") ? (
                <button type="button" className="button" data-testid="draft-submit" disabled={busy} onClick={() => void take(() => submitForReview(call, draft.id, note))}>
                  {t.drafts.submit}
                </button>
              ) : null}
              {may("approve") ? (
                <button
                  type="button"
                  className="button"
                  data-testid="draft-approve"
                  disabled={busy}
                  onClick={() => void take(() => reviewDraft(call, draft.id, "approve", note))}
                >
                  {t.drafts.approve}
                </button>
              ) : null}
              {may("request_changes") ? (
                <button
                  type="button"
                  className="button"
                  data-testid="draft-request-changes"
                  disabled={busy || !note}
                  title={note ? undefined : t.drafts.requestChangesHint}
                  onClick={() => void take(() => reviewDraft(call, draft.id, "request_changes", note))}
                >
                  {t.drafts.requestChanges}
                </button>
              ) : null}
            </div>
          </div>
        ) : null}
        {error ? (
          <p className="form-error" role="alert" data-testid="draft-review-error">
            {t.actionFailed} {error.message || errorText(t, error)}
          </p>
        ) : null}
      </section>
    </div>
  );
}
