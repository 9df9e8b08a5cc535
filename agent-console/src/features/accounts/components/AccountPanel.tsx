import { useEffect, useRef } from "react";
import { useI18n } from "../../../lib/i18n";
import type { Account } from "../model/account";
import { STRINGS } from "../strings";
import { AccountActions } from "./AccountActions";
import { AccountEditor } from "./AccountEditor";

interface AccountPanelProps {
  /** The account to manage; none to create one. */
  account: Account | null;
  onCreated(account: Account, password: string): void;
  onChanged(account: Account): void;
  onPassword(account: Account, password: string): void;
  onStale(): void;
  onClose(): void;
}

/** Beside the table (not a dialog, so the confirmations can be dialogs): one account's form and actions. */
export function AccountPanel({
  account,
  onCreated,
  onChanged,
  onPassword,
  onStale,
  onClose,
}: AccountPanelProps) {
  const { t } = useI18n(STRINGS);
  const title = useRef<HTMLHeadingElement>(null);

  // Opened from a button in the table or the page head: the keyboard continues in the panel.
  useEffect(() => {
    title.current?.focus();
  }, []);

  return (
    <aside className="account-panel" aria-label={account ? t.editTitle(account.displayName) : t.createTitle}>
      <div className="account-panel__head">
        <h2 ref={title} tabIndex={-1} className="account-panel__title">
          {account ? t.editTitle(`${account.displayName} (${account.username})`) : t.createTitle}
        </h2>
        <button
          type="button"
          className="button button--small"
          data-testid="account-panel-close"
          onClick={onClose}
        >
          {t.closePanel}
        </button>
      </div>
      <AccountEditor account={account} onCreated={onCreated} onChanged={onChanged} />
      {account ? (
        <AccountActions
          account={account}
          onPassword={(password) => onPassword(account, password)}
          onChanged={onChanged}
          onStale={onStale}
        />
      ) : null}
    </aside>
  );
}
