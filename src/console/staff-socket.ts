import type { FastifyBaseLogger } from "fastify";
import type { Namespace, Server, Socket } from "socket.io";
import { cannedReplies } from "../../bot/canned-replies.js";
import { intentLabel } from "../dialog/reply.js";
import type { KnowledgeSource } from "../publishing/active-knowledge.js";
import { searchFaqs } from "../publishing/faq-search.js";
import type { HandoffDesk, StaffOutlet } from "../handoff/desk.js";
import { HandoffError } from "../handoff/errors.js";
import { AccessError } from "../access/errors.js";
import { can, SOCKET_EVENTS } from "../access/permissions.js";
import type { AuditLog } from "../audit/audit-log.js";
import { auditDone } from "../staff/guard.js";
import { SlidingWindowLimit } from "../security/rate-limit.js";
import { profileView, StaffError, type StaffAccounts } from "../staff/accounts.js";
import type { StaffRecord } from "../storage/ports.js";
import {
  type AgentClientToServer,
  type AgentServerToClient,
  type AgentSocketData,
  WRAP_UP_CODES,
} from "../protocol/agent-events.js";
import { describeIssues } from "../channels/web/inputs.js";
import { AgentHandshake, type AgentEventName, agentInputs } from "./staff-inputs.js";

type AgentNamespace = Namespace<AgentClientToServer, AgentServerToClient, Record<string, never>, AgentSocketData>;
type AgentSocket = Socket<AgentClientToServer, AgentServerToClient, Record<string, never>, AgentSocketData>;

export interface AgentChannelDeps {
  desk: HandoffDesk;
  accounts: StaffAccounts;
  /** Where the audited actions (src/access/permissions.ts) are recorded. */
  audit: AuditLog;
  /** The FAQs agents search and the intent names the console shows, as active at each use. */
  knowledge: KnowledgeSource;
  log: FastifyBaseLogger;
  /** The service's time zone, for every time the console shows. */
  timeZone: string;
}

/** Room of every socket of one agent (all their tabs, on every instance). */
export const agentRoom = (agentId: string) => `agent:${agentId}`;
/** Room of every signed-in agent: queue updates. */
export const AGENTS_ROOM = "agents";

/** Room of every socket opened with one staff session. */
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * The `/agent` namespace: open only to signed-in staff (a staff token in the handshake; a
 * citizen's conversation token is refused, it is signed with another key). Every event is
 * validated, rate-limited and acked; acting on a chat that is not yours is refused by the desk.
 */
// biome-ignore lint/suspicious/noExplicitAny: any server; the namespace has its own event maps (cast below).
type AnyServer = Server<any, any, any, any>;

/** The staff namespace; it has its own event maps, and socket.io types a namespace by its server's, hence the cast. */
const staffNamespace = (io: AnyServer) => io.of("/agent") as unknown as AgentNamespace;

/** Where the desk's events for staff go (one agent's every tab, or every agent), and whether an agent has a tab open. */
export function staffOutlet(io: AnyServer): StaffOutlet & { isConnected(agentId: string): Promise<boolean> } {
  const nsp = staffNamespace(io);
  return {
    agent: (agentId, event, ...args) => nsp.to(agentRoom(agentId)).emit(event, ...args),
    agents: (event, ...args) => nsp.to(AGENTS_ROOM).emit(event, ...args),
    isConnected: async (agentId) => (await nsp.in(agentRoom(agentId)).fetchSockets()).length > 0,
  };
}

export function attachAgentChannel(io: AnyServer, deps: AgentChannelDeps): AgentNamespace {
  const nsp = staffNamespace(io);
  const { desk, accounts, log } = deps;
  // A session ended anywhere (sign-out, an admin, a disabled account) closes its sockets everywhere.
  // (On the next turn of the loop, so a sign-out's own acknowledgement still reaches its tab.)
  accounts.onSessionsEnded((ids) => {
    setImmediate(() => {
      for (const id of ids) nsp.in(sessionRoom(id)).disconnectSockets(true);
    });
  });

  nsp.use(async (socket, next) => {
    const auth = AgentHandshake.safeParse(socket.handshake.auth ?? {});
    if (!auth.success) return next(refusal("STAFF_BAD_TOKEN", "a staff token is required: sign in first"));
    try {
      const { staff, sessionId } = await accounts.session(auth.data.token);
      // The desk is for those who take chats: an editor's or an admin's account gets no offers.
      if (!can(staff.roles, "desk.join")) return next(refusal("ACCESS_FORBIDDEN", "this account does not take chats"));
      socket.data.agentId = staff.id;
      socket.data.sessionId = sessionId;
      socket.data.locale = auth.data.locale ?? "zh";
      socket.data.presence = auth.data.presence ?? "online";
      next();
    } catch (error) {
      if (error instanceof StaffError) return next(refusal(error.code, error.message));
      log.error({ err: error }, "agent handshake failed");
      next(refusal("HANDOFF_INTERNAL", "try again shortly"));
    }
  });

  nsp.on("connection", async (socket: AgentSocket) => {
    const agentId = socket.data.agentId;
    // Generous for a person (an agent on three chats sends a few events a second at most), tight for a script.
    const limit = new SlidingWindowLimit(100, 10_000);
    let staff: StaffRecord | undefined;
    const fail = (error: unknown, ack?: unknown) => {
      const known = error instanceof HandoffError || error instanceof AccessError;
      if (!known) log.error({ err: error, agentId }, "agent event failed");
      const view = (known ? error : new HandoffError("HANDOFF_INTERNAL")).view(socket.data.locale);
      socket.emit("agent:error", view);
      if (typeof ack === "function") ack({ ok: false, error: view });
    };

    /**
     * Registers a validated, rate-limited, acked handler. The session and the account are read again
     * each time (an ended session or a disabled account stops at once), the role is checked against
     * the action the table gives the event, and an audited action is recorded once done, with what
     * it was done to (`target`).
     */
    const on = <E extends AgentEventName>(
      event: E,
      run: (input: import("zod").infer<(typeof agentInputs)[E]>, staff: StaffRecord) => Promise<object>,
      target: (input: import("zod").infer<(typeof agentInputs)[E]>) => string | null = () => null,
    ) => {
      const action = SOCKET_EVENTS[event];
      socket.on(event as never, (async (raw: unknown, ack: unknown) => {
        try {
          if (event !== "agent:typing" && !limit.tryHit(Date.now())) throw new HandoffError("HANDOFF_RATE_LIMITED");
          // A session that cannot be checked just now (Redis restarting) is not an ended one: the
          // event is refused as "busy" and the agent stays connected; an ended one disconnects.
          let current: StaffRecord | undefined;
          try {
            current = await accounts.fromToken(socket.handshake.auth.token);
          } catch (error) {
            if (!(error instanceof StaffError)) {
              log.warn({ err: error, agentId }, "staff session could not be checked");
              throw new HandoffError("HANDOFF_INTERNAL");
            }
          }
          if (!current) {
            socket.disconnect(true);
            return;
          }
          // The role first: one who may not take the action learns nothing about its payload.
          if (!can(current.roles, action)) throw new AccessError("ACCESS_FORBIDDEN", action);
          const parsed = agentInputs[event].safeParse(raw);
          if (!parsed.success) throw new HandoffError("HANDOFF_BAD_PAYLOAD", describeIssues(parsed.error));
          const result = await run(parsed.data as never, current);
          await auditDone(deps.audit, current, action, target(parsed.data as never));
          if (typeof ack === "function") ack({ ok: true, ...result });
        } catch (error) {
          fail(error, ack);
        }
      }) as never);
    };

    socket.onAny((event: string, ...args: unknown[]) => {
      if (!(event in agentInputs)) fail(new HandoffError("HANDOFF_UNKNOWN_EVENT", event.slice(0, 40)), args.at(-1));
    });

    on("agent:presence", async (input, s) => {
      await desk.presence.setPresence(s, input.presence);
      return {};
    });
    on("agent:accept", async (input, s) => ({ context: await desk.chats.accept(s, input.chatId) }));
    on("agent:decline", async (input, s) => {
      await desk.chats.decline(s, input.chatId);
      return {};
    });
    on("agent:message", async (input, s) => {
      if (input.text.trim() === "") throw new HandoffError("HANDOFF_TEXT_EMPTY");
      return { message: await desk.chats.message(s, input.chatId, input.clientId, input.text) };
    });
    on("agent:typing", async (input, s) => {
      await desk.chats.typing(s, input.chatId, input.typing);
      return {};
    });
    on(
      "agent:transfer",
      async (input, s) => {
        await desk.chats.transfer(
          s,
          input.chatId,
          { ...(input.toAgentId ? { toAgentId: input.toAgentId } : {}), ...(input.skill ? { skill: input.skill } : {}) },
          input.note,
        );
        return {};
      },
      (input) => input.chatId,
    );
    on(
      "agent:close",
      async (input, s) => {
        await desk.chats.close(s, input.chatId, input.wrapUp, input.note);
        return {};
      },
      (input) => input.chatId,
    );
    on("agent:context", async (input, s) => ({ context: await desk.chats.context(s, input.chatId) }));
    on("agent:kb-search", async (input) => ({ results: await searchFaqs(deps.knowledge.current(), input.query, input.locale ?? socket.data.locale, new Date()) }));
    on("agent:tickets", async () => ({ tickets: await desk.tickets.list() }));
    on("agent:ticket-callback", async (input, s) => ({ number: await desk.tickets.callback(s, input.ticketId) }), (input) => input.ticketId);
    on(
      "agent:ticket-reply",
      async (input, s) => {
        if (input.text.trim() === "") throw new HandoffError("HANDOFF_TEXT_EMPTY");
        await desk.tickets.reply(s, input.ticketId, input.text);
        return {};
      },
      (input) => input.ticketId,
    );

    let signedOut = false;
    on("agent:sign-out", async (_input, s) => {
      signedOut = true;
      await desk.presence.agentSignedOut(s.id);
      // The token stops working now, not when it expires (its sockets close after this ack).
      await accounts.signOut(socket.handshake.auth.token);
      // Every tab of this agent closes: the session is over everywhere.
      setImmediate(() => nsp.in(agentRoom(s.id)).disconnectSockets(true));
      return {};
    });

    socket.on("disconnect", () => {
      if (signedOut) return;
      void (async () => {
        // Another tab of the same agent (on any instance) keeps them connected.
        const others = await nsp.in(agentRoom(agentId)).fetchSockets();
        if (others.length > 0) return;
        await desk.presence.agentDisconnected(agentId);
        // A new tab may have connected while this ran: it must not be left away with a grace timer.
        if ((await nsp.in(agentRoom(agentId)).fetchSockets()).length > 0 && staff) await desk.presence.agentConnected(staff, "online");
      })().catch((error) => log.error({ err: error, agentId }, "agent disconnect handling failed"));
    });

    try {
      const found = await accounts.fromToken(socket.handshake.auth.token);
      staff = found;
      const already = (await nsp.in(agentRoom(agentId)).fetchSockets()).length > 0;
      await socket.join([agentRoom(agentId), AGENTS_ROOM, sessionRoom(socket.data.sessionId)]);
      // The presence the agent chose before a reload (the console sends it) stands; another open
      // tab already set it.
      if (!already) await desk.presence.agentConnected(staff, socket.data.presence);
      const snapshot = await desk.chats.snapshot(staff);
      const { catalogue } = deps.knowledge.current();
      socket.emit("agent:hello", {
        agent: profileView(staff),
        presence: await desk.presence.presenceOf(staff.id),
        ...snapshot,
        wrapUpCodes: WRAP_UP_CODES,
        cannedReplies,
        intents: [...catalogue.intents.values()].map((i) => ({
          id: i.id,
          zh: intentLabel(i.id, catalogue, "zh"),
          en: intentLabel(i.id, catalogue, "en"),
        })),
        recentlyClosed: await desk.chats.recentlyClosed(staff),
        timeZone: deps.timeZone,
      });
    } catch (error) {
      fail(error);
    }
  });
  return nsp;
}

function refusal(code: string, message: string): Error & { data: unknown } {
  return Object.assign(new Error(message), { data: { code, message } });
}
