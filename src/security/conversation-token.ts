import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A signed token: `<payload>.<signature>`, base64url, HMAC-SHA256 over the payload, which holds one
 * subject id under `claim` and an expiry. Ids alone open nothing, so guessing one reads nothing.
 * Each kind of token has its own claim name and its own key (derived per purpose), so a token of
 * one kind never verifies as another.
 */
export class SignedTokens {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly claim: string,
    purpose?: string,
  ) {
    this.key = purpose === undefined ? Buffer.from(secret) : createHmac("sha256", secret).update(`purpose:${purpose}`).digest();
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.key).update(payload).digest("base64url");
  }

  issue(subject: string, now: Date): string {
    const claims = { [this.claim]: subject, exp: Math.floor(now.getTime() / 1000) + this.ttlSeconds };
    const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
    return `${payload}.${this.sign(payload)}`;
  }

  /** When a token issued now expires. */
  expiresAt(now: Date): Date {
    return new Date((Math.floor(now.getTime() / 1000) + this.ttlSeconds) * 1000);
  }

  /** The subject id, or undefined for a malformed, forged or expired token. */
  verify(token: string, now: Date): string | undefined {
    const [payload, signature, extra] = token.split(".");
    if (!payload || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
      const subject = claims[this.claim];
      if (typeof subject !== "string" || typeof claims.exp !== "number") return undefined;
      return claims.exp * 1000 > now.getTime() ? subject : undefined;
    } catch {
      return undefined;
    }
  }
}

/** A conversation token: the citizen's only key to their conversation (claim `cid`). */
export class ConversationTokens extends SignedTokens {
  constructor(secret: string, ttlSeconds: number) {
    super(secret, ttlSeconds, "cid");
  }
}

/** A staff session token (claim `sid`, key derived for staff): opens the /agent namespace. */
export class StaffTokens extends SignedTokens {
  constructor(secret: string, ttlSeconds: number) {
    super(secret, ttlSeconds, "sid", "staff-session");
  }
}
