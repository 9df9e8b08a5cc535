import { Field } from "../../../components/Field";
import { labelOf, useI18n } from "../../../lib/i18n";
import { STAFF_ROLES } from "../../../lib/protocol";
import { alwaysNeedsSecondFactor, LANGUAGES, SKILL_CHOICES } from "../model/account";
import {
  type AccountForm,
  CAPACITY_MAX,
  CAPACITY_MIN,
  DISPLAY_NAME_MAX,
  type FormField,
  type FormProblems,
  toggle,
  toggleLanguage,
  toggleSkill,
} from "../model/account-form";
import { STRINGS } from "../strings";

interface AccountFieldsProps {
  form: AccountForm;
  mode: "create" | "edit";
  /** Shown only after a first attempt to send, so a half-typed form is not all red. */
  problems: FormProblems;
  onChange(form: AccountForm): void;
}

/** The fields of a new or changed account: plain controls, each problem said under its field. */
export function AccountFields({ form, mode, problems, onChange }: AccountFieldsProps) {
  const { t } = useI18n(STRINGS);
  const set = (patch: Partial<AccountForm>) => onChange({ ...form, ...patch });
  const problem = (field: FormField) =>
    problems[field] ? (
      <p className="form-error" data-testid={`account-form-problem-${field}`}>
        {t.problems[problems[field]]}
      </p>
    ) : null;
  const secondFactorLocked = alwaysNeedsSecondFactor(form.roles);

  return (
    <>
      {mode === "create" ? (
        <Field label={t.fields.username}>
          {(id) => (
            <>
              <input
                id={id}
                className="input"
                data-testid="account-form-username"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={32}
                value={form.username}
                aria-invalid={problems.username ? true : undefined}
                onChange={(event) => set({ username: event.target.value })}
              />
              <p className="field__hint">{t.usernameHint}</p>
              {problem("username")}
            </>
          )}
        </Field>
      ) : null}
      <Field label={t.fields.displayName}>
        {(id) => (
          <>
            <input
              id={id}
              className="input"
              data-testid="account-form-displayname"
              autoComplete="off"
              maxLength={DISPLAY_NAME_MAX + 10}
              value={form.displayName}
              aria-invalid={problems.displayName ? true : undefined}
              onChange={(event) => set({ displayName: event.target.value })}
            />
            {problem("displayName")}
          </>
        )}
      </Field>
      <fieldset className="checks">
        <legend className="field__label">{t.fields.roles}</legend>
        {STAFF_ROLES.map((role) => (
          <label key={role} className="checks__option">
            <input
              type="checkbox"
              data-testid={`account-form-role-${role}`}
              checked={form.roles.includes(role)}
              onChange={() => set({ roles: toggle(form.roles, role, STAFF_ROLES) })}
            />
            {t.staffRoles[role]}
          </label>
        ))}
        {problem("roles")}
      </fieldset>
      <fieldset className="checks">
        <legend className="field__label">{t.fields.languages}</legend>
        {LANGUAGES.map((language) => (
          <label key={language} className="checks__option">
            <input
              type="checkbox"
              data-testid={`account-form-language-${language}`}
              checked={form.languages.includes(language)}
              onChange={() => set({ languages: toggleLanguage(form.languages, language) })}
            />
            {labelOf(t.languages, language)}
          </label>
        ))}
        {problem("languages")}
      </fieldset>
      <fieldset className="checks">
        <legend className="field__label">{t.fields.skills}</legend>
        {SKILL_CHOICES.map((skill) => (
          <label key={skill} className="checks__option">
            <input
              type="checkbox"
              data-testid={`account-form-skill-${skill === "*" ? "all" : skill}`}
              checked={form.skills.includes(skill)}
              onChange={() => set({ skills: toggleSkill(form.skills, skill) })}
            />
            {skill === "*" ? t.allSkills : labelOf(t.skills, skill)}
          </label>
        ))}
        {problem("skills")}
      </fieldset>
      <Field label={t.fields.capacity}>
        {(id) => (
          <>
            <input
              id={id}
              className="input input--short"
              data-testid="account-form-capacity"
              type="number"
              inputMode="numeric"
              min={CAPACITY_MIN}
              max={CAPACITY_MAX}
              step={1}
              value={Number.isNaN(form.capacity) ? "" : form.capacity}
              aria-invalid={problems.capacity ? true : undefined}
              onChange={(event) => set({ capacity: event.target.valueAsNumber })}
            />
            <p className="field__hint">{t.capacityHint}</p>
            {problem("capacity")}
          </>
        )}
      </Field>
      {mode === "edit" ? (
        <div className="field">
          <label className="checks__option">
            <input
              type="checkbox"
              data-testid="account-form-second-factor"
              checked={secondFactorLocked || form.requireSecondFactor}
              disabled={secondFactorLocked}
              onChange={(event) => set({ requireSecondFactor: event.target.checked })}
            />
            {t.requireSecondFactor}
          </label>
          <p className="field__hint">{secondFactorLocked ? t.secondFactorAlways : t.secondFactorChoice}</p>
        </div>
      ) : null}
    </>
  );
}
