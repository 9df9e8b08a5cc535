import { decrypt, encrypt } from "@wecom/crypto";

/** A push or a reply that cannot be opened, or that names another account. */
export class SealedPushError extends Error {
  readonly code = "WECHAT_BAD_ENCRYPTION";
}

/**
 * Safe mode's envelope (AES-256-CBC with the EncodingAESKey, the AppID inside), through WeCom's
 * own library (@wecom/crypto): the official account uses the same scheme. Opens a push's
 * `Encrypt`, refusing one for another AppID, and seals a reply.
 */
export function openPush(encodingAesKey: string, appId: string, encrypted: string): string {
  let opened: { message: string; id: string };
  try {
    opened = decrypt(encodingAesKey, encrypted);
  } catch {
    throw new SealedPushError("the push could not be decrypted with WECHAT_ENCODING_AES_KEY");
  }
  if (opened.id !== appId) throw new SealedPushError("the push was sealed for another official account");
  return opened.message;
}

export function sealReply(encodingAesKey: string, appId: string, xml: string): string {
  return encrypt(encodingAesKey, xml, appId);
}
