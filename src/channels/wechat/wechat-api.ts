import type { SharedValues } from "../../infra/shared-values.js";

/** What WeChat's API said no to, with its errcode (0 is success; -1 "system busy"). */
export class WechatApiError extends Error {
  readonly code = "WECHAT_API";
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message);
  }

  /** Worth trying again later: the network, WeChat busy or rate-limited. Not: outside the 48-hour window, unfollowed, not allowed. */
  get retryable(): boolean {
    return this.errcode === -1 || this.errcode === 45009 || this.errcode === 45011 || this.errcode < -1;
  }
}

/** The parts of the official account's API the desk calls. */
export interface WechatApi {
  /** A customer-service text message (客服消息) to a follower who wrote in the last 48 hours. */
  sendText(openId: string, text: string): Promise<void>;
}

export interface WechatApiOptions {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com; a test points it at its own stand-in. */
  base: string;
  clock?: () => number;
  /** Each call gives up after this long. */
  timeoutMs?: number;
  /** Where the token is kept for every instance (Redis in Redis mode); this process alone without it. */
  shared?: SharedValues;
}

const TOKEN_INVALID = new Set([40001, 40014, 42001]);
/** A network failure: no errcode from WeChat, so one of ours, retryable. */
const NETWORK = -2;

/**
 * WeChat's API with its access token: fetched when first needed and kept (in `shared`, so every
 * instance uses the one token: each fetch makes the one before stop working) until five minutes
 * before it expires; fetched again when WeChat says it is no longer valid, unless another instance
 * has put a newer one there meanwhile. One fetch at a time in this process.
 */
export function wechatApi(options: WechatApiOptions): WechatApi {
  const clock = options.clock ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 5000;
  let token: { value: string; until: number } | undefined;
  let fetching: Promise<string> | undefined;

  async function call(path: string, init?: RequestInit): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(`${options.base}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new WechatApiError(NETWORK, `WeChat API unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!res.ok) throw new WechatApiError(NETWORK, `WeChat API answered HTTP ${res.status}`);
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    const errcode = typeof body.errcode === "number" ? body.errcode : 0;
    if (errcode !== 0) throw new WechatApiError(errcode, `WeChat API errcode ${errcode}: ${String(body.errmsg ?? "")}`.slice(0, 200));
    return body;
  }

  const key = `wechat-access-token:${options.appId}`;

  function accessToken(refused?: string): Promise<string> {
    if (token && token.until > clock() && token.value !== refused) return Promise.resolve(token.value);
    fetching ??= (async () => {
      try {
        const kept = await options.shared?.get(key);
        if (kept) {
          const found = JSON.parse(kept) as { value: string; until: number };
          if (found.value !== refused && found.until > clock()) {
            token = found;
            return found.value;
          }
        }
        const query = new URLSearchParams({ grant_type: "client_credential", appid: options.appId, secret: options.appSecret });
        const body = await call(`/cgi-bin/token?${query}`);
        const value = String(body.access_token ?? "");
        const seconds = Number(body.expires_in ?? 7200);
        if (!value) throw new WechatApiError(NETWORK, "WeChat API gave no access_token");
        token = { value, until: clock() + Math.max(60, seconds - 300) * 1000 };
        await options.shared?.set(key, JSON.stringify(token), token.until - clock());
        return value;
      } finally {
        fetching = undefined;
      }
    })();
    return fetching;
  }

  async function send(openId: string, text: string, again: boolean, refused?: string): Promise<void> {
    const t = await accessToken(refused);
    try {
      await call(`/cgi-bin/message/custom/send?access_token=${encodeURIComponent(t)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ touser: openId, msgtype: "text", text: { content: text } }),
      });
    } catch (error) {
      if (again && error instanceof WechatApiError && TOKEN_INVALID.has(error.errcode)) return send(openId, text, false, t);
      throw error;
    }
  }

  return { sendText: (openId, text) => send(openId, text, true) };
}
