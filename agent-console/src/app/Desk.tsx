import { type ReactNode, useCallback, useState } from "react";
import { AgentHeader, rememberedPresence } from "../features/agent";
import type { StaffSession } from "../features/auth";
import { ChatBoard, type ChatToolsRenderer } from "../features/chats";
import { RecentlyClosed } from "../features/history";
import { KbSearch } from "../features/knowledge";
import { OfferList, QueuePanel } from "../features/queue";
import { TicketList } from "../features/tickets";
import { useI18n } from "../lib/i18n";
import type { Locale } from "../lib/protocol";
import { createAgentSocket, SocketContext } from "../lib/socket";
import { DeskStore, DeskStoreContext } from "../stores/desk-store";
import { Notices } from "./Notices";
import { useDeskConnection } from "./use-desk-connection";

interface DeskProps {
  session: StaffSession;
  /** Read at each (re)connection: the language the server should use for this agent. */
  locale: () => Locale;
  onSignOut(reason?: "expired"): void;
  /** The console's tabs, for an agent who holds other roles too. */
  nav?: (offers: number) => ReactNode;
  /**
   * Another screen (accounts, audit) shown in place of the chats. The desk stays connected and
   * mounted underneath: looking at the audit log must not drop the agent's chats.
   */
  screen?: ReactNode;
}

/** The knowledge base, composed into each chat panel here so neither feature imports the other. */
const renderTools: ChatToolsRenderer = (chat) => (
  <KbSearch language={chat.language} disabled={chat.disabled} onInsert={chat.insert} />
);

/** The signed-in console: one socket and one store for this sign-in, then the screen. */
export function Desk({ session, locale, onSignOut, nav, screen }: DeskProps) {
  const { t } = useI18n();
  const [store] = useState(() => new DeskStore());
  const [socket] = useState(() =>
    createAgentSocket(() => {
      // Read at every (re)connection: the presence last chosen, in this tab or another.
      const presence = rememberedPresence(session.agent.username);
      return { token: session.token, locale: locale(), ...(presence ? { presence } : {}) };
    }),
  );
  const expired = useCallback(() => onSignOut("expired"), [onSignOut]);
  useDeskConnection(socket, store, expired);

  return (
    <DeskStoreContext value={store}>
      <SocketContext value={socket}>
        <div className="desk">
          <AgentHeader
            fallbackAgent={session.agent}
            sessionExpiresAt={session.expiresAt}
            onSignOut={() => onSignOut()}
            nav={nav}
          />
          <Notices />
          <div className="desk__body" hidden={screen !== undefined}>
            <aside className="sidebar" aria-label={t.queueTitle}>
              <OfferList />
              <QueuePanel />
              <TicketList />
              <RecentlyClosed />
            </aside>
            <main className="desk__main">
              <ChatBoard renderTools={renderTools} />
            </main>
          </div>
          {screen !== undefined ? <div className="desk__screen">{screen}</div> : null}
        </div>
      </SocketContext>
    </DeskStoreContext>
  );
}
