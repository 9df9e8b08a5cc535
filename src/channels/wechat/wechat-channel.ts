import type { WechatConfig } from "../../config/wechat.js";
import type { SharedValues } from "../../infra/shared-values.js";
import type { KnowledgeSource } from "../../publishing/active-knowledge.js";
import { PushChannel, type PushChannelBase } from "../port/push-channel.js";
import { wechatPlugin } from "./plugin.js";
import { wechatCapabilities } from "./wechat-capabilities.js";
import { WechatApiError, wechatApi } from "./wechat-api.js";

export interface WechatChannelOptions extends PushChannelBase {
  config: WechatConfig;
  knowledge: KnowledgeSource;
  /** Where the access token is kept for every instance. */
  shared: SharedValues;
  /** Keys the hash that names a citizen's conversation by their OpenID. */
  sessionSecret: string;
  /** The longest message the desk takes (CHAT_MAX_TEXT). */
  maxText: number;
}

/**
 * The WeChat official account as a channel: pushes come in at /wechat (plugin.ts) and are answered
 * in the reply when the answer is ready in time; the rest goes out as customer-service messages
 * through WeChat's API when the AppSecret is set (without it, replies in the response only).
 */
export function wechatChannel(options: WechatChannelOptions): PushChannel {
  const { config } = options;
  const api = config.appSecret ? wechatApi({ appId: config.appId, appSecret: config.appSecret, base: config.apiBase, shared: options.shared }) : undefined;
  const channel: PushChannel = new PushChannel({
    ...options,
    channel: "wechat",
    capabilities: wechatCapabilities,
    jobKind: "wechat-send",
    ...(api ? { sender: { send: (openId, part) => api.sendText(openId, part.text), retryable: (e) => e instanceof WechatApiError && e.retryable } } : {}),
    receive: async ({ http, service }) => {
      await http.register(wechatPlugin, {
        config,
        service,
        channel,
        knowledge: options.knowledge,
        sessionSecret: options.sessionSecret,
        maxText: options.maxText,
        answerWithinMs: config.passiveWaitMs,
        clock: options.clock,
      });
    },
  });
  return channel;
}
