import type { ReactNode } from "react";
import { LocaleToggle } from "../../../components/LocaleToggle";
import { useI18n } from "../../../lib/i18n";
import type { AgentProfileView, Presence } from "../../../lib/protocol";
import { useAgentSocket } from "../../../lib/socket";
import { useDesk, useDispatch } from "../../../stores/desk-store";
import { setPresence, signOut } from "../api/presence";
import { forgetPresence, rememberPresence } from "../api/presence-preference";
import { STRINGS } from "../strings";

interface AgentHeaderProps {
  /** From sign-in, until agent:hello brings the server's current profile. */
  fallbackAgent: AgentProfileView;
  /** When this sign-in ends (ISO): a presence chosen now is remembered until then. */
  sessionExpiresAt: string;
  onSignOut(): void;
  /** The console's tabs, for an agent who holds other roles too; told how many offers wait. */
  nav?: (offers: number) => ReactNode;
}

/**
 * Who is signed in, the connection, the presence (as agent:hello and the agent's own changes say:
 * a reload keeps the last choice, see presence-preference.ts), the language and signing out.
 */
export function AgentHeader({ fallbackAgent, sessionExpiresAt, onSignOut, nav }: AgentHeaderProps) {
  const { t } = useI18n(STRINGS);
  const socket = useAgentSocket();
  const dispatch = useDispatch();
  const agent = useDesk((s) => s.agent.profile) ?? fallbackAgent;
  const presence = useDesk((s) => s.agent.presence);
  const connection = useDesk((s) => s.connection.status);
  const openChats = useDesk((s) => s.chats.order.filter((id) => !s.chats.byId[id]?.ended).length);
  const offers = useDesk((s) => s.queue.offers.length);

  async function changePresence(next: Presence) {
    if (next === "offline" || next === presence) return;
    const before = presence;
    dispatch({ type: "presence", presence: next });
    // Remembered at once: a reload right after the choice (before the ack) must keep it.
    rememberPresence(agent.username, next, sessionExpiresAt);
    const result = await setPresence(socket, next);
    if (!result.ok) {
      dispatch({ type: "presence", presence: before });
      if (before === "offline") forgetPresence(agent.username);
      else rememberPresence(agent.username, before, sessionExpiresAt);
      dispatch({ type: "notice", notice: { kind: "error", error: result.error } });
    }
  }

  async function leave() {
    forgetPresence(agent.username);
    // Best effort: if the server is unreachable the grace period re-queues the chats anyway.
    await signOut(socket);
    onSignOut();
  }

  return (
    <header className="topbar">
      <p className="topbar__brand">
        <strong>{t.deskName}</strong>
        <span aria-hidden="true"> · </span>
        <span>{t.appTitle}</span>
      </p>
      {nav?.(offers)}
      <p className="topbar__agent">
        <span className="sr-only">{t.signedInAs}: </span>
        <span data-testid="agent-name" className="topbar__name">
          {agent.displayName}
        </span>
        <span className="topbar__load">{t.load(openChats, agent.capacity)}</span>
      </p>
      <p
        className={`conn conn--${connection}`}
        role="status"
        data-testid="connection"
        data-status={connection}
      >
        {t.connection[connection]}
      </p>
      <label className="topbar__presence">
        <span>{t.presenceLabel}</span>
        <select
          className={`select presence presence--${presence}`}
          data-testid="presence"
          value={presence}
          onChange={(event) => void changePresence(event.target.value as Presence)}
        >
          <option value="online">{t.presence.online}</option>
          <option value="away">{t.presence.away}</option>
          {presence === "offline" ? (
            <option value="offline" disabled>
              {t.presence.offline}
            </option>
          ) : null}
        </select>
      </label>
      <LocaleToggle />
      <button
        type="button"
        className="button button--quiet"
        data-testid="sign-out"
        onClick={() => void leave()}
      >
        {t.signOut}
      </button>
    </header>
  );
}
