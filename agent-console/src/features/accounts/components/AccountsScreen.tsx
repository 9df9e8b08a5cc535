import { useId, useState } from "react";
import { errorText, useI18n } from "../../../lib/i18n";
import { useAccounts } from "../hooks/use-accounts";
import type { Account } from "../model/account";
import { STRINGS } from "../strings";
import { AccountPanel } from "./AccountPanel";
import { AccountsTable } from "./AccountsTable";
import { PasswordDialog, type ShownPassword } from "./PasswordDialog";

interface AccountsScreenProps {
  /** Admins manage; supervisors only read (the server refuses their changes anyway). */
  access: "manage" | "read";
  /** The signed-in person. */
  selfId: string;
}

type Panel = { kind: "create" } | { kind: "edit"; id: string } | null;

const passwordOf = (account: Account, password: string, reason: ShownPassword["reason"]): ShownPassword => ({
  displayName: account.displayName,
  username: account.username,
  password,
  reason,
});

/** The staff accounts: a table for everyone who may read them, a panel beside it for admins. */
export function AccountsScreen({ access, selfId }: AccountsScreenProps) {
  const { t } = useI18n(STRINGS);
  const { list, reload, put } = useAccounts();
  const [panel, setPanel] = useState<Panel>(null);
  const [shown, setShown] = useState<ShownPassword | null>(null);
  const manage = access === "manage";
  const titleId = useId();

  const accounts = list.status === "ready" ? list.accounts : [];
  const editing = panel?.kind === "edit" ? (accounts.find((a) => a.id === panel.id) ?? null) : null;

  return (
    <section className="page" aria-labelledby={titleId}>
      <div className="page__head">
        <h1 id={titleId} className="page__title">
          {t.accountsTitle}
        </h1>
        {manage ? (
          <button
            type="button"
            className="button button--primary"
            data-testid="account-create"
            onClick={() => setPanel({ kind: "create" })}
          >
            {t.createAccount}
          </button>
        ) : (
          <p className="page__note">{t.readOnlyNote}</p>
        )}
      </div>
      {list.status === "loading" ? (
        <p className="page__note" role="status">
          {t.loadingAccounts}
        </p>
      ) : null}
      {list.status === "failed" ? (
        <p className="form-error" role="alert" data-testid="accounts-error">
          {t.loadFailed} {errorText(t, list.error)}{" "}
          <button type="button" className="link-button" onClick={() => void reload()}>
            {t.retry}
          </button>
        </p>
      ) : null}
      {list.status === "ready" ? (
        <div className={panel ? "split split--open" : "split"}>
          <AccountsTable
            accounts={accounts}
            selfId={selfId}
            selectedId={editing?.id ?? null}
            onManage={manage ? (account) => setPanel({ kind: "edit", id: account.id }) : undefined}
          />
          {manage && panel && (panel.kind === "create" || editing) ? (
            <AccountPanel
              key={editing?.id ?? "new"}
              account={editing}
              onCreated={(account, password) => {
                put(account);
                setPanel({ kind: "edit", id: account.id });
                setShown(passwordOf(account, password, "created"));
              }}
              onChanged={put}
              onPassword={(account, password) => setShown(passwordOf(account, password, "reset"))}
              onStale={() => void reload()}
              onClose={() => setPanel(null)}
            />
          ) : null}
        </div>
      ) : null}
      {shown ? <PasswordDialog shown={shown} onClose={() => setShown(null)} /> : null}
    </section>
  );
}
