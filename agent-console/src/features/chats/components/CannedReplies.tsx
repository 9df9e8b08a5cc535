import { useI18n } from "../../../lib/i18n";
import { useDesk } from "../../../stores/desk-store";
import { STRINGS } from "../strings";

/** The desk's prepared sentences, in the console's language; a click puts one into the reply box. */
export function CannedReplies({ onInsert, disabled }: { onInsert(text: string): void; disabled: boolean }) {
  const { t, locale } = useI18n(STRINGS);
  const replies = useDesk((s) => s.chats.cannedReplies);
  if (replies.length === 0) return <p className="panel__empty">{t.noCanned}</p>;
  return (
    <ul className="canned">
      {replies.map((reply) => {
        const text = locale === "zh" ? reply.zh : reply.en;
        return (
          <li key={reply.id}>
            <button
              type="button"
              className="canned__item"
              data-testid="canned-reply"
              data-reply-id={reply.id}
              aria-label={t.cannedInsert(text)}
              disabled={disabled}
              onClick={() => onInsert(text)}
            >
              {text}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
