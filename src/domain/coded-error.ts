import type { Locale } from "./locale.js";

export interface ErrorView {
  /** Stable code to branch on, e.g. CHAT_TEXT_TOO_LONG, CHAT_RATE_LIMITED, CHAT_BAD_PAYLOAD. */
  code: string;
  message: string;
}

/**
 * An error with a stable code a client can branch on and plain words in both languages, from a
 * catalogue each area keeps (conversation/errors.ts, handoff/errors.ts). Nothing else is sent.
 */
export abstract class CodedError<Code extends string> extends Error {
  protected abstract readonly catalogue: Record<Code, Record<Locale, string>>;

  constructor(
    readonly code: Code,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }

  view(locale: Locale): ErrorView {
    const text = this.catalogue[this.code][locale];
    return { code: this.code, message: this.detail ? `${text} (${this.detail})` : text };
  }
}
