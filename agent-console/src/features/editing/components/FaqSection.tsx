import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Field } from "../../../components/Field";
import { errorText, useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { useLatestAnswer } from "../../../lib/use-latest-answer";
import { fetchAnswerFeedback } from "../api/inbox";
import { fetchFaqs } from "../api/knowledge";
import { type AnswerFeedback, type FeedbackSort, isHighRate, percent, sortByFeedback } from "../model/inbox";
import { FAQ_STATUSES, type FaqStatus } from "../model/knowledge";
import { STRINGS } from "../strings";
import { FaqDetailPanel } from "./FaqDetailPanel";
import { EditInDraftButton } from "./EditInDraftButton";

/**
 * The FAQs of the newest version, searched and filtered on the server, each with how its answers
 * were received over the last 30 days (rated unhelpful, a person asked for right after), the high
 * rates marked and, when asked, first.
 */
export function FaqSection() {
  const { t, locale } = useI18n(STRINGS);
  const call = useStaffCall();
  const [typed, setTyped] = useState<{ q: string; domain: string; status: FaqStatus | "" }>({ q: "", domain: "", status: "" });
  const [opened, setOpened] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<ReadonlyMap<string, AnswerFeedback>>(new Map());
  const [sort, setSort] = useState<FeedbackSort>("listed");
  const { value: list, error, loading, load } = useLatestAnswer(useCallback((filter: typeof typed) => fetchFaqs(call, filter), [call]));

  useEffect(() => {
    void load({ q: "", domain: "", status: "" });
  }, [load]);

  // The rates are a help beside the list: when they cannot be read, the list shows without them.
  useEffect(() => {
    void fetchAnswerFeedback(call).then((result) => {
      if (result.ok) setFeedback(result.value);
    });
  }, [call]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load(typed);
  };
  const choose = (change: Partial<typeof typed>) => {
    const next = { ...typed, ...change };
    setTyped(next);
    void load(next);
  };

  return (
    <section className="panel" data-testid="faq-section">
      <h2 className="panel__title">{t.faqsTitle}</h2>
      <form className="filters" onSubmit={submit} noValidate>
        <Field label={t.search}>
          {(id) => (
            <input
              id={id}
              className="input"
              type="search"
              data-testid="faq-search"
              maxLength={200}
              placeholder={t.searchPlaceholder}
              value={typed.q}
              onChange={(event) => setTyped({ ...typed, q: event.target.value })}
            />
          )}
        </Field>
        <Field label={t.domainLabel}>
          {(id) => (
            <select id={id} className="select" data-testid="faq-domain" value={typed.domain} onChange={(event) => choose({ domain: event.target.value })}>
              <option value="">{t.all}</option>
              {(list?.domains ?? []).map((d) => (
                <option key={d} value={d}>
                  {t.skills[d as keyof typeof t.skills] ?? d}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.statusLabel}>
          {(id) => (
            <select
              id={id}
              className="select"
              data-testid="faq-status"
              value={typed.status}
              onChange={(event) => choose({ status: event.target.value as FaqStatus | "" })}
            >
              <option value="">{t.all}</option>
              {FAQ_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t.statuses[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.faqFeedbackLabel}>
          {(id) => (
            <select id={id} className="select" data-testid="faq-sort" value={sort} onChange={(event) => setSort(event.target.value as FeedbackSort)}>
              {(Object.keys(t.faqSorts) as FeedbackSort[]).map((s) => (
                <option key={s} value={s}>
                  {t.faqSorts[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button" data-testid="faq-search-submit">
          {t.search}
        </button>
      </form>
      {error ? (
        <p className="form-error" role="alert">
          {t.loadFailed} {errorText(t, error)}
        </p>
      ) : null}
      <p className="page__note" role="status">
        {loading ? t.loadingKnowledge : list ? t.faqCount(list.faqs.length, list.version) : null}
      </p>
      {list && list.faqs.length === 0 && !loading ? <p className="page__note">{t.noFaqs}</p> : null}
      {opened ? <FaqDetailPanel id={opened} onClose={() => setOpened(null)} /> : null}
      {list && list.faqs.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--dense" data-testid="faq-table">
            <thead>
              <tr>
                <th scope="col">{t.faqColumns.question}</th>
                <th scope="col">{t.faqColumns.intent}</th>
                <th scope="col">{t.faqColumns.variants}</th>
                <th scope="col">{t.faqColumns.status}</th>
                <th scope="col">{t.faqColumns.dates}</th>
                <th scope="col" title={t.faqThumbsDownHelp}>
                  {t.faqThumbsDown}
                </th>
                <th scope="col" title={t.faqHandoffsHelp}>
                  {t.faqHandoffs}
                </th>
              </tr>
            </thead>
            <tbody>
              {sortByFeedback(list.faqs, feedback, sort).map((f) => (
                <tr key={f.id} data-testid="faq-row" data-id={f.id} data-status={f.status}>
                  <td>
                    <span className="stack">
                      <button type="button" className="link-button" data-testid="faq-open" title={t.openFaq} onClick={() => setOpened(f.id)}>
                        {f.question[locale] || f.question.zh}
                      </button>
                      <span className="cell-note table__mono">
                        {f.file}
                        {f.changed ? ` · ${t.lastChanged(f.changed.version)}` : ""}
                      </span>
                      <EditInDraftButton faqId={f.id} />
                    </span>
                  </td>
                  <td className="table__mono">{f.intent}</td>
                  <td>
                    {f.variants.zh} / {f.variants.en}
                  </td>
                  <td>{t.statuses[f.status]}</td>
                  <td className="table__mono">
                    {f.effective ?? "—"} / {f.expires ?? "—"}
                  </td>
                  <RateCell feedback={feedback.get(f.id)} kind="thumbsDown" />
                  <RateCell feedback={feedback.get(f.id)} kind="handoffs" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** One rate of an FAQ's answers: the share, how many of how many, and a mark when it is high. */
function RateCell({ feedback, kind }: { feedback: AnswerFeedback | undefined; kind: "thumbsDown" | "handoffs" }) {
  const { t } = useI18n(STRINGS);
  const answers = feedback?.answers ?? 0;
  const part = feedback ? feedback[kind] : 0;
  const rate = feedback ? (kind === "thumbsDown" ? feedback.thumbsDownRate : feedback.handoffRate) : 0;
  const high = isHighRate(rate, answers);
  return (
    <td className={`table__num${high ? " cell-note--warn" : ""}`} data-testid={`faq-${kind}`} data-high={high || undefined} title={t.faqRateOf(part, answers)}>
      {percent(rate, answers)}
      {high ? <span className="badge badge--urgent"> {t.faqRateHigh}</span> : null}
    </td>
  );
}
