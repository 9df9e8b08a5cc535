import { createHash, timingSafeEqual } from "node:crypto";
import { getSignature } from "@wecom/crypto";

/** What WeChat adds to the URL of every push: `signature`, `timestamp`, `nonce` (and more in safe mode). */
export interface PushQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  openid?: string;
  encrypt_type?: string;
  msg_signature?: string;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** sha1 of the token, timestamp and nonce, sorted and joined: how WeChat signs every push. */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash("sha1").update([token, timestamp, nonce].sort().join("")).digest("hex");
}

/** Whether a push (the URL check or a message) was signed with the account's token. */
export function signedByAccount(token: string, query: PushQuery): boolean {
  const { signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce) return false;
  return same(signature.toLowerCase(), pushSignature(token, timestamp, nonce));
}

/** The signature over an encrypted body (safe mode's `msg_signature`, and the one a reply carries). */
export function bodySignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return getSignature(token, timestamp, nonce, encrypted);
}

/** Whether an encrypted body carries the account's `msg_signature`. */
export function bodySignedByAccount(token: string, query: PushQuery, encrypted: string): boolean {
  const { msg_signature: signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce) return false;
  return same(signature.toLowerCase(), bodySignature(token, timestamp, nonce, encrypted));
}
