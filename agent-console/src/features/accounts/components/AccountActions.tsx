import { useId, useState } from "react";
import { Dialog } from "../../../components/Dialog";
import type { ApiResult, HttpError } from "../../../lib/http";
import { useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { changeAccount, endSessions, resetPassword, resetSecondFactor, unlockSignIn } from "../api/accounts";
import type { Account } from "../model/account";
import { accountErrorText } from "../model/account-errors";
import { STRINGS } from "../strings";

/** What an admin can do to an account besides editing it; each is confirmed first. */
type AccountAction = "resetPassword" | "endSessions" | "unlock" | "resetSecondFactor" | "disable" | "enable";

interface AccountActionsProps {
  account: Account;
  /** A new password to show once. */
  onPassword(password: string): void;
  /** The account as the server now has it. */
  onChanged(account: Account): void;
  /** The action changed what the list shows but the server did not send the account back. */
  onStale(): void;
}

/** Reset password, end sessions, lift the sign-in wait, reset the second factor, disable or enable. */
export function AccountActions({ account, onPassword, onChanged, onStale }: AccountActionsProps) {
  const { t } = useI18n(STRINGS);
  const call = useStaffCall();
  const titleId = useId();
  const [asking, setAsking] = useState<AccountAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<HttpError | null>(null);

  const actions: AccountAction[] = [
    "resetPassword",
    "endSessions",
    "unlock",
    "resetSecondFactor",
    account.disabled ? "enable" : "disable",
  ];

  /** Runs the confirmed action; returns the refusal, if any, and reports what happened. */
  async function run(action: AccountAction): Promise<HttpError | null> {
    const failed = (result: ApiResult<unknown>) => (result.ok ? null : result.error);
    switch (action) {
      case "resetPassword": {
        const result = await resetPassword(call, account.id);
        if (result.ok) onPassword(result.value);
        return failed(result);
      }
      case "endSessions": {
        const result = await endSessions(call, account.id);
        if (result.ok) setDone(t.results.endSessions(result.value));
        return failed(result);
      }
      case "unlock": {
        const result = await unlockSignIn(call, account.id);
        if (result.ok) setDone(t.results.unlock);
        return failed(result);
      }
      case "resetSecondFactor": {
        const result = await resetSecondFactor(call, account.id);
        if (result.ok) {
          setDone(t.results.resetSecondFactor);
          onStale();
        }
        return failed(result);
      }
      case "disable":
      case "enable": {
        const result = await changeAccount(call, account.id, { disabled: action === "disable" });
        if (result.ok) {
          setDone(t.results[action]);
          onChanged(result.value);
        }
        return failed(result);
      }
    }
  }

  async function confirm() {
    if (!asking || busy) return;
    setBusy(true);
    setDone(null);
    setRefusal(null);
    const error = await run(asking);
    setBusy(false);
    setAsking(null);
    setRefusal(error);
  }

  return (
    <section className="account-actions" aria-labelledby={titleId}>
      <h3 id={titleId} className="account-panel__subtitle">
        {t.actionsTitle}
      </h3>
      <ul className="account-actions__list">
        {actions.map((action) => (
          <li key={action} className="account-actions__item">
            <button
              type="button"
              className={action === "enable" || action === "unlock" ? "button" : "button button--danger"}
              data-testid={`account-action-${action}`}
              onClick={() => {
                setDone(null);
                setRefusal(null);
                setAsking(action);
              }}
            >
              {t.actions[action]}
            </button>
            <span className="account-actions__hint">{t.actionHints[action]}</span>
          </li>
        ))}
      </ul>
      {done ? (
        <p className="form-ok" role="status" data-testid="account-action-done">
          {done}
        </p>
      ) : null}
      {refusal ? (
        <p className="form-error" role="alert" data-testid="account-action-error" data-code={refusal.code}>
          {accountErrorText(t, refusal)}
        </p>
      ) : null}
      {asking ? (
        <Dialog title={t.confirmTitle[asking]} onDismiss={() => setAsking(null)} testId="account-confirm">
          <p>{t.confirmBody(t.actions[asking], `${account.displayName} (${account.username})`)}</p>
          <p className="dialog__hint">{t.actionHints[asking]}</p>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => setAsking(null)}>
              {t.cancel}
            </button>
            <button
              type="button"
              className={
                asking === "enable" || asking === "unlock"
                  ? "button button--primary"
                  : "button button--danger"
              }
              data-testid="account-confirm-yes"
              disabled={busy}
              onClick={() => void confirm()}
            >
              {busy ? t.working : t.confirm}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}
