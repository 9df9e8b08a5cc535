import { createHmac } from "node:crypto";

/**
 * The conversation key for a WeChat OpenID: an HMAC under a key derived from SESSION_SECRET, so
 * nothing stored (conversations, logs) holds the OpenID, and one citizen's chat resumes across
 * days. A new SESSION_SECRET starts every WeChat citizen a new conversation.
 */
export function openIdKeyer(sessionSecret: string): (openId: string) => string {
  const key = createHmac("sha256", sessionSecret).update("wechat-openid-key").digest();
  return (openId) => `oid:${createHmac("sha256", key).update(openId).digest("base64url")}`;
}
