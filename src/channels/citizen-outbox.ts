import type { ConversationOutbox } from "../transcript/outbox.js";
import type { WechatDelivery } from "./wechat/delivery.js";

/** What the desk needs of the ways citizens are reached: the outbox, and whether one is still there. */
export type CitizenOutbox = ConversationOutbox & { isConnected(conversationId: string): Promise<boolean> };

/**
 * The citizens' outbox across channels: every message, status and typing notice goes to the web
 * sockets' rooms (nobody is in a WeChat conversation's room) and to WeChat's delivery (which acts on
 * WeChat conversations only). A citizen is there while a tab is connected, or while WeChat can
 * reach them: a follower waiting in line is not dropped for having no socket.
 */
export function citizenOutbox(web: CitizenOutbox, wechat?: WechatDelivery): CitizenOutbox {
  if (!wechat) return web;
  return {
    message(conversationId, message) {
      web.message(conversationId, message);
      wechat.message(conversationId, message);
    },
    handoff(conversationId, status) {
      web.handoff(conversationId, status);
      wechat.handoff(conversationId, status);
    },
    typing(conversationId, state) {
      web.typing(conversationId, state);
    },
    isConnected: async (conversationId) => (await web.isConnected(conversationId)) || (await wechat.isReachable(conversationId)),
  };
}
