import { useI18n } from "../lib/i18n";
import type { Urgency } from "../lib/protocol";

export function UrgencyBadge({ urgency }: { urgency: Urgency }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--${urgency}`} data-urgency={urgency}>
      <span className="sr-only">{t.urgencyLabel}: </span>
      {t.urgency[urgency]}
    </span>
  );
}
