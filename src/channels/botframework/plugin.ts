import type { Activity } from "botbuilder";
import type { FastifyInstance } from "fastify";
import { responses } from "../../../bot/responses.js";
import { ChatError } from "../../conversation/errors.js";
import type { ConversationService } from "../../conversation/service.js";
import type { Locale } from "../../domain/locale.js";
import type { KnowledgeSource } from "../../publishing/active-knowledge.js";
import type { HandoffRecord } from "../../storage/handoff-ports.js";
import { citizenKeyer } from "../port/citizen-key.js";
import type { LiveTurn, PushChannel } from "../port/push-channel.js";
import { choiceFor, choicesOf, renderReply } from "../port/render-reply.js";
import { welcomeWords } from "../port/welcome.js";
import { ActivityError, activityFor, type Incoming, readActivity } from "./activities.js";
import { BotAuthError, type BotAdapter, type BotTurn } from "./bot-adapter.js";

export interface BotFrameworkPluginOptions {
  adapter: BotAdapter;
  service: ConversationService;
  channel: PushChannel;
  /** Requests open now, by conversation: what the desk says to one goes back in its response. */
  liveTurns: Map<string, LiveTurn>;
  /** Whether a conversation has a request for a person open: a turn that opened one announces it. */
  openHandoff: (conversationId: string) => Promise<HandoffRecord | undefined>;
  knowledge: KnowledgeSource;
  /** Keys the hash that names a citizen's conversation by their channel and user id. */
  sessionSecret: string;
  /** The longest message the desk takes (CHAT_MAX_TEXT). */
  maxText: number;
  log: (what: string, fields: Record<string, unknown>) => void;
}

/** Activities are small; a larger body is not a citizen's message. */
const BODY_LIMIT = 256 * 1024;

/**
 * The Bot Framework messaging endpoint (POST /api/messages): each activity's token checked by
 * Microsoft's CloudAdapter (401 and nothing stored when it is missing or wrong), then words go
 * through the conversation service like the widget's, keyed by a hash of the channel and user id,
 * stored once per activity id. Everything the desk says to the conversation during the turn goes
 * back in it (with `deliveryMode: expectReplies`, in the HTTP response): the answer in Markdown,
 * quick replies as suggested actions, and, when a person is asked for, the standard
 * `handoff.initiate` event. What comes later (an agent's words, notices) is sent to the
 * conversation through the channel's connector (the PushChannel's jobs).
 */
export async function botFrameworkPlugin(fastify: FastifyInstance, options: BotFrameworkPluginOptions): Promise<void> {
  const { adapter, service, channel, liveTurns } = options;
  const keyOf = citizenKeyer(options.sessionSecret, "botframework-user-key", "bf:");

  fastify.post("/api/messages", { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const body = request.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) return bad(reply, "the body must be an activity (a JSON object)");
    let incoming: Incoming;
    try {
      incoming = readActivity(body, options.maxText);
    } catch (error) {
      if (error instanceof ActivityError) return bad(reply, error.message);
      throw error;
    }
    try {
      const response = await adapter.turn(String(request.headers.authorization ?? ""), body as Record<string, unknown>, (turn) => act(turn, incoming));
      return response.body === undefined ? reply.code(response.status).send() : reply.code(response.status).send(response.body);
    } catch (error) {
      if (error instanceof BotAuthError) return reply.code(401).send({ error: error.code, message: "the activity does not carry a valid token for this bot" });
      throw error;
    }
  });

  async function act(turn: BotTurn, incoming: Incoming): Promise<void> {
    const { activity } = turn;
    switch (incoming.kind) {
      case "other":
        return;
      case "handoff-status":
        // The channel's own handoff platform answering; the desk's agents are the desk's.
        options.log("Bot Framework handoff.status", { state: incoming.state });
        return;
      case "too-long": {
        const locale = incoming.locale ?? "zh";
        await turn.send([activityFor({ text: new ChatError("CHAT_TEXT_TOO_LONG").view(locale).message, format: "plain", choices: [] })]);
        return;
      }
      case "opened": {
        const opening = openingFor(activity, incoming.locale);
        const conversation = await service.conversationFor(opening);
        // Greeted once: a channel that opens the conversation again (Direct Line reconnecting) is not greeted twice.
        if (await service.latestBotMessage(conversation.id)) return;
        await channel.remember(conversation.id, turn.reference);
        await during(turn, conversation.id, conversation.locale, () =>
          service.greet(opening, welcomeWords(options.knowledge.current().catalogue, conversation.locale, responses.chatWelcome)),
        );
        return;
      }
      case "words": {
        const opening = openingFor(activity, incoming.locale);
        const conversation = await service.conversationFor(opening);
        await channel.remember(conversation.id, turn.reference);
        const locale = incoming.locale ?? conversation.locale;
        await during(turn, conversation.id, locale, async (live) => {
          const latest = await service.latestBotMessage(conversation.id);
          const choice = choiceFor(incoming.text, latest && choicesOf(latest, channel.capabilities, locale));
          await service.handle(
            { ...opening, locale, text: choice?.label ?? incoming.text, clientId: `bf:${incoming.id}`, ...(choice ? { quickReply: choice.payload } : {}) },
            // A resent activity: its answer again (the desk does not send it a second time).
            {
              answeredBefore: (view) => {
                for (const part of renderReply(view, channel.capabilities, locale)) live.send(part);
              },
            },
          );
        });
        return;
      }
    }
  }

  function openingFor(activity: Activity, locale: Locale | undefined) {
    return { channel: "botframework" as const, key: keyOf(`${activity.channelId}:${activity.from.id}`), locale: locale ?? ("zh" as const) };
  }

  /**
   * Runs `work` with this turn open for the conversation, then sends what the desk said during it;
   * when the turn opened a request for a person, the standard handoff.initiate event after it.
   */
  async function during(turn: BotTurn, conversationId: string, locale: Locale, work: (live: LiveTurn) => Promise<unknown>): Promise<void> {
    const outgoing: Partial<Activity>[] = [];
    const live: LiveTurn = {
      locale,
      send: (part) => {
        outgoing.push(activityFor(part));
      },
    };
    const before = await options.openHandoff(conversationId);
    liveTurns.set(conversationId, live);
    try {
      await work(live);
    } catch (error) {
      if (!(error instanceof ChatError)) throw error;
      live.send({ text: error.view(locale).message, format: "plain", choices: [] });
    } finally {
      if (liveTurns.get(conversationId) === live) liveTurns.delete(conversationId);
    }
    const after = await options.openHandoff(conversationId);
    if (after && after.id !== before?.id) {
      const { id, skill, reason, urgency, language, arrivedAt } = after;
      outgoing.push(turn.handoffInitiation({ handoffId: id, skill, reason, urgency, language, arrivedAt }));
    }
    await turn.send(outgoing);
  }
}

function bad(reply: import("fastify").FastifyReply, message: string) {
  return reply.code(400).send({ error: "BOTFRAMEWORK_BAD_ACTIVITY", message });
}
