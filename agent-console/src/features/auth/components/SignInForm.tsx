import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Field } from "../../../components/Field";
import { useI18n } from "../../../lib/i18n";
import { type SignInFailure, type SignInStep, signIn } from "../api/sign-in";
import type { RestartReason } from "../model/sign-in-flow";
import { STRINGS } from "../strings";
import { SignInCard } from "./SignInCard";

interface SignInFormProps {
  /** The server refused the last session (expired or ended): say so. */
  expired: boolean;
  /** Back here from a later step that could not finish. */
  restarted: RestartReason | null;
  /** What was typed before going to a later step and back. */
  initialUsername: string;
  onStep(step: SignInStep, username: string): void;
}

/** The first step: username and password. */
export function SignInForm({ expired, restarted, initialUsername, onStep }: SignInFormProps) {
  const { t } = useI18n(STRINGS);
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SignInFailure | "missing" | null>(null);
  const errorId = useId();
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Back from a later step, the name is filled in and the button pressed is gone: the password is next.
    if (initialUsername !== "") passwordInput.current?.focus();
  }, [initialUsername]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (username.trim() === "" || password === "") {
      setFailure("missing");
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await signIn(username.trim(), password);
    setBusy(false);
    if (result.ok) {
      setPassword("");
      onStep(result.step, username.trim());
    } else {
      setFailure(result.reason);
    }
  }

  const errorText = failure ? t.signInFailed[failure] : null;
  const notice = failure
    ? null
    : restarted === "challengeExpired"
      ? t.challengeExpired
      : expired
        ? t.sessionExpired
        : null;

  return (
    <SignInCard title={t.signInTitle}>
      {notice ? (
        <p
          className="sign-in__notice"
          role="status"
          data-testid={restarted ? "sign-in-restarted" : "sign-in-expired"}
        >
          {notice}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate aria-describedby={errorText ? errorId : undefined}>
        <Field label={t.username}>
          {(id) => (
            <input
              id={id}
              className="input"
              data-testid="sign-in-username"
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={64}
              value={username}
              aria-invalid={failure === "missing" && username.trim() === "" ? true : undefined}
              onChange={(event) => setUsername(event.target.value)}
            />
          )}
        </Field>
        <Field label={t.password}>
          {(id) => (
            <input
              id={id}
              className="input"
              data-testid="sign-in-password"
              name="password"
              type="password"
              autoComplete="current-password"
              maxLength={256}
              value={password}
              ref={passwordInput}
              aria-invalid={failure === "missing" && password === "" ? true : undefined}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        {errorText ? (
          <p id={errorId} className="form-error" role="alert" data-testid="sign-in-error">
            {errorText}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" data-testid="sign-in-submit" disabled={busy}>
          {busy ? t.signingIn : t.signIn}
        </button>
      </form>
    </SignInCard>
  );
}
