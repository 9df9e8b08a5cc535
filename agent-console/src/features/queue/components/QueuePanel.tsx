import { useId } from "react";
import { UrgencyBadge } from "../../../components/UrgencyBadge";
import { labelOf, useI18n } from "../../../lib/i18n";
import type { QueueItemView } from "../../../lib/protocol";
import { elapsedSince, formatDuration, useNow, wholeMinutes } from "../../../lib/time";
import { useDesk } from "../../../stores/desk-store";
import { countQueue, queueTiming } from "../model/queue-summary";
import { type QueueStrings, STRINGS } from "../strings";

/** "已等待 0:42" for a citizen still waiting; "通话中 4 分钟" for a chat an agent has taken. */
function QueueTime({ item, now, t }: { item: QueueItemView; now: number; t: QueueStrings }) {
  const timing = queueTiming(item);
  if (!timing) return null;
  const elapsed = elapsedSince(timing.since, now);
  let text: string;
  if (timing.kind === "waiting") text = t.waited(formatDuration(elapsed));
  else {
    const { hours, minutes } = wholeMinutes(elapsed);
    text = t.inChat(t.minutes(hours, minutes));
  }
  return (
    <span
      className={`queue__time queue__time--${timing.kind}`}
      data-testid="queue-time"
      data-kind={timing.kind}
      data-since={timing.since}
    >
      {text}
    </span>
  );
}

/** Everyone waiting for (or with) an agent, as agent:queue last described it. No personal data. */
export function QueuePanel() {
  const { t } = useI18n(STRINGS);
  const queue = useDesk((s) => s.queue.items);
  const now = useNow();
  const headingId = useId();
  const counts = countQueue(queue);

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title panel__title--wrap">
        {t.queueTitle}{" "}
        <span
          className="panel__count"
          data-testid="queue-counts"
          data-waiting={counts.waiting}
          data-offered={counts.offered}
          data-active={counts.active}
        >
          {t.queueCounts(counts.waiting, counts.offered, counts.active)}
        </span>
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
                <QueueTime item={item} now={now} t={t} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
