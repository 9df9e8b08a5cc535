import { type FormEvent, useState } from "react";
import type { HttpError } from "../../../lib/http";
import { useI18n } from "../../../lib/i18n";
import { useStaffCall } from "../../../lib/staff-call";
import { changeAccount, createAccount } from "../api/accounts";
import type { Account } from "../model/account";
import { accountErrorText } from "../model/account-errors";
import {
  type AccountForm,
  changeBody,
  createBody,
  emptyForm,
  type FormProblems,
  formOf,
  validateAccountForm,
} from "../model/account-form";
import { STRINGS } from "../strings";
import { AccountFields } from "./AccountFields";

interface AccountEditorProps {
  /** The account to change; none to create one. */
  account: Account | null;
  onCreated(account: Account, password: string): void;
  onChanged(account: Account): void;
}

/** The create or edit form: checked here first, then sent; the server's refusal is shown as it says. */
export function AccountEditor({ account, onCreated, onChanged }: AccountEditorProps) {
  const { t } = useI18n(STRINGS);
  const call = useStaffCall();
  const mode = account ? "edit" : "create";
  const [form, setForm] = useState<AccountForm>(() => (account ? formOf(account) : emptyForm()));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<HttpError | null>(null);
  const [outcome, setOutcome] = useState<"saved" | "noChanges" | null>(null);

  const problems: FormProblems = tried ? validateAccountForm(form, mode) : {};

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setTried(true);
    setOutcome(null);
    setRefusal(null);
    if (Object.keys(validateAccountForm(form, mode)).length > 0) return;
    if (!account) {
      setBusy(true);
      const result = await createAccount(call, createBody(form));
      setBusy(false);
      if (result.ok) onCreated(result.value.account, result.value.password);
      else setRefusal(result.error);
      return;
    }
    const changes = changeBody(account, form);
    if (Object.keys(changes).length === 0) {
      setOutcome("noChanges");
      return;
    }
    setBusy(true);
    const result = await changeAccount(call, account.id, changes);
    setBusy(false);
    if (result.ok) {
      setOutcome("saved");
      onChanged(result.value);
    } else {
      setRefusal(result.error);
    }
  }

  const hasProblems = Object.keys(problems).length > 0;

  return (
    <form className="account-form" onSubmit={submit} noValidate>
      <AccountFields
        form={form}
        mode={mode}
        problems={problems}
        onChange={(next) => {
          setForm(next);
          setOutcome(null);
        }}
      />
      {hasProblems ? (
        <p className="form-error" role="alert">
          {t.fixProblems}
        </p>
      ) : null}
      {refusal ? (
        <p className="form-error" role="alert" data-testid="account-form-error" data-code={refusal.code}>
          {accountErrorText(t, refusal)}
        </p>
      ) : null}
      {outcome ? (
        <p className="form-ok" role="status" data-testid="account-form-outcome">
          {outcome === "saved" ? t.saved : t.noChanges}
        </p>
      ) : null}
      <button
        type="submit"
        className="button button--primary"
        data-testid="account-form-submit"
        disabled={busy}
      >
        {busy ? t.working : mode === "create" ? t.create : t.save}
      </button>
    </form>
  );
}
