import { useCallback, useEffect, useState } from "react";
import type { HttpError } from "../../../lib/http";
import { useStaffCall } from "../../../lib/staff-call";
import { listAccounts } from "../api/accounts";
import type { Account } from "../model/account";

export type AccountsList =
  | { status: "loading" }
  | { status: "failed"; error: HttpError }
  | { status: "ready"; accounts: Account[] };

/**
 * The accounts, loaded when the screen opens and on demand; an account the admin just created or
 * changed is put in place from the server's answer rather than by loading them all again.
 */
export function useAccounts() {
  const call = useStaffCall();
  const [list, setList] = useState<AccountsList>({ status: "loading" });

  const reload = useCallback(async () => {
    setList((current) => (current.status === "ready" ? current : { status: "loading" }));
    const result = await listAccounts(call);
    setList(
      result.ok ? { status: "ready", accounts: result.value } : { status: "failed", error: result.error },
    );
  }, [call]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const put = useCallback((account: Account) => {
    setList((current) => {
      if (current.status !== "ready") return current;
      const known = current.accounts.some((a) => a.id === account.id);
      return {
        status: "ready",
        accounts: known
          ? current.accounts.map((a) => (a.id === account.id ? account : a))
          : [...current.accounts, account],
      };
    });
  }, []);

  return { list, reload, put };
}
