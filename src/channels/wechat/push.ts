import { z } from "zod";

/**
 * What a citizen's push asks of the desk, read from its XML fields: words to answer (typed, or
 * voice that WeChat recognised), a new follower to greet, a menu click, or something the desk does
 * not read (a picture, a location; then it says what it can take). Pure: fields in, a decision out.
 */
export type WechatPush =
  | { kind: "words"; openId: string; account: string; text: string; msgId: string }
  | { kind: "followed"; openId: string; account: string; createTime: string }
  | { kind: "menu"; openId: string; account: string; key: string; createTime: string }
  | { kind: "unread"; openId: string; account: string; msgType: string; msgId?: string }
  /** Nothing to say back: an unfollow, a view-link click, a voice WeChat could not recognise. */
  | { kind: "silent"; openId: string; account: string };

const Envelope = z.object({
  ToUserName: z.string().min(1).max(64),
  FromUserName: z.string().min(1).max(64),
  CreateTime: z.string().regex(/^\d{1,12}$/),
  MsgType: z.string().min(1).max(32),
});

/** A push whose fields do not make a WeChat message. */
export class PushFieldsError extends Error {
  readonly code = "WECHAT_BAD_PUSH";
}

const msgIdOf = (fields: Record<string, string>) => (/^\d{1,24}$/.test(fields.MsgId ?? "") ? fields.MsgId : undefined);

export function readPush(fields: Record<string, string>): WechatPush {
  const envelope = Envelope.safeParse(fields);
  if (!envelope.success) throw new PushFieldsError(`missing or malformed ${envelope.error.issues.map((i) => i.path.join(".")).join(", ")}`);
  const { ToUserName: account, FromUserName: openId, CreateTime: createTime, MsgType: msgType } = envelope.data;
  const base = { openId, account };
  const msgId = msgIdOf(fields);
  if (msgType === "text" || msgType === "voice") {
    // A voice message carries WeChat's recognition of it when the account has it switched on.
    const text = (msgType === "text" ? fields.Content : fields.Recognition)?.trim() ?? "";
    if (!msgId) throw new PushFieldsError("a message without its MsgId");
    return text === "" ? (msgType === "voice" ? { ...base, kind: "unread", msgType, msgId } : { ...base, kind: "silent" }) : { ...base, kind: "words", text, msgId };
  }
  if (msgType === "event") {
    const event = (fields.Event ?? "").toLowerCase();
    if (event === "subscribe") return { ...base, kind: "followed", createTime };
    if (event === "click" && fields.EventKey) return { ...base, kind: "menu", key: fields.EventKey.slice(0, 128), createTime };
    return { ...base, kind: "silent" };
  }
  return { ...base, kind: "unread", msgType: msgType.slice(0, 32), ...(msgId ? { msgId } : {}) };
}
