import { type FormEvent, useId, useState } from "react";
import { Field } from "../../../components/Field";
import { labelOf, useI18n } from "../../../lib/i18n";
import type { KnownStaff } from "../api/audit";
import { type AuditFilter, dayRange } from "../model/audit-query";
import { AUDIT_ACTIONS, NON_STAFF_ACTORS } from "../model/audit-record";
import { STRINGS } from "../strings";

interface AuditFiltersProps {
  staff: readonly KnownStaff[];
  busy: boolean;
  onApply(filter: AuditFilter): void;
}

interface Typed {
  actor: string;
  target: string;
  action: string;
  from: string;
  to: string;
}

const BLANK: Typed = { actor: "", target: "", action: "", from: "", to: "" };

/** Who, what, to whom and which days; the action is free text with the known ones suggested. */
export function AuditFilters({ staff, busy, onApply }: AuditFiltersProps) {
  const { t } = useI18n(STRINGS);
  const [typed, setTyped] = useState<Typed>(BLANK);
  const [dateProblem, setDateProblem] = useState(false);
  const suggestions = useId();
  const set = (patch: Partial<Typed>) => setTyped((current) => ({ ...current, ...patch }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Two ISO days compare as text.
    if (typed.from && typed.to && typed.from > typed.to) {
      setDateProblem(true);
      return;
    }
    setDateProblem(false);
    onApply({
      actor: typed.actor,
      target: typed.target,
      action: typed.action,
      ...dayRange(typed.from, typed.to),
    });
  }

  const staffOptions = staff.map((s) => (
    <option key={s.id} value={s.id}>
      {s.displayName === s.username ? s.username : `${s.displayName} (${s.username})`}
    </option>
  ));

  return (
    <form className="filters" aria-label={t.filtersLabel} onSubmit={submit} noValidate>
      <Field label={t.actorLabel}>
        {(id) => (
          <select
            id={id}
            className="select"
            data-testid="audit-filter-actor"
            value={typed.actor}
            onChange={(event) => set({ actor: event.target.value })}
          >
            <option value="">{t.anyone}</option>
            {staffOptions}
            {NON_STAFF_ACTORS.map((actor) => (
              <option key={actor} value={actor}>
                {labelOf(t.nonStaff, actor)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t.actionLabel}>
        {(id) => (
          <>
            <input
              id={id}
              className="input"
              data-testid="audit-filter-action"
              list={suggestions}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={64}
              placeholder={t.actionPlaceholder}
              value={typed.action}
              onChange={(event) => set({ action: event.target.value })}
            />
            <datalist id={suggestions}>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {labelOf(t.actions, action)}
                </option>
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label={t.targetLabel}>
        {(id) => (
          <select
            id={id}
            className="select"
            data-testid="audit-filter-target"
            value={typed.target}
            onChange={(event) => set({ target: event.target.value })}
          >
            <option value="">{t.anything}</option>
            {staffOptions}
          </select>
        )}
      </Field>
      <Field label={t.fromLabel}>
        {(id) => (
          <input
            id={id}
            className="input"
            type="date"
            data-testid="audit-filter-from"
            value={typed.from}
            aria-invalid={dateProblem ? true : undefined}
            onChange={(event) => set({ from: event.target.value })}
          />
        )}
      </Field>
      <Field label={t.toLabel}>
        {(id) => (
          <input
            id={id}
            className="input"
            type="date"
            data-testid="audit-filter-to"
            value={typed.to}
            aria-invalid={dateProblem ? true : undefined}
            onChange={(event) => set({ to: event.target.value })}
          />
        )}
      </Field>
      <div className="filters__buttons">
        <button type="submit" className="button button--primary" data-testid="audit-apply" disabled={busy}>
          {t.apply}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setTyped(BLANK);
            setDateProblem(false);
            onApply({});
          }}
        >
          {t.clear}
        </button>
      </div>
      {dateProblem ? (
        <p className="form-error filters__problem" role="alert">
          {t.dateOrder}
        </p>
      ) : null}
    </form>
  );
}
