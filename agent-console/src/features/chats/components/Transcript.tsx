import { useLayoutEffect, useRef } from "react";
import { AnswerText } from "../../../components/AnswerText";
import { errorText, useI18n } from "../../../lib/i18n";
import { formatClock } from "../../../lib/time";
import { FlagQuestion } from "./FlagQuestion";
import type { ChatMessage } from "../model/messages";
import { useDesk } from "../../../stores/desk-store";
import { STRINGS } from "../strings";

interface TranscriptProps {
  label: string;
  messages: ChatMessage[];
  onRetry(message: ChatMessage): void;
}

/** How close to the bottom still counts as "reading the latest": new lines then scroll into view. */
const STICK_PX = 80;

/**
 * The conversation so far. A citizen's or an agent's text is a React text node: a `<script>` shows
 * as the characters they typed and never becomes markup. The bot's words are Markdown, shown as
 * the widget shows them (AnswerText). role="log" makes new lines polite announcements.
 */
export function Transcript({ label, messages, onRetry }: TranscriptProps) {
  const { t, locale } = useI18n(STRINGS);
  const timeZone = useDesk((s) => s.service.timeZone);
  const box = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const last = messages.at(-1);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls when a line is added or changes state
  useLayoutEffect(() => {
    const el = box.current;
    if (el && (atBottom.current || last?.role === "agent")) el.scrollTop = el.scrollHeight;
  }, [messages.length, last?.id, last?.delivery]);

  return (
    <div
      ref={box}
      className="transcript"
      role="log"
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it
      tabIndex={0}
      onScroll={(event) => {
        const el = event.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
      }}
    >
      <ol className="transcript__list">
        {messages.map((m) => (
          <li
            key={m.clientId ?? m.id}
            className={`msg msg--${m.role} msg--${m.delivery}`}
            data-testid="message"
            data-role={m.role}
            data-delivery={m.delivery}
          >
            <p className="msg__meta">
              <span className="msg__who">{t.roles[m.role]}</span>
              <time dateTime={m.createdAt}>{formatClock(m.createdAt, locale, timeZone)}</time>
            </p>
            {m.role === "bot" ? (
              <AnswerText markdown={m.text} className="msg__text" />
            ) : (
              <p className="msg__text">{m.text}</p>
            )}
            {m.role === "citizen" && m.delivery === "sent" ? <FlagQuestion messageId={m.id} /> : null}
            {m.delivery === "pending" ? <p className="msg__status">{t.sending}</p> : null}
            {m.delivery === "failed" ? (
              <p className="msg__status msg__status--failed" role="alert">
                {t.notSent}
                {m.error ? `: ${errorText(t, m.error)}` : ""}{" "}
                <button type="button" className="link-button" onClick={() => onRetry(m)}>
                  {t.retry}
                </button>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
