import { CodedError } from "../domain/coded-error.js";
import type { Locale } from "../domain/locale.js";

export const accessErrors = {
  ACCESS_SIGNED_OUT: { zh: "请先登录。", en: "Sign in first." },
  ACCESS_FORBIDDEN: { zh: "您的账号没有这项权限。", en: "Your account may not do this." },
} satisfies Record<string, Record<Locale, string>>;

export type AccessErrorCode = keyof typeof accessErrors;

const STATUS: Record<AccessErrorCode, number> = { ACCESS_SIGNED_OUT: 401, ACCESS_FORBIDDEN: 403 };

/** A refusal by the role check: no valid session (401), or a role that may not take the action (403). */
export class AccessError extends CodedError<AccessErrorCode> {
  protected readonly catalogue = accessErrors;
  readonly status: number;

  constructor(code: AccessErrorCode, detail?: string) {
    super(code, detail);
    this.status = STATUS[code];
  }
}
