import { createHmac } from "node:crypto";

/**
 * The conversation key for a citizen's id on a channel (a WeChat OpenID, a Bot Framework user):
 * an HMAC under a key derived from SESSION_SECRET and the channel's `purpose`, so nothing stored
 * (conversations, logs) holds the id, and one citizen's chat resumes across days. A new
 * SESSION_SECRET starts every such citizen a new conversation.
 */
export function citizenKeyer(sessionSecret: string, purpose: string, prefix: string): (id: string) => string {
  const key = createHmac("sha256", sessionSecret).update(purpose).digest();
  return (id) => `${prefix}${createHmac("sha256", key).update(id).digest("base64url")}`;
}
