import { useId } from "react";
import { labelOf, useI18n } from "../../../lib/i18n";
import { intentName } from "../../../lib/intents";
import type { ClosedChatView } from "../../../lib/protocol";
import { formatShiftTime, useNow, wholeMinutes } from "../../../lib/time";
import { useDesk } from "../../../stores/desk-store";
import { STRINGS } from "../strings";

function ClosedChat({ chat, now }: { chat: ClosedChatView; now: number }) {
  const { t, locale } = useI18n(STRINGS);
  const intents = useDesk((s) => s.service.intentNames);
  const timeZone = useDesk((s) => s.service.timeZone);
  const visitor = t.visitor(chat.citizenCode);
  const time = formatShiftTime(chat.closedAt, locale, timeZone, now);
  const { hours, minutes } = wholeMinutes(chat.durationSec * 1000);

  return (
    <li
      className="closed"
      data-testid="closed-chat"
      data-chat-id={chat.chatId}
      aria-label={t.closedLabel(visitor, time)}
    >
      <p className="closed__row">
        <span className="closed__who" data-testid="closed-visitor">
          {visitor}
        </span>
        <span className="tag">{labelOf(t.languages, chat.language)}</span>
        <time
          className="closed__time"
          data-testid="closed-time"
          dateTime={chat.closedAt}
          title={timeZone ? t.timeZoneTitle(timeZone) : undefined}
        >
          {t.closedAt(time)}
        </time>
      </p>
      <p className="closed__intent" data-testid="closed-intent">
        {chat.intent ? intentName(intents, chat.intent, locale) : t.none}
      </p>
      <p className="closed__row closed__row--meta">
        <span data-testid="closed-wrap-up">
          {chat.wrapUp ? (t.wrapUp[chat.wrapUp] ?? chat.wrapUp) : t.none}
        </span>
        <span data-testid="closed-duration">{t.closedDuration(t.minutes(hours, minutes))}</span>
      </p>
    </li>
  );
}

/**
 * The chats this agent closed during the shift, newest first (agent:hello, then each close), so
 * a closed chat leaves a trace: who, about what, how it ended, how long, when. Collapsible.
 */
export function RecentlyClosed() {
  const { t } = useI18n(STRINGS);
  const closed = useDesk((s) => s.history.recentlyClosed);
  const now = useNow();
  const headingId = useId();

  return (
    <details className="panel panel--closed" open data-testid="recently-closed">
      <summary className="panel__title panel__summary">
        <h2 id={headingId} className="panel__heading">
          {t.recentlyClosedTitle}
        </h2>
        <span className="panel__count" data-testid="recently-closed-count">
          {closed.length}
        </span>
      </summary>
      {closed.length === 0 ? (
        <p className="panel__empty">{t.noRecentlyClosed}</p>
      ) : (
        <ul className="closed-list" aria-labelledby={headingId}>
          {closed.map((chat) => (
            <ClosedChat key={chat.chatId} chat={chat} now={now} />
          ))}
        </ul>
      )}
    </details>
  );
}
