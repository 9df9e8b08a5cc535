import { z } from "zod";
import { ConfigError } from "./config-error.js";

/** The WeChat official account's server settings, as its console (开发 → 基本配置) shows them. */
export const wechatEnv = {
  WECHAT_TOKEN: z.string().regex(/^[A-Za-z0-9]{3,32}$/, "3 to 32 letters or digits, the Token set in the WeChat console").optional(),
  WECHAT_APP_ID: z.string().regex(/^wx[0-9a-f]{16}$/, "the official account's AppID (wx and 16 hex digits)").optional(),
  WECHAT_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, "the 43-character EncodingAESKey").optional(),
  WECHAT_APP_SECRET: z.string().regex(/^[0-9a-f]{32}$/, "the 32-hex-digit AppSecret").optional(),
  WECHAT_PASSIVE_WAIT_MS: z.coerce.number().int().min(0).max(4800).default(4500),
  WECHAT_API_BASE: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).default("https://api.weixin.qq.com"),
};

export interface WechatConfig {
  /** Signs every push (the URL check and each message): a request not signed with it is refused. */
  token: string;
  /** The account's AppID: encrypted pushes name it, and one naming another account is refused. */
  appId: string;
  /** Safe mode (安全模式) and compatible mode: pushes and replies encrypted with it. Unset: plaintext only. */
  encodingAesKey?: string;
  /** Customer-service messages through WeChat's API (late answers, agents, notices) need it. Unset: passive replies only. */
  appSecret?: string;
  /** Where WeChat's API is (a test's stand-in elsewhere). */
  apiBase: string;
  /** How long a push waits for the answer before replying without it (WeChat gives up at 5 s). */
  passiveWaitMs: number;
}

type WechatEnv = { [K in keyof typeof wechatEnv]?: z.infer<(typeof wechatEnv)[K]> };

/** The WeChat channel when WECHAT_TOKEN is set (it then needs WECHAT_APP_ID); none otherwise. */
export function wechatConfig(e: WechatEnv): WechatConfig | undefined {
  if (!e.WECHAT_TOKEN) {
    if (e.WECHAT_APP_ID || e.WECHAT_ENCODING_AES_KEY || e.WECHAT_APP_SECRET)
      throw new ConfigError("invalid configuration: WECHAT_TOKEN: required when WECHAT_APP_ID, WECHAT_ENCODING_AES_KEY or WECHAT_APP_SECRET is set");
    return undefined;
  }
  if (!e.WECHAT_APP_ID) throw new ConfigError("invalid configuration: WECHAT_APP_ID: required with WECHAT_TOKEN");
  return {
    token: e.WECHAT_TOKEN,
    appId: e.WECHAT_APP_ID,
    apiBase: (e.WECHAT_API_BASE ?? "https://api.weixin.qq.com").replace(/\/+$/, ""),
    passiveWaitMs: e.WECHAT_PASSIVE_WAIT_MS ?? 4500,
    ...(e.WECHAT_ENCODING_AES_KEY ? { encodingAesKey: e.WECHAT_ENCODING_AES_KEY } : {}),
    ...(e.WECHAT_APP_SECRET ? { appSecret: e.WECHAT_APP_SECRET } : {}),
  };
}
