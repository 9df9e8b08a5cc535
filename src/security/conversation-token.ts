import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A conversation token: `<payload>.<signature>`, base64url, HMAC-SHA256 over the payload. It is
 * the only key to a conversation; ids alone open nothing, so guessing one reads nothing.
 */
export interface TokenClaims {
  /** Conversation id. */
  cid: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export class ConversationTokens {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {}

  private sign(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("base64url");
  }

  issue(conversationId: string, now: Date): string {
    const claims: TokenClaims = { cid: conversationId, exp: Math.floor(now.getTime() / 1000) + this.ttlSeconds };
    const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
    return `${payload}.${this.sign(payload)}`;
  }

  /** The conversation id, or undefined for a malformed, forged or expired token. */
  verify(token: string, now: Date): string | undefined {
    const [payload, signature, extra] = token.split(".");
    if (!payload || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<TokenClaims>;
      if (typeof claims.cid !== "string" || typeof claims.exp !== "number") return undefined;
      return claims.exp * 1000 > now.getTime() ? claims.cid : undefined;
    } catch {
      return undefined;
    }
  }
}
