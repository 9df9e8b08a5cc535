import { labelOf, useI18n } from "../../../lib/i18n";
import { intentName } from "../../../lib/intents";
import type { ChatContextView } from "../../../lib/protocol";
import { useDesk } from "../../../stores/desk-store";
import { STRINGS } from "../strings";

/** What the bot knew when it brought the agent in: all as text, personal values already masked. */
export function ContextPanel({ context }: { context: ChatContextView }) {
  const { t, locale } = useI18n(STRINGS);
  const intents = useDesk((s) => s.service.intentNames);
  return (
    <details className="context" open data-testid="chat-context">
      <summary className="context__summary">{t.contextTitle}</summary>
      <dl className="context__list">
        <dt>{t.channelLabel}</dt>
        <dd>{t.channels[context.channel]}</dd>
        <dt>{t.languageLabel}</dt>
        <dd>{labelOf(t.languages, context.language)}</dd>
        <dt>{t.intentLabel}</dt>
        <dd data-testid="context-intent" data-intent={context.intent ?? undefined}>
          {context.intent ? intentName(intents, context.intent, locale) : t.none}
        </dd>
        <dt>{t.reasonLabel}</dt>
        <dd>{labelOf(t.reasons, context.reason)}</dd>
        <dt>{t.urgencyLabel}</dt>
        <dd>{t.urgency[context.urgency]}</dd>
        <dt>{t.skillLabel}</dt>
        <dd>{labelOf(t.skills, context.skill)}</dd>
        {context.transferNote ? (
          <>
            <dt>{t.transferNote}</dt>
            <dd className="context__note">{context.transferNote}</dd>
          </>
        ) : null}
      </dl>
      {context.flowValues.length > 0 ? (
        <>
          <p className="context__subtitle">{t.flowValuesLabel}</p>
          <dl className="context__list">
            {context.flowValues.map((v, i) => (
              // Labels may repeat (two dates); the position keeps keys unique.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
              <div key={i} className="context__pair">
                <dt>{v.label}</dt>
                <dd>{v.value}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </details>
  );
}
