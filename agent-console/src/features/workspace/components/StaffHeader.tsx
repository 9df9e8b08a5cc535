import { type ReactNode, useState } from "react";
import { LocaleToggle } from "../../../components/LocaleToggle";
import { useI18n } from "../../../lib/i18n";
import { STRINGS } from "../strings";

interface StaffHeaderProps {
  displayName: string;
  /** The tabs, when there is more than one screen. */
  nav?: ReactNode;
  /** Ends the session; the header waits for it so a second click does nothing. */
  onSignOut(): Promise<void>;
}

/** The header of staff who do not take chats (the desk has its own, with presence and load). */
export function StaffHeader({ displayName, nav, onSignOut }: StaffHeaderProps) {
  const { t } = useI18n(STRINGS);
  const [leaving, setLeaving] = useState(false);

  async function leave() {
    if (leaving) return;
    setLeaving(true);
    await onSignOut();
  }

  return (
    <header className="topbar">
      <p className="topbar__brand">
        <strong>{t.deskName}</strong>
      </p>
      {nav}
      <p className="topbar__agent">
        <span className="sr-only">{t.signedInAs}: </span>
        <span data-testid="agent-name" className="topbar__name">
          {displayName}
        </span>
      </p>
      <LocaleToggle />
      <button
        type="button"
        className="button button--quiet"
        data-testid="sign-out"
        disabled={leaving}
        onClick={() => void leave()}
      >
        {leaving ? t.signingOut : t.signOut}
      </button>
    </header>
  );
}
