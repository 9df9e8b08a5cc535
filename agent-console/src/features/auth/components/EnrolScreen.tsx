import { useMemo } from "react";
import { useI18n } from "../../../lib/i18n";
import type { SecondFactorPassed } from "../api/second-factor";
import type { Challenge, Enrolment } from "../api/sign-in";
import { svgDataUrl } from "../model/qr-image";
import { groupSecret } from "../model/secret-groups";
import type { RestartReason } from "../model/sign-in-flow";
import { STRINGS } from "../strings";
import { CodeForm } from "./CodeForm";
import { SignInCard } from "./SignInCard";

interface EnrolScreenProps {
  challenge: Challenge;
  enrolment: Enrolment;
  onPassed(passed: SecondFactorPassed): void;
  onRestart(reason: RestartReason): void;
  onBack(): void;
}

/**
 * Setting up the authenticator before the first sign-in that needs it: the steps, the QR code and
 * the same secret as text, then the first code (which proves the app has it).
 */
export function EnrolScreen({ challenge, enrolment, onPassed, onRestart, onBack }: EnrolScreenProps) {
  const { t } = useI18n(STRINGS);
  const qr = useMemo(() => svgDataUrl(enrolment.qrSvg), [enrolment.qrSvg]);
  return (
    <SignInCard title={t.enrolTitle} wide>
      <p className="sign-in__intro">{t.enrolIntro}</p>
      <div className="enrol">
        <ol className="enrol__steps">
          <li>{t.enrolStepInstall}</li>
          <li>{t.enrolStepScan}</li>
          <li>{t.enrolStepCode}</li>
        </ol>
        <div className="enrol__key">
          <img className="enrol__qr" src={qr} alt={t.qrAlt} width={196} height={196} data-testid="enrol-qr" />
          <p className="enrol__secret-label">{t.secretLabel}</p>
          <p className="enrol__secret" data-testid="enrol-secret" translate="no">
            {groupSecret(enrolment.secret)}
          </p>
        </div>
      </div>
      <CodeForm
        challenge={challenge}
        mode="enrol"
        label={t.enrolCodeLabel}
        submitLabel={t.finishEnrol}
        onPassed={onPassed}
        onRestart={onRestart}
        onBack={onBack}
      />
    </SignInCard>
  );
}
