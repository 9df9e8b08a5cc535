import { SignedTokens } from "../security/conversation-token.js";

/**
 * Between the password and the second factor: what the first step proved, signed, for five minutes.
 * Stateless, so any instance can take the second step. An enrolment carries the new authenticator
 * secret sealed with the field cipher: it is stored only once a code from it proves the app has it.
 */
export type SignInChallenge = { kind: "second-factor"; staffId: string } | { kind: "enrol"; staffId: string; secretSealed: string };

const CHALLENGE_SECONDS = 5 * 60;

export class SignInChallenges {
  private readonly tokens: SignedTokens;

  constructor(secret: string) {
    this.tokens = new SignedTokens(secret, CHALLENGE_SECONDS, "chl", "staff-sign-in-challenge");
  }

  issue(challenge: SignInChallenge, now: Date): { challenge: string; challengeExpiresAt: string } {
    return { challenge: this.tokens.issue(JSON.stringify(challenge), now), challengeExpiresAt: this.tokens.expiresAt(now).toISOString() };
  }

  /** The challenge a token holds, or undefined when it is forged, expired or not a challenge. */
  read(token: string, now: Date): SignInChallenge | undefined {
    const subject = token.length <= 4096 ? this.tokens.verify(token, now) : undefined;
    if (subject === undefined) return undefined;
    const c = JSON.parse(subject) as SignInChallenge;
    return c.kind === "second-factor" || c.kind === "enrol" ? c : undefined;
  }
}
