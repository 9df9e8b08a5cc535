import { useEffect, useRef } from "react";
import { CopyButton } from "../../../components/CopyButton";
import { useI18n } from "../../../lib/i18n";
import { STRINGS } from "../strings";
import { SignInCard } from "./SignInCard";

interface RecoveryCodesScreenProps {
  codes: readonly string[];
  /** Pressed once they are saved: the console opens. */
  onSaved(): void;
}

/**
 * The recovery codes, right after enrolment and never again (the server keeps only their hashes),
 * so the console waits for the person to say they are saved.
 */
export function RecoveryCodesScreen({ codes, onSaved }: RecoveryCodesScreenProps) {
  const { t } = useI18n(STRINGS);
  const heading = useRef<HTMLDivElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <SignInCard title={t.recoveryTitle} wide>
      <div ref={heading} tabIndex={-1} className="recovery">
        <p className="sign-in__intro">{t.recoveryIntro}</p>
        <ol className="recovery__codes" data-testid="recovery-codes" translate="no">
          {codes.map((code) => (
            <li key={code} className="recovery__code">
              {code}
            </li>
          ))}
        </ol>
        <p className="recovery__copy">
          <CopyButton text={codes.join("\n")} label={t.copyRecoveryCodes} testId="recovery-codes-copy" />
        </p>
        <ul className="recovery__points">
          <li>{t.recoveryOnce}</li>
          <li>{t.recoveryLostPhone}</li>
          <li>{t.recoveryKeep}</li>
        </ul>
      </div>
      <button
        type="button"
        className="button button--primary"
        data-testid="recovery-codes-saved"
        onClick={onSaved}
      >
        {t.recoverySaved}
      </button>
    </SignInCard>
  );
}
