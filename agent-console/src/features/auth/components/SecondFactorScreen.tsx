import { useI18n } from "../../../lib/i18n";
import type { SecondFactorPassed } from "../api/second-factor";
import type { Challenge } from "../api/sign-in";
import type { RestartReason } from "../model/sign-in-flow";
import { STRINGS } from "../strings";
import { CodeForm } from "./CodeForm";
import { SignInCard } from "./SignInCard";

interface SecondFactorScreenProps {
  challenge: Challenge;
  onPassed(passed: SecondFactorPassed): void;
  onRestart(reason: RestartReason): void;
  onBack(): void;
}

/** The second step for an account with an authenticator: its code, or a recovery code. */
export function SecondFactorScreen({ challenge, onPassed, onRestart, onBack }: SecondFactorScreenProps) {
  const { t } = useI18n(STRINGS);
  return (
    <SignInCard title={t.secondFactorTitle}>
      <p className="sign-in__intro">{t.secondFactorIntro}</p>
      <CodeForm
        challenge={challenge}
        mode="sign-in"
        label={t.codeLabel}
        submitLabel={t.verify}
        hint={t.recoveryHint}
        onPassed={onPassed}
        onRestart={onRestart}
        onBack={onBack}
      />
    </SignInCard>
  );
}
