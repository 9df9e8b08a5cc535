import { z } from "zod";
import { ConfigError } from "./config-error.js";

/** The WeChat official account's server settings, as its console (开发 → 基本配置) shows them. */
export const wechatEnv = {
  WECHAT_TOKEN: z.string().regex(/^[A-Za-z0-9]{3,32}$/, "3 to 32 letters or digits, the Token set in the WeChat console").optional(),
  WECHAT_APP_ID: z.string().regex(/^wx[0-9a-f]{16}$/, "the official account's AppID (wx and 16 hex digits)").optional(),
  WECHAT_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, "the 43-character EncodingAESKey").optional(),
};

export interface WechatConfig {
  /** Signs every push (the URL check and each message): a request not signed with it is refused. */
  token: string;
  /** The account's AppID: encrypted pushes name it, and one naming another account is refused. */
  appId: string;
  /** Safe mode (安全模式) and compatible mode: pushes and replies encrypted with it. Unset: plaintext only. */
  encodingAesKey?: string;
}

type WechatEnv = { [K in keyof typeof wechatEnv]?: z.infer<(typeof wechatEnv)[K]> };

/** The WeChat channel when WECHAT_TOKEN is set (it then needs WECHAT_APP_ID); none otherwise. */
export function wechatConfig(e: WechatEnv): WechatConfig | undefined {
  if (!e.WECHAT_TOKEN) {
    if (e.WECHAT_APP_ID || e.WECHAT_ENCODING_AES_KEY)
      throw new ConfigError("invalid configuration: WECHAT_TOKEN: required when WECHAT_APP_ID or WECHAT_ENCODING_AES_KEY is set");
    return undefined;
  }
  if (!e.WECHAT_APP_ID) throw new ConfigError("invalid configuration: WECHAT_APP_ID: required with WECHAT_TOKEN");
  return { token: e.WECHAT_TOKEN, appId: e.WECHAT_APP_ID, ...(e.WECHAT_ENCODING_AES_KEY ? { encodingAesKey: e.WECHAT_ENCODING_AES_KEY } : {}) };
}
