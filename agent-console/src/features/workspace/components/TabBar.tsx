import { useI18n } from "../../../lib/i18n";
import type { Tab } from "../model/tabs";
import { STRINGS } from "../strings";

interface TabBarProps {
  tabs: readonly Tab[];
  current: Tab;
  onSelect(tab: Tab): void;
  /** Chats offered to this agent, flagged on the desk's tab while another screen is open. */
  offers?: number;
}

/** The screens this person's roles open, as buttons: the current one is marked for screen readers too. */
export function TabBar({ tabs, current, onSelect, offers = 0 }: TabBarProps) {
  const { t } = useI18n(STRINGS);
  return (
    <nav className="tabs" aria-label={t.tabsLabel}>
      {tabs.map((tab) => (
        <button
          key={tab}
          type="button"
          className={tab === current ? "tabs__tab tabs__tab--current" : "tabs__tab"}
          aria-current={tab === current ? "page" : undefined}
          data-testid={`tab-${tab}`}
          onClick={() => onSelect(tab)}
        >
          {t.tabs[tab]}
          {tab === "desk" && offers > 0 && current !== "desk" ? (
            <span className="tabs__badge" title={t.offersWaiting(offers)}>
              <span aria-hidden="true">{offers}</span>
              <span className="sr-only">{t.offersWaiting(offers)}</span>
            </span>
          ) : null}
        </button>
      ))}
    </nav>
  );
}
