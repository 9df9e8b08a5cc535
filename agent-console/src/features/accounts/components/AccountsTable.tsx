import { labelOf, useI18n } from "../../../lib/i18n";
import type { Account } from "../model/account";
import { STRINGS } from "../strings";

interface AccountsTableProps {
  accounts: readonly Account[];
  /** The signed-in person, marked "(you)". */
  selfId: string;
  /** The account open in the panel. */
  selectedId: string | null;
  /** Admins only: opens an account to change it. */
  onManage?: (account: Account) => void;
}

function SecondFactorCell({ account }: { account: Account }) {
  const { t } = useI18n(STRINGS);
  const state = account.secondFactor;
  if (!state) return <>{t.secondFactorState.unknown}</>;
  if (!state.required && !state.enrolled) return <>{t.secondFactorState.notRequired}</>;
  return (
    <>
      <span className={state.enrolled ? "state state--ok" : "state state--pending"}>
        {state.enrolled ? t.secondFactorState.enrolled : t.secondFactorState.notEnrolled}
      </span>
      {state.enrolled ? (
        <span className={state.recoveryCodesLeft <= 2 ? "cell-note cell-note--warn" : "cell-note"}>
          {t.secondFactorState.codesLeft(state.recoveryCodesLeft)}
        </span>
      ) : null}
    </>
  );
}

/** Every account, one row each, in the order the server keeps them. */
export function AccountsTable({ accounts, selfId, selectedId, onManage }: AccountsTableProps) {
  const { t } = useI18n(STRINGS);
  const c = t.columns;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="accounts-table">
        <thead>
          <tr>
            <th scope="col">{c.name}</th>
            <th scope="col">{c.username}</th>
            <th scope="col">{c.roles}</th>
            <th scope="col">{c.languages}</th>
            <th scope="col">{c.skills}</th>
            <th scope="col" className="table__num">
              {c.capacity}
            </th>
            <th scope="col">{c.status}</th>
            <th scope="col">{c.secondFactor}</th>
            {onManage ? (
              <th scope="col">
                <span className="sr-only">{c.actions}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr
              key={account.id}
              data-testid={`account-row-${account.username}`}
              className={[
                account.disabled ? "table__row--muted" : "",
                account.id === selectedId ? "table__row--selected" : "",
              ].join(" ")}
            >
              <th scope="row" className="table__name">
                {account.displayName}
                {account.id === selfId ? <span className="cell-note">{t.you}</span> : null}
              </th>
              <td className="table__mono">{account.username}</td>
              <td>
                <span className="tags">
                  {account.roles.map((role) => (
                    <span key={role} className="tag">
                      {t.staffRoles[role]}
                    </span>
                  ))}
                </span>
              </td>
              <td>{account.languages.map((l) => labelOf(t.languages, l)).join(t.listSeparator)}</td>
              <td>
                {account.skills.includes("*")
                  ? t.allSkills
                  : account.skills.map((s) => labelOf(t.skills, s)).join(t.listSeparator)}
              </td>
              <td className="table__num">{account.capacity}</td>
              <td>
                <span className={account.disabled ? "state state--off" : "state state--ok"}>
                  {account.disabled ? t.disabledStatus : t.enabled}
                </span>
              </td>
              <td>
                <span className="stack">
                  <SecondFactorCell account={account} />
                </span>
              </td>
              {onManage ? (
                <td>
                  <button
                    type="button"
                    className="button button--small"
                    data-testid="account-manage"
                    aria-label={`${t.manage}: ${account.displayName}`}
                    aria-pressed={account.id === selectedId}
                    onClick={() => onManage(account)}
                  >
                    {t.manage}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
