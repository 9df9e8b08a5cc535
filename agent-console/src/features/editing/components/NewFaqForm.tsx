import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Field } from "../../../components/Field";
import { errorText, useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { addFaq } from "../api/drafts";
import type { FormCatalogue, WorkingDraft } from "../hooks/use-working-draft";
import { EMPTY_FORM, type FaqForm, faqIdOf, fieldsOf, formProblems, type IntentForm, intentProblems, isWorking } from "../model/drafts";
import { STRINGS } from "../strings";
import { FaqFields, FieldProblem, problemFor } from "./FaqFields";

/** Questions a new FAQ starts with (the inbox's "start a new FAQ with these"). */
export interface StartingQuestions {
  zh: string[];
  en: string[];
}

interface NewFaqFormProps {
  working: WorkingDraft;
  catalogue: FormCatalogue;
  /** Pre-filled question variants, one per line. */
  questions?: StartingQuestions;
  onClose(): void;
  /** Added to the draft: the FAQ the server made for it (faq-<intent with dashes>). */
  onAdded(faqId: string, message: string): void;
}

/**
 * A new intent and its FAQ: the intent's id (checked as the server checks it), domain and names,
 * then the FAQ's fields. Added to the working draft, or to one started for it.
 */
export function NewFaqForm({ working, catalogue, questions, onClose, onAdded }: NewFaqFormProps) {
  const { t } = useI18n(STRINGS);
  const call = useStaffCall();
  const [intent, setIntent] = useState<IntentForm>({ id: "", zh: "", en: "" });
  const [form, setForm] = useState<FaqForm>(() => ({
    ...EMPTY_FORM,
    questionsZh: (questions?.zh ?? []).join("\n"),
    questionsEn: (questions?.en ?? []).join("\n"),
  }));
  const [title, setTitle] = useState("");
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const draft = working.detail?.draft ?? null;
  const writable = draft && isWorking(draft.status) ? draft : null;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const problems = [...intentProblems(intent, catalogue.intentIds), ...formProblems(form, catalogue.intentIds)];
  const shown = tried ? problems : [];
  const defaultTitle = t.drafts.newDefaultTitle(intent.id.trim() || "…");

  async function add(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setTried(true);
    if (problems.length > 0) return;
    setBusy(true);
    setRefusal(null);
    try {
      const into = await working.ensure(title.trim() || defaultTitle);
      if (!into.ok) return setRefusal(errorText(t, into.error));
      const id = intent.id.trim();
      const result = await addFaq(call, into.value.id, { id, zh: intent.zh.trim(), en: intent.en.trim() }, fieldsOf(form));
      if (!result.ok) return setRefusal(result.error.message || errorText(t, result.error));
      working.changed(result.value);
      onAdded(faqIdOf(id), t.drafts.added(faqIdOf(id)));
    } finally {
      setBusy(false);
    }
  }

  const intentField = (key: keyof IntentForm, label: string, field: "intentId" | "intentZh" | "intentEn", hint?: string) => {
    const error = problemFor(t, shown, field);
    return (
      <Field label={label}>
        {(id) => (
          <>
            <input
              id={id}
              className={key === "id" ? "input table__mono" : "input"}
              maxLength={key === "id" ? 80 : 200}
              autoCapitalize={key === "id" ? "none" : undefined}
              spellCheck={key === "id" ? false : undefined}
              data-testid={`new-faq-intent-${key}`}
              value={intent[key]}
              disabled={busy}
              aria-invalid={error ? true : undefined}
              aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-problem` : ""].filter(Boolean).join(" ") || undefined}
              onChange={(event) => setIntent({ ...intent, [key]: event.target.value })}
            />
            {hint ? (
              <span className="field__hint" id={`${id}-hint`}>
                {hint}
              </span>
            ) : null}
            <FieldProblem id={`${id}-problem`} text={error} />
          </>
        )}
      </Field>
    );
  };

  return (
    <section className="panel faq-editor" aria-labelledby={headingId} data-testid="new-faq">
      <h2 className="panel__title faq-editor__title" id={headingId} ref={headingRef} tabIndex={-1}>
        <span>{t.drafts.newTitle}</span>
        <button type="button" className="button button--small faq-editor__close" data-testid="new-faq-close" onClick={onClose}>
          {t.closeFaq}
        </button>
      </h2>
      <form onSubmit={(event) => void add(event)} noValidate>
        <div className="faq-form__meta">
          {intentField("id", t.drafts.intentId, "intentId", t.drafts.intentIdHint)}
          {intentField("zh", t.drafts.intentZh, "intentZh")}
          {intentField("en", t.drafts.intentEn, "intentEn")}
        </div>
        <FaqFields form={form} onChange={setForm} catalogue={catalogue} problems={shown} disabled={busy} domainEditable />
        {!writable ? (
          <Field label={t.drafts.newDraftTitle}>
            {(id) => (
              <input
                id={id}
                className="input faq-editor__draft-title"
                maxLength={200}
                data-testid="new-faq-draft-title"
                placeholder={defaultTitle}
                value={title}
                onChange={(event) => setTitle(event.target.value)}
              />
            )}
          </Field>
        ) : null}
        {shown.length > 0 ? (
          <p className="form-error" role="alert">
            {t.drafts.fixFirst}
          </p>
        ) : null}
        {refusal ? (
          <p className="form-error" role="alert" data-testid="new-faq-error">
            {t.drafts.refusedByServer} {refusal}
          </p>
        ) : null}
        <div className="faq-form__actions">
          <button type="submit" className="button button--primary" data-testid="new-faq-add" disabled={busy}>
            {t.drafts.add}
          </button>
        </div>
      </form>
    </section>
  );
}
