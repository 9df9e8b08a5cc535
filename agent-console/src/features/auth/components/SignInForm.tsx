import { type FormEvent, useId, useState } from "react";
import { Field } from "../../../components/Field";
import { LocaleToggle } from "../../../components/LocaleToggle";
import { useI18n } from "../../../lib/i18n";
import { type SignInFailure, type StaffSession, signIn } from "../api/sign-in";
import { STRINGS } from "../strings";

interface SignInFormProps {
  expired: boolean;
  onSignedIn(session: StaffSession): void;
}

export function SignInForm({ expired, onSignedIn }: SignInFormProps) {
  const { t } = useI18n(STRINGS);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SignInFailure | "missing" | null>(null);
  const errorId = useId();

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
      onSignedIn(result.session);
    } else {
      setFailure(result.reason);
    }
  }

  const errorText = failure ? t.signInFailed[failure] : null;

  return (
    <main className="sign-in">
      <div className="sign-in__card">
        <div className="sign-in__top">
          <p className="sign-in__desk">{t.deskName}</p>
          <LocaleToggle />
        </div>
        <h1 className="sign-in__title">{t.signInTitle}</h1>
        {expired && !failure ? (
          <p className="sign-in__notice" role="status" data-testid="sign-in-expired">
            {t.sessionExpired}
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
                aria-invalid={failure === "missing" && password === "" ? true : undefined}
                onChange={(event) => setPassword(event.target.value)}
              />
            )}
          </Field>
          {errorText ? (
            <p className="form-error" role="alert" id={errorId} data-testid="sign-in-error">
              {errorText}
            </p>
          ) : null}
          <button
            type="submit"
            className="button button--primary"
            data-testid="sign-in-submit"
            disabled={busy}
          >
            {busy ? t.signingIn : t.signIn}
          </button>
        </form>
      </div>
    </main>
  );
}
