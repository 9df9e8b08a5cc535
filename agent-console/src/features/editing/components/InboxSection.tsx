import { useCallback, useEffect, useMemo, useState } from "react";
import { Field } from "../../../components/Field";
import { errorText, useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { useLatestAnswer } from "../../../lib/use-latest-answer";
import { type Handled, fetchInbox, markHandled } from "../api/inbox";
import { fetchFaqs } from "../api/knowledge";
import { INBOX_DAYS, INBOX_REASONS, type InboxGroup, type InboxReason, type QuestionsByLanguage, questionsOf, suggestedFaq } from "../model/inbox";
import { type FaqRow, publishedAt } from "../model/knowledge";
import { STRINGS } from "../strings";

export interface InboxSectionProps {
  /** Editors act on the groups; supervisors read them. */
  canEdit: boolean;
  /**
   * Adds the wordings to an FAQ (the screen decides how: a draft, a form); true once they are in.
   * Then the group is marked handled ("added_to_faq").
   */
  onAddToFaq(faqId: string, questions: QuestionsByLanguage): Promise<boolean>;
  /** Starts a new FAQ with the wordings; the editor marks the group handled once it is made. */
  onStartFaq(questions: QuestionsByLanguage): void;
}

/**
 * The editors' inbox: the questions the bot did not answer well, grouped by wording, newest first,
 * each with what to do about it (add to an FAQ, start one, dismiss). A group acted on leaves the list.
 */
export function InboxSection({ canEdit, onAddToFaq, onStartFaq }: InboxSectionProps) {
  const { t, locale } = useI18n(STRINGS);
  const call = useStaffCall();
  const [filter, setFilter] = useState<{ days: number; reason: InboxReason | "" }>({ days: 30, reason: "" });
  const [faqs, setFaqs] = useState<FaqRow[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const { value: inbox, setValue: setInbox, error, loading, load } = useLatestAnswer(useCallback((chosen: typeof filter) => fetchInbox(call, chosen), [call]));

  useEffect(() => {
    void load({ days: 30, reason: "" });
  }, [load]);

  useEffect(() => {
    if (!canEdit) return;
    void fetchFaqs(call, {}).then((result) => {
      if (result.ok) setFaqs(result.value.faqs);
    });
  }, [call, canEdit]);

  const choose = (change: Partial<typeof filter>) => {
    const next = { ...filter, ...change };
    setFilter(next);
    void load(next);
  };

  /** The group is handled: it leaves the list at once, without a reload. */
  const handled = (group: InboxGroup, message: string) => {
    setInbox((current) => current && { ...current, groups: current.groups.filter((g) => g.key !== group.key), questions: current.questions - group.count });
    setDone(message);
  };

  return (
    <section className="panel" data-testid="inbox-section">
      <h2 className="panel__title">{t.inboxTitle}</h2>
      <p className="page__note">{t.inboxIntro}</p>
      <div className="filters">
        <Field label={t.inboxDaysLabel}>
          {(id) => (
            <select id={id} className="select" data-testid="inbox-days" value={filter.days} onChange={(event) => choose({ days: Number(event.target.value) })}>
              {INBOX_DAYS.map((d) => (
                <option key={d} value={d}>
                  {t.inboxDays(d)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.inboxReasonLabel}>
          {(id) => (
            <select id={id} className="select" data-testid="inbox-reason" value={filter.reason} onChange={(event) => choose({ reason: event.target.value as InboxReason | "" })}>
              <option value="">{t.all}</option>
              {INBOX_REASONS.map((r) => (
                <option key={r} value={r} title={t.inboxReasonHelp[r]}>
                  {t.inboxReasons[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {error ? (
        <p className="form-error" role="alert" data-testid="inbox-error">
          {t.loadFailed} {errorText(t, error)}
        </p>
      ) : null}
      <p className="page__note" role="status">
        {loading ? t.loadingKnowledge : inbox ? t.inboxLoaded(inbox.groups.length, inbox.questions) : null}
        {inbox?.truncated ? ` ${t.inboxTruncated}` : null}
      </p>
      {done ? (
        <p className="form-ok" role="status" data-testid="inbox-done">
          {done}
        </p>
      ) : null}
      {inbox && inbox.groups.length === 0 && !loading ? <p className="page__note">{t.inboxEmpty}</p> : null}
      {inbox && inbox.groups.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--dense" data-testid="inbox-table">
            <thead>
              <tr>
                <th scope="col">{t.inboxColumns.count}</th>
                <th scope="col">{t.inboxColumns.lastSeen}</th>
                <th scope="col">{t.inboxColumns.examples}</th>
                <th scope="col">{t.inboxColumns.reasons}</th>
                <th scope="col">{t.inboxColumns.intents}</th>
                {canEdit ? <th scope="col">{t.inboxColumns.actions}</th> : null}
              </tr>
            </thead>
            <tbody>
              {inbox.groups.map((group) => (
                <tr key={group.key} data-testid="inbox-row" data-key={group.key}>
                  <td className="table__num">{group.count}</td>
                  <td className="table__time">
                    <time dateTime={group.lastSeen}>{publishedAt(group.lastSeen, locale)}</time>
                  </td>
                  <td>
                    <ul className="stack">
                      {group.examples.map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                    {group.notes.length > 0 ? (
                      <p className="cell-note">
                        {t.inboxNotes}
                        {group.notes.join("; ")}
                      </p>
                    ) : null}
                  </td>
                  <td>
                    <span className="tags">
                      {group.reasons.map((r) => (
                        <span key={r.reason} className="tag" title={t.inboxReasonHelp[r.reason]}>
                          {t.inboxReasons[r.reason]} × {r.count}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td className="table__mono">
                    {group.intents.length === 0
                      ? t.none
                      : group.intents.map((i) => (
                          <span key={i.intent} className="stack">
                            {i.intent} × {i.count}
                          </span>
                        ))}
                  </td>
                  {canEdit ? (
                    <td>
                      <GroupActions group={group} faqs={faqs} onAddToFaq={onAddToFaq} onStartFaq={onStartFaq} onHandled={handled} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

interface GroupActionsProps extends Pick<InboxSectionProps, "onAddToFaq" | "onStartFaq"> {
  group: InboxGroup;
  faqs: FaqRow[];
  onHandled(group: InboxGroup, message: string): void;
}

/** Add to an FAQ (the most guessed intent's first), start one, or dismiss; each marks the group handled. */
function GroupActions({ group, faqs, onAddToFaq, onStartFaq, onHandled }: GroupActionsProps) {
  const { t, locale } = useI18n(STRINGS);
  const call = useStaffCall();
  const faqIds = useMemo(() => new Set(faqs.map((f) => f.id)), [faqs]);
  const [chosen, setChosen] = useState<string>("");
  const [stage, setStage] = useState<"idle" | "busy" | "started" | "confirm-dismiss">("idle");
  const [problem, setProblem] = useState<string | null>(null);
  const questions = useMemo(() => questionsOf(group), [group]);
  const hasWordings = questions.zh.length + questions.en.length > 0;
  // Pre-filled with the FAQ of the intent the bot guessed most, once the FAQs are known.
  const faqId = chosen || suggestedFaq(group, faqIds) || "";
  const faqName = (id: string) => {
    const faq = faqs.find((f) => f.id === id);
    return faq ? faq.question[locale] || faq.question.zh : id;
  };

  async function mark(how: Handled, message: string) {
    setStage("busy");
    const result = await markHandled(call, group, how);
    if (result.ok) return onHandled(group, message);
    setStage("idle");
    setProblem(`${t.actionFailed} ${errorText(t, result.error)}`);
  }

  async function add() {
    if (!faqId) return;
    setStage("busy");
    setProblem(null);
    const added = await onAddToFaq(faqId, questions);
    if (!added) {
      setStage("idle");
      setProblem(t.inboxNotAdded);
      return;
    }
    await mark({ how: "added_to_faq", faqId }, t.inboxAdded(faqName(faqId)));
  }

  const busy = stage === "busy";
  return (
    <div className="stack" data-testid="inbox-actions">
      {hasWordings ? (
        <>
          <Field label={t.inboxAddToLabel}>
            {(id) => (
              <select id={id} className="select" data-testid="inbox-faq" value={faqId} disabled={busy} onChange={(event) => setChosen(event.target.value)}>
                <option value="">{t.inboxChooseFaq}</option>
                {faqs.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.question[locale] || f.question.zh}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="button" className="button button--small button--primary" data-testid="inbox-add" disabled={busy || !faqId} onClick={() => void add()}>
            {t.inboxAdd}
          </button>
          {stage === "started" ? (
            <>
              <p className="cell-note">{t.inboxNewStarted}</p>
              <button type="button" className="button button--small" data-testid="inbox-mark-new" onClick={() => void mark({ how: "new_faq" }, t.inboxHandled)}>
                {t.inboxMarkNew}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button--small"
              data-testid="inbox-new"
              disabled={busy}
              onClick={() => {
                onStartFaq(questions);
                setStage("started");
              }}
            >
              {t.inboxNewFaq}
            </button>
          )}
        </>
      ) : (
        <p className="cell-note">{t.inboxNoWordings}</p>
      )}
      {stage === "confirm-dismiss" ? (
        <span>
          <button type="button" className="button button--small button--danger" data-testid="inbox-dismiss-confirm" onClick={() => void mark({ how: "dismissed" }, t.inboxHandled)}>
            {t.inboxDismissConfirm}
          </button>{" "}
          <button type="button" className="button button--small button--quiet" onClick={() => setStage("idle")}>
            {t.cancel}
          </button>
        </span>
      ) : (
        <button type="button" className="button button--small button--quiet" data-testid="inbox-dismiss" disabled={busy} onClick={() => setStage("confirm-dismiss")}>
          {t.inboxDismiss}
        </button>
      )}
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
