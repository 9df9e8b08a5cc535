import { type ReactNode, useCallback, useMemo, useState } from "react";
import { AccountsScreen } from "../features/accounts";
import { AuditScreen } from "../features/audit";
import { type StaffSession, signOutStaff } from "../features/auth";
import { KnowledgeScreen } from "../features/editing";
import {
  accountsAccess,
  defaultTab,
  StaffHeader,
  type Tab,
  TabBar,
  tabsFor,
} from "../features/workspace";
import type { Locale } from "../lib/protocol";
import { StaffCallContext, staffCaller } from "../lib/staff-call";
import { Desk } from "./Desk";

interface ConsoleShellProps {
  session: StaffSession;
  locale: () => Locale;
  onSignOut(reason?: "expired"): void;
}

/**
 * The signed-in console for every role: the tabs the roles open and the screen of the current one.
 * An agent's header is the desk's own (presence and load matter on every tab); other staff get a
 * plain one. Features are composed here so none imports another.
 */
export function ConsoleShell({ session, locale, onSignOut }: ConsoleShellProps) {
  const { roles } = session.agent;
  const tabs = tabsFor(roles);
  const [tab, setTab] = useState<Tab | null>(() => defaultTab(roles));
  const expired = useCallback(() => onSignOut("expired"), [onSignOut]);
  const call = useMemo(() => staffCaller(session.token, expired), [session.token, expired]);
  const access = accountsAccess(roles);

  const nav =
    tabs.length > 1 && tab
      ? (offers: number) => <TabBar tabs={tabs} current={tab} onSelect={setTab} offers={offers} />
      : undefined;

  let screen: ReactNode;
  if (tab === "accounts" && access) screen = <AccountsScreen access={access} selfId={session.agent.id} />;
  else if (tab === "audit") screen = <AuditScreen />;
  else if (tab === "knowledge") screen = <KnowledgeScreen canEdit={roles.includes("editor")} />;

  if (tabs.includes("desk")) {
    return (
      <StaffCallContext value={call}>
        <Desk session={session} locale={locale} onSignOut={onSignOut} nav={nav} screen={screen} />
      </StaffCallContext>
    );
  }

  async function leave() {
    await signOutStaff(session.token);
    onSignOut();
  }

  return (
    <StaffCallContext value={call}>
      <div className="shell">
        <StaffHeader displayName={session.agent.displayName} nav={nav?.(0)} onSignOut={leave} />
        <div className="shell__main">{screen}</div>
      </div>
    </StaffCallContext>
  );
}
