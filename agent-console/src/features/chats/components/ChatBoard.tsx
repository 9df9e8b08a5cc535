import { useI18n } from "../../../lib/i18n";
import { useDesk } from "../../../stores/desk-store";
import { STRINGS } from "../strings";
import { ChatPanel, type ChatToolsRenderer } from "./ChatPanel";

/**
 * The agent's chats side by side, in the order they were taken: each column at least 340px, so
 * three fit beside the sidebar on a 1366px screen; more scroll sideways.
 */
export function ChatBoard({ renderTools }: { renderTools?: ChatToolsRenderer }) {
  const { t } = useI18n(STRINGS);
  const order = useDesk((s) => s.chats.order);
  return (
    <section className="board" aria-label={t.chatsLabel} data-testid="chat-board">
      {order.length === 0 ? (
        <p className="board__empty">{t.noChats}</p>
      ) : (
        order.map((chatId) => <ChatPanel key={chatId} chatId={chatId} renderTools={renderTools} />)
      )}
    </section>
  );
}
