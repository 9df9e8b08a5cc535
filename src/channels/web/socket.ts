import type { FastifyBaseLogger } from "fastify";
import type { Server, Socket } from "socket.io";
import type { Config } from "../../config.js";
import { ChatError } from "../../conversation/errors.js";
import type { ConversationService } from "../../conversation/service.js";
import { InProcessLimitStore, type LimitStore } from "../../security/rate-limit.js";
import type { ClientToServerEvents, Locale, ServerToClientEvents, SocketData } from "../../protocol/events.js";
import type { HandoffDesk } from "../../handoff/desk.js";
import type { ChannelAdapter, ChannelCapabilities } from "../port/channel-port.js";
import { HandoffError } from "../../handoff/errors.js";
import { ChatLimits } from "./guard.js";
import {
  ChatMessageSchema,
  describeIssues,
  FeedbackSchema,
  HandshakeInput,
  LocaleSchema,
  SurveySchema,
  TypingSchema,
} from "./inputs.js";

type ChatServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const KNOWN_EVENTS = new Set(["chat:message", "chat:feedback", "chat:locale", "chat:typing", "chat:survey"]);

/** Room of every socket of one conversation (all its tabs, on every instance). */
export const conversationRoom = (conversationId: string) => `conv:${conversationId}`;

/** What the web widget and the /m page show: buttons, formatted answers, the live queue strip. */
export const webCapabilities: ChannelCapabilities = { buttons: true, richText: true, liveStatus: true, survey: true };

/**
 * The web channel (the widget and the /m page, one socket protocol): delivery to a conversation's
 * every tab, on every instance, and whether it has one open; receiving is the socket namespace.
 */
export function webChannel(io: ChatServer, config: Config, log: FastifyBaseLogger, limitStore?: LimitStore): ChannelAdapter {
  return {
    channel: "web",
    capabilities: webCapabilities,
    message: (conversationId, message) => io.to(conversationRoom(conversationId)).emit("chat:reply", message),
    handoff: (conversationId, status) => io.to(conversationRoom(conversationId)).emit("chat:handoff", status),
    typing: (conversationId, state) => io.to(conversationRoom(conversationId)).emit("chat:typing", state),
    isReachable: async (conversationId) => (await io.in(conversationRoom(conversationId)).fetchSockets()).length > 0,
    receive: async ({ service, handoffs }) => attachWebChat(io, service, config, log, handoffs, limitStore),
  };
}

/**
 * The citizen chat over socket.io. The handshake is limited per address (connections, sockets open
 * at once, new conversations: guard.ts), then opens or resumes a conversation (a bad token is
 * refused with CHAT_BAD_TOKEN); each event is validated, counted against the socket's budget for its
 * kind (and a message against its conversation's, across sockets) and answered with an ack; a
 * problem is reported as `chat:error` and changes nothing. A socket that keeps being refused, or
 * keeps sending events that do not exist, is told CHAT_TOO_MANY_EVENTS and disconnected.
 */
export function attachWebChat(
  io: ChatServer,
  service: ConversationService,
  config: Config,
  log: FastifyBaseLogger,
  desk?: HandoffDesk,
  limitStore: LimitStore = new InProcessLimitStore(),
) {
  const limits = new ChatLimits(limitStore, config.limits);
  let warnedForwarded = false;
  io.use(async (socket, next) => {
    const auth = HandshakeInput.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) return next(refusal(new ChatError("CHAT_BAD_PAYLOAD", describeIssues(auth.error)), "zh"));
    const locale: Locale = auth.data.locale ?? "zh";
    const address = limits.addressOf(socket.handshake);
    if (!warnedForwarded && limits.ignoresForwardedFor(socket.handshake)) {
      warnedForwarded = true;
      log.warn(
        { from: socket.handshake.address },
        "X-Forwarded-For ignored: its sender is not in TRUSTED_PROXY. Behind a reverse proxy, list it there, or every citizen counts as the proxy's address for the limits",
      );
    }
    let release: (() => void) | undefined;
    try {
      release = await limits.admit(address, auth.data.token === undefined);
      const opened = await service.open(auth.data.token, locale);
      socket.data.conversationId = opened.conversation.id;
      socket.data.locale = opened.resumed ? opened.conversation.locale : locale;
      (socket as ChatSocket & { session?: typeof opened }).session = opened;
      // The place among the address's open sockets is given back when the socket goes, or its
      // connection closes before the socket ever connected.
      socket.once("disconnect", release);
      socket.conn.once("close", release);
      next();
    } catch (error) {
      release?.();
      next(refusal(error instanceof ChatError ? error : new ChatError("CHAT_INTERNAL"), locale));
      if (!(error instanceof ChatError)) log.error({ err: error }, "opening a conversation failed");
      else if (error.code.startsWith("CHAT_TOO_MANY")) log.debug({ address, code: error.code }, "handshake refused by a limit");
    }
  });

  io.on("connection", async (socket: ChatSocket) => {
    const opened = (socket as ChatSocket & { session?: { token: string; resumed: boolean } }).session;
    const { conversationId } = socket.data;
    // Status notices for this conversation's applications reach every socket it has open.
    void socket.join(conversationRoom(conversationId));
    // Back before the grace period ran out: a place in line is kept.
    desk?.presence.citizenBack(conversationId).catch((error) => log.error({ err: error, conversationId }, "citizen return failed"));
    socket.on("disconnect", () => {
      desk?.presence.citizenAway(conversationId).catch((error) => log.error({ err: error, conversationId }, "citizen leaving failed"));
    });
    const budget = limits.socketBudget({ limit: config.chat.rateLimit, windowMs: config.chat.rateWindowMs });
    let flooded = false;
    /** Past its budget of refusals (or of unknown events) a socket is told so once, and closed. */
    const flood = (ack?: unknown) => {
      if (flooded) return;
      flooded = true;
      const view = new ChatError("CHAT_TOO_MANY_EVENTS").view(socket.data.locale);
      socket.emit("chat:error", view);
      if (typeof ack === "function") ack({ ok: false, error: view });
      log.warn({ address: limits.addressOf(socket.handshake), conversationId }, "citizen socket closed for flooding");
      socket.disconnect(true);
    };
    const fail = (error: unknown, ack?: unknown) => {
      if (flooded) return;
      const known = error instanceof ChatError || error instanceof HandoffError;
      if (!known) log.error({ err: error, conversationId }, "chat event failed");
      // Refusals cost the socket too: a client that goes on regardless gets a few, then is closed.
      else if (!budget.take("refused")) return flood(ack);
      const view = (known ? error : new ChatError("CHAT_INTERNAL")).view(socket.data.locale);
      socket.emit("chat:error", view);
      if (typeof ack === "function") ack({ ok: false, error: view });
    };

    socket.onAny((event: string, ...args: unknown[]) => {
      if (KNOWN_EVENTS.has(event)) return;
      if (!budget.take("unknown")) return flood(args.at(-1));
      fail(new ChatError("CHAT_UNKNOWN_EVENT", event.slice(0, 40)), args.at(-1));
    });

    socket.on("chat:message", async (raw, ack) => {
      try {
        if (!budget.take("message")) throw new ChatError("CHAT_RATE_LIMITED");
        const parsed = ChatMessageSchema.safeParse(raw);
        if (!parsed.success) throw new ChatError("CHAT_BAD_PAYLOAD", describeIssues(parsed.error));
        const input = parsed.data;
        if (input.text.trim() === "") throw new ChatError("CHAT_TEXT_EMPTY");
        if (input.text.length > config.chat.maxText) throw new ChatError("CHAT_TEXT_TOO_LONG");
        if (typeof ack !== "function") throw new ChatError("CHAT_BAD_PAYLOAD", "an acknowledgement callback is required");
        // Every tab of the conversation (on every instance, with Redis) shares this budget.
        await limits.conversationMessage(conversationId);

        await service.handle(
          { channel: "web", key: conversationId, locale: socket.data.locale, ...input },
          {
            stored: (message) => ack({ ok: true, message }),
            answeredBefore: (reply) => socket.emit("chat:reply", reply),
            typing: (typing) => socket.emit("chat:typing", { typing, from: "bot" }),
          },
        );
      } catch (error) {
        fail(error, ack);
      }
    });

    socket.on("chat:feedback", async (raw, ack) => {
      try {
        if (!budget.take("feedback")) throw new ChatError("CHAT_RATE_LIMITED", "chat:feedback");
        const parsed = FeedbackSchema.safeParse(raw);
        if (!parsed.success) throw new ChatError("CHAT_BAD_PAYLOAD", describeIssues(parsed.error));
        await service.rate(conversationId, parsed.data.messageId, parsed.data.rating);
        if (typeof ack === "function") ack({ ok: true });
      } catch (error) {
        fail(error, ack);
      }
    });

    socket.on("chat:locale", async (raw, ack) => {
      try {
        if (!budget.take("locale")) throw new ChatError("CHAT_RATE_LIMITED", "chat:locale");
        const parsed = LocaleSchema.safeParse(raw);
        if (!parsed.success) throw new ChatError("CHAT_BAD_PAYLOAD", describeIssues(parsed.error));
        socket.data.locale = parsed.data.locale;
        await service.setLocale(conversationId, parsed.data.locale);
        if (typeof ack === "function") ack({ ok: true });
      } catch (error) {
        fail(error, ack);
      }
    });

    // Typing notices go to the agent at most every 500 ms; extra ones are dropped silently. Past
    // the socket's typing budget they are dropped too, and count as refusals (no error: nothing
    // waits for an answer to a typing notice).
    let lastTyping = 0;
    socket.on("chat:typing", async (raw) => {
      if (!budget.take("typing")) {
        if (!budget.take("refused")) flood();
        return;
      }
      const parsed = TypingSchema.safeParse(raw);
      if (!parsed.success) return fail(new ChatError("CHAT_BAD_PAYLOAD", describeIssues(parsed.error)));
      const now = Date.now();
      // Only "typing" notices are thinned; a "stopped" one always goes through and resets nothing.
      if (parsed.data.typing) {
        if (now - lastTyping < 500) return;
        lastTyping = now;
      }
      await desk?.requests.citizenTyping(conversationId, parsed.data.typing).catch((error) => fail(error));
    });

    socket.on("chat:survey", async (raw, ack) => {
      try {
        if (!budget.take("survey")) throw new ChatError("CHAT_RATE_LIMITED", "chat:survey");
        const parsed = SurveySchema.safeParse(raw);
        if (!parsed.success) throw new ChatError("CHAT_BAD_PAYLOAD", describeIssues(parsed.error));
        if (!desk) throw new HandoffError("HANDOFF_SURVEY_CLOSED");
        await desk.requests.survey(conversationId, parsed.data.handoffId, parsed.data.rating, parsed.data.comment);
        if (typeof ack === "function") ack({ ok: true });
      } catch (error) {
        fail(error, ack);
      }
    });

    try {
      socket.emit("chat:session", {
        token: opened?.token ?? "",
        conversationId,
        locale: socket.data.locale,
        resumed: opened?.resumed ?? false,
        messages: await service.history(conversationId),
        timeZone: config.timeZone,
      });
      // A reload while waiting for (or talking to) a person: the status strip comes back at once.
      const status = await desk?.requests.currentStatus(conversationId);
      if (status) socket.emit("chat:handoff", status);
    } catch (error) {
      fail(error);
    }
  });
}

/** A handshake refusal the client receives as `connect_error` with `err.data = {code, message}`. */
function refusal(error: ChatError, locale: Locale): Error & { data: unknown } {
  const view = error.view(locale);
  return Object.assign(new Error(view.message), { data: view });
}
