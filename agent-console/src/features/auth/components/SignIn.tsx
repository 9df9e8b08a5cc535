import { useState } from "react";
import type { SecondFactorPassed } from "../api/second-factor";
import type { SignInStep, StaffSession } from "../api/sign-in";
import { type RestartReason, START, type SignInFlow } from "../model/sign-in-flow";
import { EnrolScreen } from "./EnrolScreen";
import { RecoveryCodesScreen } from "./RecoveryCodesScreen";
import { SecondFactorScreen } from "./SecondFactorScreen";
import { SignInForm } from "./SignInForm";

interface SignInProps {
  expired: boolean;
  onSignedIn(session: StaffSession): void;
}

/** Signing in from the password to the console, through the second factor where the account has one. */
export function SignIn({ expired, onSignedIn }: SignInProps) {
  const [flow, setFlow] = useState<SignInFlow>(START);
  // Kept across the steps: "Back" returns to a form with the name already there.
  const [username, setUsername] = useState("");

  function stepped(step: SignInStep, name: string) {
    setUsername(name);
    if (step.kind === "signed-in") onSignedIn(step.session);
    else setFlow(step);
  }
  function passed({ session, recoveryCodes }: SecondFactorPassed) {
    if (recoveryCodes) setFlow({ kind: "recovery-codes", session, codes: recoveryCodes });
    else onSignedIn(session);
  }
  const restart = (reason: RestartReason) => setFlow({ kind: "password", restarted: reason });
  const back = () => setFlow(START);

  switch (flow.kind) {
    case "password":
      return (
        <SignInForm
          expired={expired}
          restarted={flow.restarted}
          initialUsername={username}
          onStep={stepped}
        />
      );
    case "second-factor":
      return (
        <SecondFactorScreen challenge={flow.challenge} onPassed={passed} onRestart={restart} onBack={back} />
      );
    case "enrol":
      return (
        <EnrolScreen
          challenge={flow.challenge}
          enrolment={flow.enrolment}
          onPassed={passed}
          onRestart={restart}
          onBack={back}
        />
      );
    case "recovery-codes":
      return <RecoveryCodesScreen codes={flow.codes} onSaved={() => onSignedIn(flow.session)} />;
  }
}
