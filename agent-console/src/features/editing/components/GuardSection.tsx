import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Field } from "../../../components/Field";
import type { HttpError } from "../../../lib/http";
import { errorText, useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { addGuard, fetchGuard, removeGuard } from "../api/knowledge";
import type { GuardQuestion } from "../model/knowledge";
import { STRINGS } from "../strings";

/** The regression guard's own questions: editors add and remove them, supervisors read. */
export function GuardSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n(STRINGS);
  const call = useStaffCall();
  const [questions, setQuestions] = useState<GuardQuestion[]>([]);
  const [error, setError] = useState<HttpError | null>(null);
  const [text, setText] = useState("");
  const [intent, setIntent] = useState("");

  const load = useCallback(async () => {
    const result = await fetchGuard(call);
    if (result.ok) setQuestions(result.value);
    else setError(result.error);
  }, [call]);

  useEffect(() => {
    void load();
  }, [load]);

  async function add(event: FormEvent) {
    event.preventDefault();
    const result = await addGuard(call, text.trim(), intent.trim());
    if (!result.ok) return setError(result.error);
    setError(null);
    setText("");
    setIntent("");
    await load();
  }

  async function remove(question: string) {
    const result = await removeGuard(call, question);
    if (!result.ok) return setError(result.error);
    setError(null);
    await load();
  }

  return (
    <section className="panel" data-testid="guard-section">
      <h2 className="panel__title">{t.guardTitle}</h2>
      <p className="page__note">{t.guardIntro}</p>
      {error ? (
        <p className="form-error" role="alert" data-testid="guard-error">
          {t.actionFailed} {errorText(t, error)}
        </p>
      ) : null}
      {canEdit ? (
        <form className="filters" onSubmit={(event) => void add(event)} noValidate>
          <Field label={t.guardText}>
            {(id) => <input id={id} className="input" maxLength={500} data-testid="guard-text" value={text} onChange={(event) => setText(event.target.value)} />}
          </Field>
          <Field label={t.guardIntent}>
            {(id) => (
              <input
                id={id}
                className="input table__mono"
                maxLength={80}
                autoCapitalize="none"
                spellCheck={false}
                data-testid="guard-intent"
                value={intent}
                onChange={(event) => setIntent(event.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button" data-testid="guard-add" disabled={!text.trim() || !intent.trim()}>
            {t.guardAdd}
          </button>
        </form>
      ) : null}
      {questions.length === 0 ? (
        <p className="page__note">{t.noGuard}</p>
      ) : (
        <ul className="guard-list" data-testid="guard-list">
          {questions.map((q) => (
            <li key={q.text} data-testid="guard-row">
              <span>{q.text}</span> <span className="table__mono cell-note">→ {q.intent}</span>
              {canEdit ? (
                <button type="button" className="button button--small" data-testid="guard-remove" onClick={() => void remove(q.text)}>
                  {t.guardRemove}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
