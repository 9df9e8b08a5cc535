import { AnswerText } from "../../../components/AnswerText";
import { Field } from "../../../components/Field";
import { useI18n } from "../../../lib/i18n";
import type { FormCatalogue } from "../hooks/use-working-draft";
import { duplicatesOf, type FaqForm, type FormProblem, linesOf, MIN_QUESTIONS } from "../model/drafts";
import { STRINGS } from "../strings";

type Strings = (typeof STRINGS)["zh"];

/** A problem in the editor's language. */
export function problemText(t: Strings, problem: FormProblem): string {
  switch (problem.kind) {
    case "few":
      return t.drafts.problemFew(problem.min, problem.count);
    case "empty":
      return t.drafts.problemEmpty;
    case "unknown":
      return t.drafts.problemUnknown(problem.ids.join(", "));
    case "not_a_day":
      return t.drafts.problemNotADay;
    case "order":
      return t.drafts.problemOrder;
    case "format":
      return t.drafts.problemIntentFormat;
    case "exists":
      return t.drafts.problemIntentExists;
  }
}

/** The problem text for a field, when the form has been tried and the field has one. */
export function problemFor(t: Strings, problems: readonly FormProblem[], field: FormProblem["field"]): string | null {
  const found = problems.find((p) => p.field === field);
  return found ? problemText(t, found) : null;
}

/** A field's own problem under it, tied to its control by aria-describedby. */
export function FieldProblem({ id, text }: { id: string; text: string | null }) {
  return text ? (
    <p className="form-error" id={id}>
      {text}
    </p>
  ) : null;
}

interface FaqFieldsProps {
  form: FaqForm;
  onChange(form: FaqForm): void;
  catalogue: FormCatalogue;
  /** Shown once the editor tried to save (before, a half-typed form is not scolded). */
  problems: readonly FormProblem[];
  disabled: boolean;
  /** A new FAQ's domain is chosen; an existing one's is its intent's, shown only. */
  domainEditable: boolean;
}

/**
 * An FAQ's fields as an editor types them: question variants and answers in both languages side by
 * side (with counts, repeated lines, and the answer previewed as citizens see it), then the guided
 * application, dates, tags, related intents and legal basis.
 */
export function FaqFields({ form, onChange, catalogue, problems, disabled, domainEditable }: FaqFieldsProps) {
  const { t } = useI18n(STRINGS);
  const set = (change: Partial<FaqForm>) => onChange({ ...form, ...change });
  const problem = (field: FormProblem["field"]) => problemFor(t, problems, field);

  const questions = (lang: "zh" | "en") => {
    const key = lang === "zh" ? "questionsZh" : "questionsEn";
    const lines = linesOf(form[key]);
    const repeated = duplicatesOf(lines);
    const few = lines.length < MIN_QUESTIONS[lang];
    const error = problem(key);
    return (
      <Field label={lang === "zh" ? t.drafts.questionsZh : t.drafts.questionsEn}>
        {(id) => (
          <>
            <textarea
              id={id}
              className="input faq-form__questions"
              rows={8}
              lang={lang === "zh" ? "zh-CN" : "en"}
              data-testid={`faq-form-questions-${lang}`}
              value={form[key]}
              disabled={disabled}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-count${repeated.length > 0 ? ` ${id}-dup` : ""}${error ? ` ${id}-problem` : ""}`}
              onChange={(event) => set({ [key]: event.target.value })}
            />
            <span id={`${id}-count`} className={few ? "field__hint cell-note--warn" : "field__hint"} data-testid={`faq-form-count-${lang}`}>
              {t.drafts.questionCount(lines.length, MIN_QUESTIONS[lang])}
            </span>
            {repeated.length > 0 ? (
              <span id={`${id}-dup`} className="field__hint cell-note--warn" data-testid={`faq-form-duplicates-${lang}`}>
                {t.drafts.duplicates(repeated.join(" / "))}
              </span>
            ) : null}
            <FieldProblem id={`${id}-problem`} text={error} />
          </>
        )}
      </Field>
    );
  };

  const answer = (lang: "zh" | "en") => {
    const key = lang === "zh" ? "answerZh" : "answerEn";
    const error = problem(key);
    return (
      <Field label={lang === "zh" ? t.drafts.answerZh : t.drafts.answerEn}>
        {(id) => (
          <>
            <textarea
              id={id}
              className="input faq-form__answer"
              rows={7}
              lang={lang === "zh" ? "zh-CN" : "en"}
              data-testid={`faq-form-answer-${lang}`}
              value={form[key]}
              disabled={disabled}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-problem` : undefined}
              onChange={(event) => set({ [key]: event.target.value })}
            />
            <FieldProblem id={`${id}-problem`} text={error} />
            <section className="faq-form__preview" aria-label={`${t.drafts.preview} · ${lang === "zh" ? t.drafts.answerZh : t.drafts.answerEn}`}>
              <span className="field__hint">{t.drafts.preview}</span>
              <AnswerText markdown={form[key]} testId={`faq-form-preview-${lang}`} />
            </section>
          </>
        )}
      </Field>
    );
  };

  const date = (key: "effective" | "expires") => {
    const label = key === "effective" ? t.drafts.effective : t.drafts.expires;
    const error = problem(key);
    return (
      <Field label={label}>
        {(id) => (
          <span className="faq-form__date">
            <input
              id={id}
              className="input"
              type="date"
              data-testid={`faq-form-${key}`}
              value={form[key]}
              disabled={disabled}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-problem` : undefined}
              onChange={(event) => set({ [key]: event.target.value })}
            />
            <button
              type="button"
              className="button button--small"
              aria-label={t.drafts.clearDateLabel(label)}
              data-testid={`faq-form-${key}-clear`}
              disabled={disabled || !form[key]}
              onClick={() => set({ [key]: "" })}
            >
              {t.drafts.clearDate}
            </button>
            <FieldProblem id={`${id}-problem`} text={error} />
          </span>
        )}
      </Field>
    );
  };

  const domainError = problem("domain");
  const relatedError = problem("related");
  return (
    <div className="faq-form">
      <div className="faq-form__pair">
        {questions("zh")}
        {questions("en")}
      </div>
      <div className="faq-form__pair">
        {answer("zh")}
        {answer("en")}
      </div>
      <div className="faq-form__meta">
        <Field label={t.domainLabel}>
          {(id) =>
            domainEditable ? (
              <>
                <select
                  id={id}
                  className="select"
                  data-testid="faq-form-domain"
                  value={form.domain}
                  disabled={disabled}
                  aria-invalid={domainError ? true : undefined}
                  aria-describedby={domainError ? `${id}-problem` : undefined}
                  onChange={(event) => set({ domain: event.target.value })}
                >
                  <option value="">{t.drafts.choose}</option>
                  {catalogue.domains.map((d) => (
                    <option key={d} value={d}>
                      {t.skills[d] ? `${t.skills[d]} (${d})` : d}
                    </option>
                  ))}
                </select>
                <FieldProblem id={`${id}-problem`} text={domainError} />
              </>
            ) : (
              <input id={id} className="input table__mono" readOnly value={form.domain} data-testid="faq-form-domain" />
            )
          }
        </Field>
        <Field label={t.drafts.flow}>
          {(id) => (
            <select id={id} className="select" data-testid="faq-form-flow" value={form.flow} disabled={disabled} onChange={(event) => set({ flow: event.target.value })}>
              <option value="">{t.none}</option>
              {[...new Set([...catalogue.flows, ...(form.flow ? [form.flow] : [])])].map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          )}
        </Field>
        {date("effective")}
        {date("expires")}
      </div>
      <div className="faq-form__pair">
        <Field label={t.drafts.tags}>
          {(id) => <input id={id} className="input" data-testid="faq-form-tags" value={form.tags} disabled={disabled} onChange={(event) => set({ tags: event.target.value })} />}
        </Field>
        <Field label={t.drafts.related}>
          {(id) => (
            <>
              <input
                id={id}
                className="input table__mono"
                autoCapitalize="none"
                spellCheck={false}
                data-testid="faq-form-related"
                value={form.related}
                disabled={disabled}
                aria-invalid={relatedError ? true : undefined}
                aria-describedby={relatedError ? `${id}-problem` : undefined}
                onChange={(event) => set({ related: event.target.value })}
              />
              <FieldProblem id={`${id}-problem`} text={relatedError} />
            </>
          )}
        </Field>
      </div>
      <Field label={t.drafts.legalBasis}>
        {(id) => (
          <textarea
            id={id}
            className="input"
            rows={3}
            data-testid="faq-form-legal"
            value={form.legalBasis}
            disabled={disabled}
            onChange={(event) => set({ legalBasis: event.target.value })}
          />
        )}
      </Field>
    </div>
  );
}
