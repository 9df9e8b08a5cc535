import { type FormEvent, useEffect, useId, useState } from "react";
import { AnswerText } from "../../../components/AnswerText";
import { Field } from "../../../components/Field";
import type { HttpError } from "../../../lib/http";
import { errorText, labelOf, useI18n } from "../../../lib/i18n";
import type { Locale } from "../../../lib/protocol";
import { useStaffCall } from "../../../lib/staff-call";
import { tryDraft } from "../api/drafts";
import { percent, shareDone, type TryResult } from "../model/drafts";
import { STRINGS } from "../strings";

/** How often a question is asked again while the draft's model trains. */
const TRAINING_POLL_MS = 2000;

/**
 * "Try it": a question answered with the draft, as a citizen would read the answer, with the intent
 * and confidence. A draft that changes questions needs its own model first: the box says so, shows
 * the training's progress, and asks again until the answer comes.
 */
export function TryBox({ draftId }: { draftId: string | null }) {
  const { t } = useI18n(STRINGS);
  const call = useStaffCall();
  const [text, setText] = useState("");
  const [locale, setLocale] = useState<Locale | "">("");
  // A new object for every ask, so the same question can be asked again.
  const [asked, setAsked] = useState<{ text: string; locale: Locale | null } | null>(null);
  const [result, setResult] = useState<TryResult | null>(null);
  const [error, setError] = useState<HttpError | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  useEffect(() => {
    if (!asked || !draftId) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      const answer = await tryDraft(call, draftId, asked.text, asked.locale);
      if (!current) return;
      if (!answer.ok) {
        setError(answer.error);
        setBusy(false);
        return;
      }
      setError(null);
      setResult(answer.value);
      if (answer.value.ready) setBusy(false);
      else timer = setTimeout(() => void ask(), TRAINING_POLL_MS);
    };
    void ask();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [asked, draftId, call]);

  // Another draft: its answers are not this one's.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the draft changes only
  useEffect(() => {
    setAsked(null);
    setResult(null);
    setError(null);
    setBusy(false);
  }, [draftId]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim() || !draftId) return;
    setBusy(true);
    setResult(null);
    setAsked({ text: text.trim(), locale: locale || null });
  }

  const training = result && !result.ready ? result.training : null;
  const share = training ? shareDone(training.done, training.total) : null;
  return (
    <section className="try-box" aria-labelledby={titleId} data-testid="try-box">
      <h3 className="try-box__title" id={titleId}>
        {t.drafts.tryTitle}
      </h3>
      <p className="cell-note">{draftId ? t.drafts.tryIntro : t.drafts.tryNoDraft}</p>
      <form className="try-box__form" onSubmit={submit} noValidate>
        <Field label={t.drafts.tryQuestion}>
          {(id) => (
            <input
              id={id}
              className="input"
              maxLength={2000}
              data-testid="try-question"
              value={text}
              disabled={!draftId}
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </Field>
        <Field label={t.drafts.tryLocale}>
          {(id) => (
            <select id={id} className="select" data-testid="try-locale" value={locale} disabled={!draftId} onChange={(event) => setLocale(event.target.value as Locale | "")}>
              <option value="">{t.drafts.tryAuto}</option>
              <option value="zh">{t.languages.zh}</option>
              <option value="en">{t.languages.en}</option>
            </select>
          )}
        </Field>
        <button type="submit" className="button" data-testid="try-ask" disabled={!draftId || !text.trim() || busy}>
          {t.drafts.tryAsk}
        </button>
      </form>
      {error ? (
        <p className="form-error" role="alert">
          {t.actionFailed} {error.message || errorText(t, error)}
        </p>
      ) : null}
      <div role="status" className="try-box__status">
        {busy && !training ? <span className="cell-note">{t.working}</span> : null}
        {training ? (
          <div className="try-box__training" data-testid="try-training">
            <p className="try-box__training-text">
              {t.drafts.tryTraining}
              {training.step ? <span className="cell-note"> ({training.step})</span> : null}
            </p>
            <progress className="progress" max={1} value={share ?? undefined} aria-label={t.drafts.tryProgress} />
            {share !== null ? <span className="cell-note"> {Math.round(share * 100)}%</span> : null}
          </div>
        ) : null}
      </div>
      {result?.ready ? (
        <div className="try-box__answer" data-testid="try-answer" data-intent={result.intent}>
          <AnswerText markdown={result.text} testId="try-answer-text" />
          {result.options.length > 0 ? (
            <p className="tags">
              <span className="cell-note">{t.drafts.tryOptions}:</span>
              {result.options.map((o) => (
                <span key={o} className="tag">
                  {o}
                </span>
              ))}
            </p>
          ) : null}
          <p className="cell-note">
            {t.drafts.tryIntent} <span className="table__mono">{result.intent}</span> · {t.drafts.tryConfidence} {percent(result.confidence)} ·{" "}
            {labelOf(t.drafts.tryDecisions, result.decision)}
          </p>
        </div>
      ) : null}
    </section>
  );
}
