import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Field } from "../../../components/Field";
import { useI18n } from "../../../lib/i18n";
import { confirmSecondFactor, type SecondFactorFailure, type SecondFactorPassed } from "../api/second-factor";
import type { Challenge } from "../api/sign-in";
import { type CodeProblem, readCode } from "../model/code-entry";
import type { RestartReason } from "../model/sign-in-flow";
import { STRINGS } from "../strings";

interface CodeFormProps {
  challenge: Challenge;
  /** Enrolment takes only the app's six digits; sign-in takes a recovery code too. */
  mode: "enrol" | "sign-in";
  label: string;
  submitLabel: string;
  /** Said under the field and read with it (e.g. that a recovery code works too). */
  hint?: string;
  onPassed(passed: SecondFactorPassed): void;
  /** The step cannot finish (expired): back to the password. */
  onRestart(reason: RestartReason): void;
  onBack(): void;
}

/** The code field of both second steps, with its retry rules and the way back to the first step. */
export function CodeForm({
  challenge,
  mode,
  label,
  submitLabel,
  hint,
  onPassed,
  onRestart,
  onBack,
}: CodeFormProps) {
  const { t } = useI18n(STRINGS);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CodeProblem | Exclude<SecondFactorFailure, "badChallenge"> | null>(
    null,
  );
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const errorId = useId();

  useEffect(() => {
    input.current?.focus();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const entry = readCode(code, mode);
    if (!entry.ok) {
      setFailure(entry.problem);
      input.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await confirmSecondFactor(challenge, entry.code);
    setBusy(false);
    if (result.ok) {
      onPassed(result);
      return;
    }
    if (result.reason === "badChallenge") {
      onRestart("challengeExpired");
      return;
    }
    setFailure(result.reason);
    // A wrong code is typed again from scratch, the cursor already in place.
    if (result.reason === "badCode") setCode("");
    input.current?.focus();
  }

  const errorText = failure ? t.codeFailed[failure] : null;
  const describedBy = [hint ? hintId : null, errorText ? errorId : null].filter(Boolean).join(" ");

  return (
    <form className="code-form" onSubmit={submit} noValidate>
      <Field label={label}>
        {(id) => (
          <input
            ref={input}
            id={id}
            className="input code-form__input"
            data-testid="sign-in-code"
            name="code"
            inputMode={mode === "enrol" ? "numeric" : "text"}
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={32}
            value={code}
            aria-invalid={failure ? true : undefined}
            aria-describedby={describedBy || undefined}
            onChange={(event) => setCode(event.target.value)}
          />
        )}
      </Field>
      {hint ? (
        <p id={hintId} className="code-form__hint">
          {hint}
        </p>
      ) : null}
      {errorText ? (
        <p id={errorId} className="form-error" role="alert" data-testid="sign-in-code-error">
          {errorText}
        </p>
      ) : null}
      <button
        type="submit"
        className="button button--primary"
        data-testid="sign-in-code-submit"
        disabled={busy}
      >
        {busy ? t.verifying : submitLabel}
      </button>
      <p className="sign-in__back">
        <button type="button" className="link-button" data-testid="sign-in-back" onClick={onBack}>
          {t.back}
        </button>
      </p>
    </form>
  );
}
