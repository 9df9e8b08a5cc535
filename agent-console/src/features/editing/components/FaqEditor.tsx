import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { Field } from "../../../components/Field";
import type { HttpError } from "../../../lib/http";
import { errorText, useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { fetchDraftFaq, fetchPublishedFaq, retireFaq, revertFaq, saveFaq } from "../api/drafts";
import type { FormCatalogue, WorkingDraft } from "../hooks/use-working-draft";
import { type EditableFaq, EMPTY_FORM, type FaqForm, fieldsOf, formOf, formProblems, isWorking, sameFields } from "../model/drafts";
import { STRINGS } from "../strings";
import { FaqFields } from "./FaqFields";

interface FaqEditorProps {
  faqId: string;
  working: WorkingDraft;
  catalogue: FormCatalogue;
  canEdit: boolean;
  onClose(): void;
  /** The FAQ is no longer in the draft (retired, or an added one reverted): the editor closes, saying so. */
  onDone(message: string): void;
}

/** Where the form's FAQ was read from: the draft (with its revision then), or the published version. */
interface Loaded {
  faq: EditableFaq;
  from: string | null;
}

/**
 * One FAQ as the working draft has it (as published, before there is a draft), edited field by
 * field and saved into the draft with the revision it was read at: a draft changed since by someone
 * else is not overwritten unseen. Without a draft, saving starts one.
 */
export function FaqEditor({ faqId, working, catalogue, canEdit, onClose, onDone }: FaqEditorProps) {
  const { t } = useI18n(STRINGS);
  const call = useStaffCall();
  const draft = working.detail?.draft ?? null;
  const writable = draft && isWorking(draft.status) ? draft : null;
  const source = writable?.id ?? null;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [form, setForm] = useState<FaqForm>(EMPTY_FORM);
  const [loadError, setLoadError] = useState<HttpError | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [retiring, setRetiring] = useState(false);
  const [title, setTitle] = useState(() => t.drafts.editDefaultTitle(faqId));
  // The draft this editor itself just started or wrote: the form already holds what it saved there.
  const adopted = useRef<string | null>(null);
  const saving = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();

  const read = (from: string | null) => (from ? fetchDraftFaq(call, from, faqId) : fetchPublishedFaq(call, faqId));

  const show = (faq: EditableFaq, from: string | null) => {
    setLoaded({ faq, from });
    setForm(formOf(faq.fields));
    setConflict(null);
    setRefusal(null);
    setTried(false);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: read again for another FAQ or another draft only
  useEffect(() => {
    if (saving.current || (source !== null && source === adopted.current)) return;
    let current = true;
    setLoadError(null);
    void read(source).then((result) => {
      if (!current) return;
      if (result.ok) show(result.value, source);
      else {
        // Not in the draft now read (retired there, or one a discarded draft added): no stale form.
        setLoaded(null);
        setLoadError(result.error);
      }
    });
    return () => {
      current = false;
    };
  }, [call, faqId, source]);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const problems = formProblems(form, catalogue.intentIds);
  const disabled = !canEdit || busy || !loaded;

  /** The draft to write into: the working one, or one started now with the title asked for. */
  async function target(): Promise<{ id: string; revision: number | null } | null> {
    const ensured = await working.ensure(title.trim() || t.drafts.editDefaultTitle(faqId));
    if (!ensured.ok) {
      setRefusal(errorText(t, ensured.error));
      return null;
    }
    const d = ensured.value;
    if (d.id !== loaded?.from) adopted.current = d.id;
    return { id: d.id, revision: loaded?.from === d.id ? loaded.faq.revision : d.revision };
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!loaded || busy) return;
    setTried(true);
    setNotice(null);
    if (problems.length > 0) return;
    setBusy(true);
    saving.current = true;
    setRefusal(null);
    setConflict(null);
    try {
      const into = await target();
      if (!into) return;
      const fields = fieldsOf(form);
      let result = await saveFaq(call, into.id, faqId, fields, into.revision);
      if (!result.ok && result.error.status === 409 && loaded.from === into.id) {
        // The draft moved on (a comment, another FAQ's edit): if this FAQ is as it was read, nothing is overwritten.
        const now = await fetchDraftFaq(call, into.id, faqId);
        if (now.ok && sameFields(now.value.fields, loaded.faq.fields)) result = await saveFaq(call, into.id, faqId, fields, now.value.revision);
      }
      if (!result.ok) {
        if (result.error.status === 409) setConflict(result.error.message);
        else setRefusal(result.error.message || errorText(t, result.error));
        return;
      }
      adopted.current = into.id;
      setLoaded({ faq: { ...loaded.faq, fields, changed: true, revision: result.value.revision }, from: into.id });
      setTried(false);
      setNotice(t.drafts.saved);
      working.changed(result.value);
    } finally {
      saving.current = false;
      setBusy(false);
    }
  }

  async function reload() {
    const result = await read(source);
    if (result.ok) {
      adopted.current = source;
      show(result.value, source);
    } else setLoadError(result.error);
  }

  async function retire(event: FormEvent) {
    event.preventDefault();
    setRetiring(false);
    setBusy(true);
    saving.current = true;
    try {
      const into = await target();
      if (!into) return;
      const result = await retireFaq(call, into.id, faqId, null);
      if (!result.ok) return setRefusal(result.error.message || errorText(t, result.error));
      working.changed(result.value);
      onDone(t.drafts.retired(faqId));
    } finally {
      saving.current = false;
      setBusy(false);
    }
  }

  async function revert() {
    if (!loaded?.from) return;
    setBusy(true);
    setNotice(null);
    try {
      const result = await revertFaq(call, loaded.from, faqId);
      if (!result.ok) return setRefusal(result.error.message || errorText(t, result.error));
      working.changed(result.value);
      const now = await fetchDraftFaq(call, loaded.from, faqId);
      if (!now.ok) return onDone(t.drafts.reverted);
      adopted.current = loaded.from;
      show(now.value, loaded.from);
      setNotice(t.drafts.reverted);
    } finally {
      setBusy(false);
    }
  }

  const changedHere = loaded !== null && loaded.from !== null && loaded.from === source && loaded.faq.changed;
  return (
    <section className="panel faq-editor" aria-labelledby={headingId} data-testid="faq-editor" data-faq={faqId}>
      <h2 className="panel__title faq-editor__title" id={headingId} ref={headingRef} tabIndex={-1}>
        <span>{t.drafts.editorTitle(faqId)}</span>
        {loaded ? (
          <span className="cell-note table__mono">
            {loaded.faq.intent} · {loaded.faq.file}
          </span>
        ) : null}
        <button type="button" className="button button--small faq-editor__close" data-testid="faq-editor-close" onClick={onClose}>
          {t.closeFaq}
        </button>
      </h2>
      {changedHere ? <p className="page__note">{t.drafts.changedInDraft}</p> : null}
      {!canEdit ? <p className="page__note">{t.drafts.notEditable}</p> : null}
      {loadError ? (
        <p className="form-error" role="alert">
          {t.loadFailed} {loadError.message || errorText(t, loadError)}
        </p>
      ) : null}
      {loaded ? (
        <form onSubmit={(event) => void save(event)} noValidate>
          <FaqFields form={form} onChange={setForm} catalogue={catalogue} problems={tried ? problems : []} disabled={disabled} domainEditable={false} />
          {canEdit && !writable ? (
            <Field label={t.drafts.newDraftTitle}>
              {(id) => (
                <input id={id} className="input faq-editor__draft-title" maxLength={200} data-testid="faq-editor-draft-title" value={title} onChange={(event) => setTitle(event.target.value)} />
              )}
            </Field>
          ) : null}
          {tried && problems.length > 0 ? (
            <p className="form-error" role="alert">
              {t.drafts.fixFirst}
            </p>
          ) : null}
          {refusal ? (
            <p className="form-error" role="alert" data-testid="faq-editor-error">
              {t.drafts.refusedByServer} {refusal}
            </p>
          ) : null}
          {conflict !== null ? (
            <div className="form-error" role="alert" data-testid="faq-editor-conflict">
              <p>{t.drafts.conflict}</p>
              {conflict ? <p className="cell-note">{conflict}</p> : null}
              <button type="button" className="button button--small" data-testid="faq-editor-reload" onClick={() => void reload()}>
                {t.drafts.reload}
              </button>
            </div>
          ) : null}
          <p className="form-ok" role="status" data-testid="faq-editor-status">
            {notice}
          </p>
          {canEdit ? (
            <div className="faq-form__actions">
              <button type="submit" className="button button--primary" data-testid="faq-editor-save" disabled={disabled}>
                {t.drafts.save}
              </button>
              {changedHere ? (
                <button type="button" className="button" data-testid="faq-editor-revert" disabled={disabled} onClick={() => void revert()}>
                  {t.drafts.revert}
                </button>
              ) : null}
              <button type="button" className="button button--danger" data-testid="faq-editor-retire" disabled={disabled} onClick={() => setRetiring(true)}>
                {t.drafts.retire}
              </button>
            </div>
          ) : null}
        </form>
      ) : null}
      {retiring ? (
        <ConfirmDialog
          title={t.drafts.retireTitle(loaded?.faq.intent ?? faqId)}
          cancelLabel={t.cancel}
          confirmLabel={t.drafts.retireConfirm}
          onConfirm={(event) => void retire(event)}
          onDismiss={() => setRetiring(false)}
          testId="retire-dialog"
          confirmTestId="retire-confirm"
        >
          <p>{t.drafts.retireBody}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
