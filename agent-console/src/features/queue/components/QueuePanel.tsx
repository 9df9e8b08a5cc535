import { useId } from "react";
import { UrgencyBadge } from "../../../components/UrgencyBadge";
import { labelOf, useI18n } from "../../../lib/i18n";
import { elapsedSince, formatDuration, useNow } from "../../../lib/time";
import { useDesk } from "../../../stores/desk-store";

/** Everyone waiting for (or with) an agent, as agent:queue last described it. No personal data. */
export function QueuePanel() {
  const { t } = useI18n();
  const queue = useDesk((s) => s.queue);
  const now = useNow();
  const headingId = useId();
  const waiting = queue.filter((item) => item.status === "waiting").length;

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {t.queueTitle} <span className="panel__count">{t.queueCount(waiting)}</span>
      </h2>
      {queue.length === 0 ? (
        <p className="panel__empty">{t.emptyQueue}</p>
      ) : (
        <ul className="queue">
          {queue.map((item) => (
            <li
              key={item.chatId}
              className={`queue__item queue__item--${item.status}`}
              data-testid="queue-item"
              data-chat-id={item.chatId}
              data-status={item.status}
            >
              <div className="queue__row">
                <UrgencyBadge urgency={item.urgency} />
                <span className="tag">{labelOf(t.languages, item.language)}</span>
                <span className="tag">{labelOf(t.skills, item.skill)}</span>
                <span className="queue__status">{t.queueStatus[item.status]}</span>
              </div>
              <div className="queue__row queue__row--meta">
                <span className="queue__reason">{labelOf(t.reasons, item.reason)}</span>
                <span className="queue__wait" data-testid="queue-wait">
                  {t.waited(formatDuration(elapsedSince(item.arrivedAt, now)))}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
