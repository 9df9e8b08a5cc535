import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PushFieldsError, readPush } from "../../../src/channels/wechat/push.js";
import { openPush, SealedPushError, sealReply } from "../../../src/channels/wechat/sealed-push.js";
import { bodySignedByAccount, pushSignature, signedByAccount } from "../../../src/channels/wechat/signature.js";
import { choiceFor, renderReply, splitLongText } from "../../../src/channels/port/render-reply.js";
import { wechatCapabilities } from "../../../src/channels/wechat/wechat-capabilities.js";
import { PushXmlError, readPushXml, replyXml } from "../../../src/channels/wechat/xml.js";

const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const APP_ID = "wx0123456789abcdef";

describe("WeChat pushes, read and answered (pure)", () => {
  it("checks the signature WeChat puts on every push: sha1 of token, timestamp and nonce, sorted", () => {
    const expected = createHash("sha1").update(["1700000000", "nonce42", "tok3n"].sort().join("")).digest("hex");
    expect(pushSignature("tok3n", "1700000000", "nonce42")).toBe(expected);
    expect(signedByAccount("tok3n", { signature: expected, timestamp: "1700000000", nonce: "nonce42" })).toBe(true);
    expect(signedByAccount("tok3n", { signature: expected, timestamp: "1700000001", nonce: "nonce42" })).toBe(false);
    expect(signedByAccount("other", { signature: expected, timestamp: "1700000000", nonce: "nonce42" })).toBe(false);
    expect(signedByAccount("tok3n", { timestamp: "1700000000", nonce: "nonce42" })).toBe(false);
  });

  it("reads a push's fields as strings; refuses a DOCTYPE, and a field named __proto__, without polluting anything", () => {
    const fields = readPushXml("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><MsgId>24081234567890123456</MsgId><Content><![CDATA[a]]b & c]]></Content></xml>");
    expect(fields.MsgId).toBe("24081234567890123456");
    expect(fields.ToUserName).toBe("gh_1");
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(() => readPushXml("<xml><__proto__><polluted>yes</polluted></__proto__><constructor>x</constructor></xml>")).toThrow(PushXmlError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => readPushXml('<!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Content>&a;</Content></xml>')).toThrow(PushXmlError);
    expect(() => readPushXml("<xml><Content>unclosed</xml>")).toThrow(PushXmlError);
    expect(() => readPushXml("<other/>")).toThrow(PushXmlError);
  });

  it("writes a reply whose text survives any characters, ']]>' included", () => {
    const xml = replyXml({ ToUserName: "o1", CreateTime: 1700000000, Content: "a]]>b <c> & d" });
    expect(xml).toContain("<CreateTime>1700000000</CreateTime>");
    expect(readPushXml(xml).Content).toBe("a]]>b <c> & d");
  });

  it("tells words, voice, a follow, a menu click and what it cannot read apart", () => {
    const base = { ToUserName: "gh_1", FromUserName: "oAbc", CreateTime: "1700000000" };
    expect(readPush({ ...base, MsgType: "text", Content: " 社保卡丢了 ", MsgId: "1" })).toEqual({ kind: "words", openId: "oAbc", account: "gh_1", text: "社保卡丢了", msgId: "1" });
    expect(readPush({ ...base, MsgType: "voice", Recognition: "养老金怎么领", MsgId: "2" })).toMatchObject({ kind: "words", text: "养老金怎么领" });
    expect(readPush({ ...base, MsgType: "voice", Recognition: "", MsgId: "3" })).toMatchObject({ kind: "unread", msgType: "voice" });
    expect(readPush({ ...base, MsgType: "event", Event: "subscribe" })).toMatchObject({ kind: "followed" });
    expect(readPush({ ...base, MsgType: "event", Event: "CLICK", EventKey: "社保卡挂失" })).toMatchObject({ kind: "menu", key: "社保卡挂失" });
    expect(readPush({ ...base, MsgType: "event", Event: "unsubscribe" })).toMatchObject({ kind: "silent" });
    expect(readPush({ ...base, MsgType: "image", MsgId: "4" })).toMatchObject({ kind: "unread", msgType: "image" });
    expect(() => readPush({ ...base, MsgType: "text", Content: "x" })).toThrow(PushFieldsError);
    expect(() => readPush({ FromUserName: "o", MsgType: "text" })).toThrow(PushFieldsError);
  });

  it("opens a safe-mode push sealed for this account and refuses one sealed for another", () => {
    const sealed = sealReply(AES_KEY, APP_ID, "<xml><Content>你好</Content></xml>");
    expect(openPush(AES_KEY, APP_ID, sealed)).toBe("<xml><Content>你好</Content></xml>");
    expect(() => openPush(AES_KEY, "wxffffffffffffffff", sealed)).toThrow(SealedPushError);
    expect(() => openPush(AES_KEY, APP_ID, "bm90IHNlYWxlZA==")).toThrow(SealedPushError);
  });

  it("writes buttons as numbered choices and reads a number (full-width too) back as the choice", () => {
    const view = {
      id: "m",
      seq: 2,
      role: "bot" as const,
      text: "**挂失**有三种方式：\n1. 拨打12333",
      createdAt: "2026-12-07T00:00:00Z",
      quickReplies: [
        { label: "补办社保卡", payload: { intent: "card.replace" } },
        { label: "转人工客服", payload: { action: "agent" as const } },
      ],
      links: [{ label: "证明下载", url: "https://desk.example/c.pdf" }],
    };
    const [first, ...more] = renderReply(view, wechatCapabilities, "zh");
    expect(more).toEqual([]);
    expect(first?.choices).toEqual([]);
    const text = first?.text ?? "";
    expect(text).not.toContain("**");
    expect(text).toContain("回复数字选择：\n1. 补办社保卡\n2. 转人工客服");
    expect(text).toContain("证明下载：https://desk.example/c.pdf");
    expect(choiceFor("2", view.quickReplies)?.label).toBe("转人工客服");
    expect(choiceFor("１", view.quickReplies)?.label).toBe("补办社保卡");
    expect(choiceFor(" 1。", view.quickReplies)?.label).toBe("补办社保卡");
    expect(choiceFor("3", view.quickReplies)).toBeUndefined();
    expect(choiceFor("12333", view.quickReplies)).toBeUndefined();
    expect(choiceFor("1", undefined)).toBeUndefined();
    // A label typed (or sent back by a button) picks its choice too; anything else does not.
    expect(choiceFor(" 转人工客服 ", view.quickReplies)?.payload).toEqual({ action: "agent" });
    expect(choiceFor("转人工", view.quickReplies)).toBeUndefined();
  });

  it("cuts a long answer into parts WeChat takes, at paragraph or sentence ends, losing nothing", () => {
    const paragraph = "失业保险金按月发放，标准由各地确定。".repeat(20);
    const text = [paragraph, paragraph, paragraph].join("\n\n");
    const parts = renderReply({ id: "m", seq: 1, role: "bot", text, createdAt: "2026-12-07T00:00:00Z" }, wechatCapabilities, "zh").map((p) => p.text);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, "utf8")).toBeLessThanOrEqual(2000);
    for (const p of parts.slice(0, -1)) expect(p.replace(/\n（\d+\/\d+）$/, "")).toMatch(/。$/);
    expect(parts.map((p) => p.replace(/\n（\d+\/\d+）$/, "")).join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
    expect(splitLongText("短", 2000)).toEqual(["短"]);
  });

  it("opens WeChat's own sample pushes (the test vectors of its message-crypto SDK) and checks their msg_signature", () => {
    // From the official WXBizMsgCrypt samples: a text push in safe mode, and a sealed reply text.
    const key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    const encrypted =
      "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";
    const query = { msg_signature: "5d197aaffba7e9b25a30732f161a50dee96bd5fa", timestamp: "1409735669", nonce: "1320562132" };
    expect(bodySignedByAccount("spamtest", query, encrypted)).toBe(true);
    expect(bodySignedByAccount("spamtest", { ...query, nonce: "1320562133" }, encrypted)).toBe(false);
    const push = readPushXml(openPush(key, "wx2c2769f8efd9abc2", encrypted));
    expect(push).toMatchObject({ ToUserName: "gh_10f6c3c3ac5a", FromUserName: "oyORnuP8q7ou2gfYjqLzSIWZf0rs", MsgType: "text", Content: "abcdteT", MsgId: "6054768590064713728" });
    expect(() => openPush(key, "wxb11529c136998cb6", encrypted)).toThrow(SealedPushError);
    expect(openPush(key, "wxb11529c136998cb6", "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==")).toBe("我是中文abcd123");
  });
});
