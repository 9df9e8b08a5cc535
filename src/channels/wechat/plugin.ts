import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { responses } from "../../../bot/responses.js";
import type { WechatConfig } from "../../config/wechat.js";
import { ChatError } from "../../conversation/errors.js";
import type { ConversationService } from "../../conversation/service.js";
import type { MessageView } from "../../domain/message.js";
import type { KnowledgeSource } from "../../publishing/active-knowledge.js";
import { citizenKeyer } from "../port/citizen-key.js";
import { PushFieldsError, readPush, type WechatPush } from "./push.js";
import { openPush, SealedPushError, sealReply } from "./sealed-push.js";
import { bodySignature, bodySignedByAccount, type PushQuery, signedByAccount } from "./signature.js";
import { welcomeWords } from "../port/welcome.js";
import type { PushChannel } from "../port/push-channel.js";
import { choiceFor, choicesOf, renderReply } from "../port/render-reply.js";
import { wechatCapabilities } from "./wechat-capabilities.js";
import { PushXmlError, readPushXml, replyXml } from "./xml.js";

export interface WechatPluginOptions {
  config: WechatConfig;
  service: ConversationService;
  knowledge: KnowledgeSource;
  /** Keys the hash that names a citizen's conversation by their OpenID (citizen-key.ts). */
  sessionSecret: string;
  /** The longest message the desk takes (CHAT_MAX_TEXT). */
  maxText: number;
  clock: () => Date;
  /** How long a push waits for the bot's answer: WeChat gives up on a reply after 5 s. */
  answerWithinMs?: number;
  /** The channel: the OpenIDs it keeps, and customer-service messages through WeChat's API when it `pushes`. */
  channel: PushChannel;
}

/** WeChat pushes are small; anything larger is not from WeChat. */
const BODY_LIMIT = 64 * 1024;
/** WeChat takes this as "received, nothing to say" and does not retry. */
const NOTHING = "success";

/** A turn in progress for a MsgId: WeChat's retries of the same message wait for its answer. */
interface Turn {
  answer: Promise<MessageView | undefined>;
  /** The conversation and the citizen's stored message, once stored. */
  conversationId?: string;
  question?: string;
  /** Requests for this push (WeChat's retries) waiting for its answer now. */
  waiting: number;
}

/**
 * The WeChat official account's server (开发者服务器): GET /wechat answers the URL check, POST
 * /wechat takes each push, in plaintext or safe mode. A push not signed with the account's token
 * gets 401 and changes nothing. Words (typed, or voice WeChat recognised) go through the
 * conversation service like the widget's, keyed by the hashed OpenID and stored once per MsgId;
 * the bot's answer goes back as the passive reply when it comes within `answerWithinMs`. When it
 * does not: with customer-service messages (the channel `pushes`), "success" now and the answer through
 * WeChat's API when it comes; without them, the request is left to lapse so that WeChat sends the
 * push again (it does, twice), and the retry gets the answer once it is there. Replies are plain
 * text with the quick replies as numbered choices; a number sent back picks one.
 */
export async function wechatPlugin(fastify: FastifyInstance, options: WechatPluginOptions): Promise<void> {
  const { config, service, channel } = options;
  const conversationKey = citizenKeyer(options.sessionSecret, "wechat-openid-key", "oid:");
  const answerWithinMs = options.answerWithinMs ?? 4500;
  const turns = new Map<string, Turn>();
  /** Follow and menu events carry no MsgId: WeChat's retries are known by sender and time. */
  const recentEvents = new Map<string, Promise<string>>();

  fastify.addContentTypeParser(["text/xml", "application/xml"], { parseAs: "string", bodyLimit: BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );

  fastify.get("/wechat", async (request: FastifyRequest<{ Querystring: PushQuery }>, reply) => {
    if (!signedByAccount(config.token, request.query)) return refuse(reply);
    // The URL check: echo the string WeChat sent, as plain text.
    return reply.type("text/plain; charset=utf-8").send(String(request.query.echostr ?? "").slice(0, 128));
  });

  fastify.post("/wechat", { bodyLimit: BODY_LIMIT }, async (request: FastifyRequest<{ Querystring: PushQuery }>, reply) => {
    const query = request.query;
    if (!signedByAccount(config.token, query)) return refuse(reply);
    if (typeof request.body !== "string") return badPush(reply, "the body must be XML (Content-Type: text/xml)");
    let push: WechatPush;
    let sealed = false;
    try {
      let fields = readPushXml(request.body);
      if (fields.Encrypt !== undefined) {
        if (!config.encodingAesKey) return badPush(reply, "an encrypted push, but WECHAT_ENCODING_AES_KEY is not set");
        if (!bodySignedByAccount(config.token, query, fields.Encrypt)) return refuse(reply);
        fields = readPushXml(openPush(config.encodingAesKey, config.appId, fields.Encrypt));
        sealed = true;
      }
      push = readPush(fields);
    } catch (error) {
      if (error instanceof PushXmlError || error instanceof PushFieldsError || error instanceof SealedPushError) return badPush(reply, error.message);
      throw error;
    }

    const text = await answerFor(push);
    if (text === undefined) {
      // No answer yet: let this request lapse, so that WeChat pushes the message again.
      await new Promise((r) => setTimeout(r, 600));
      return reply.code(504).type("text/plain").send("");
    }
    if (text === NOTHING) return reply.type("text/plain").send(NOTHING);
    const xml = replyXml({ ToUserName: push.openId, FromUserName: push.account, CreateTime: Math.floor(options.clock().getTime() / 1000), MsgType: "text", Content: text });
    if (!sealed || !config.encodingAesKey) return reply.type("application/xml; charset=utf-8").send(xml);
    const encrypted = sealReply(config.encodingAesKey, config.appId, xml);
    const timestamp = String(Math.floor(options.clock().getTime() / 1000));
    const nonce = randomBytes(8).toString("hex");
    return reply
      .type("application/xml; charset=utf-8")
      .send(replyXml({ Encrypt: encrypted, MsgSignature: bodySignature(config.token, timestamp, nonce, encrypted), TimeStamp: Number(timestamp), Nonce: nonce }));
  });

  /** The text to reply with, NOTHING for nothing to say, undefined when the answer is not ready yet. */
  async function answerFor(push: WechatPush): Promise<string | undefined> {
    const opening = { channel: "wechat" as const, key: conversationKey(push.openId), locale: "zh" as const };
    switch (push.kind) {
      case "silent":
        return NOTHING;
      case "unread":
        return responses.wechatUnread.zh;
      case "followed":
        return once(`${opening.key}:${push.createTime}:follow`, async () =>
          asText(await service.greet(opening, welcomeWords(options.knowledge.current().catalogue, "zh", responses.wechatWelcome)))[0] ?? NOTHING,
        );
      case "menu":
        // A menu button names what it asks as its key (set in the account's menu): asked as words.
        return within(turn({ ...push, kind: "words", text: push.key, msgId: `menu:${opening.key}:${push.createTime}` }, opening));
      case "words":
        if (push.text.length > options.maxText) return new ChatError("CHAT_TEXT_TOO_LONG").view("zh").message;
        return within(turn(push, opening));
    }
  }

  /** The turn for this MsgId: the one already under way for a retry, or a new one. */
  function turn(push: Extract<WechatPush, { kind: "words" }>, opening: { channel: "wechat"; key: string; locale: "zh" }): Turn {
    const known = turns.get(push.msgId);
    if (known) return known;
    const entry: Turn = { answer: Promise.resolve(undefined), waiting: 0 };
    entry.answer = (async () => {
      const conversation = await service.conversationFor(opening);
      await channel.remember(conversation.id, push.openId);
      const latest = await service.latestBotMessage(conversation.id);
      const choice = choiceFor(push.text, latest && choicesOf(latest, wechatCapabilities, "zh"));
      let answer: MessageView | undefined;
      await service.handle(
        { ...opening, text: choice?.label ?? push.text, clientId: `wechat:${push.msgId}`, ...(choice ? { quickReply: choice.payload } : {}) },
        {
          stored: (view) => {
            entry.conversationId = conversation.id;
            entry.question = view.id;
            // Its answer goes back in a waiting request's reply, not through the API as well.
            if (entry.waiting > 0) channel.inReply.add(view.id);
          },
          answered: (view) => (answer = view),
          answeredBefore: (view) => (answer = view),
        },
      );
      return answer;
    })();
    turns.set(push.msgId, entry);
    // WeChat retries within about 15 s; after a minute a MsgId is not seen again. A turn that
    // failed (the store unreachable, say) is forgotten at once, so that WeChat's retry tries again.
    setTimeout(() => turns.delete(push.msgId), 60_000).unref();
    entry.answer.catch(() => turns.delete(push.msgId));
    return entry;
  }

  /**
   * The turn's answer as WeChat text, if it comes in time; NOTHING when the bot stays quiet (a
   * person has the chat) or, with customer-service messages, when it comes late (it is sent then);
   * undefined when it is late and only a retry of the push can carry it.
   */
  async function within(entry: Turn): Promise<string | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((r) => {
      timer = setTimeout(() => r("late"), answerWithinMs);
    });
    entry.waiting++;
    if (entry.question) channel.inReply.add(entry.question);
    try {
      const answer = await Promise.race([entry.answer, late]);
      if (answer === "late") return channel.pushes ? NOTHING : undefined;
      if (!answer) return NOTHING;
      // One passive reply: the first part of a long answer; the rest follows through the API.
      const parts = asText(answer);
      if (parts.length > 1 && entry.conversationId) channel.sendRest(entry.conversationId, answer.id, 1);
      return parts[0];
    } finally {
      clearTimeout(timer);
      entry.waiting--;
      // No request waits for it any more: an answer still to come goes through the API.
      if (entry.question && entry.waiting === 0) channel.inReply.delete(entry.question);
    }
  }

  function once(key: string, make: () => Promise<string>): Promise<string> {
    const known = recentEvents.get(key);
    if (known) return known;
    const made = make();
    recentEvents.set(key, made);
    setTimeout(() => recentEvents.delete(key), 60_000).unref();
    return made;
  }
}

/** A reply as WeChat text, in parts of at most WeChat's length. The account speaks Chinese. */
const asText = (view: MessageView) => renderReply(view, wechatCapabilities, "zh").map((p) => p.text);

function refuse(reply: FastifyReply) {
  return reply.code(401).send({ error: "WECHAT_BAD_SIGNATURE", message: "the push is not signed with this account's token" });
}

function badPush(reply: FastifyReply, message: string) {
  return reply.code(400).send({ error: "WECHAT_BAD_PUSH", message });
}
