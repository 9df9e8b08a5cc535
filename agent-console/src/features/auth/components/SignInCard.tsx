import type { ReactNode } from "react";
import { LocaleToggle } from "../../../components/LocaleToggle";
import { useI18n } from "../../../lib/i18n";

interface SignInCardProps {
  title: string;
  /** Wide for the enrolment, which sets the QR code beside the steps. */
  wide?: boolean;
  children: ReactNode;
}

/** The frame every sign-in step shares: the desk's name, the language switch, the step's title. */
export function SignInCard({ title, wide = false, children }: SignInCardProps) {
  const { t } = useI18n();
  return (
    <main className="sign-in">
      <div className={wide ? "sign-in__card sign-in__card--wide" : "sign-in__card"}>
        <div className="sign-in__top">
          <p className="sign-in__desk">{t.deskName}</p>
          <LocaleToggle />
        </div>
        <h1 className="sign-in__title">{title}</h1>
        {children}
      </div>
    </main>
  );
}
