import type { Challenge, Enrolment, StaffSession } from "../api/sign-in";

/** Why the password form is shown again, besides the first time. */
export type RestartReason = "challengeExpired";

/**
 * Where the person is in signing in. The recovery codes come after the session is granted and
 * before the console opens: it opens only once they say the codes are saved.
 */
export type SignInFlow =
  | { kind: "password"; restarted: RestartReason | null }
  | { kind: "second-factor"; challenge: Challenge }
  | { kind: "enrol"; challenge: Challenge; enrolment: Enrolment }
  | { kind: "recovery-codes"; session: StaffSession; codes: string[] };

export const START: SignInFlow = { kind: "password", restarted: null };
