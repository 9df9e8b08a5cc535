import { CopyButton } from "../../../components/CopyButton";
import { Dialog } from "../../../components/Dialog";
import { useI18n } from "../../../lib/i18n";
import { STRINGS } from "../strings";

export interface ShownPassword {
  displayName: string;
  username: string;
  password: string;
  /** A new account, or a reset one. */
  reason: "created" | "reset";
}

/** A password the server made, shown this once (it keeps only a hash) with a way to copy it. */
export function PasswordDialog({ shown, onClose }: { shown: ShownPassword; onClose(): void }) {
  const { t } = useI18n(STRINGS);
  return (
    <Dialog title={t.passwordTitle[shown.reason]} onDismiss={onClose} testId="password-dialog">
      <p>{t.passwordFor(shown.displayName, shown.username)}</p>
      <p className="secret-box">
        <code className="secret-box__text" data-testid="generated-password" translate="no">
          {shown.password}
        </code>
        <CopyButton text={shown.password} />
      </p>
      <p className="dialog__hint">{t.passwordOnce}</p>
      <div className="dialog__actions">
        <button
          type="button"
          className="button button--primary"
          data-testid="generated-password-done"
          onClick={onClose}
        >
          {t.passwordDone}
        </button>
      </div>
    </Dialog>
  );
}
