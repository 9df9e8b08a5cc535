/** Stable codes a caller can branch on; the HTTP status applies when a console request caused it. */
export const routingErrors = {
  ROUTING_NO_ELIGIBLE_AGENT: { status: 409, message: "No online agent can take this chat now." },
  ROUTING_OVER_CAPACITY: { status: 409, message: "The agent already has as many chats as they can take." },
  ROUTING_UNKNOWN_CHAT: { status: 404, message: "There is no such chat in the queue." },
  ROUTING_UNKNOWN_AGENT: { status: 404, message: "There is no such agent." },
  ROUTING_DUPLICATE_CHAT: { status: 409, message: "This chat is already in the queue or with an agent." },
  ROUTING_CHAT_NOT_WAITING: {
    status: 409,
    message: "This chat is not waiting: it was offered or taken already.",
  },
  ROUTING_NOT_OFFERED: {
    status: 409,
    message: "This chat is not offered to this agent (it may have timed out).",
  },
  ROUTING_NOT_ASSIGNED: { status: 409, message: "This chat is not being handled by this agent." },
  ROUTING_AGENT_OFFLINE: { status: 409, message: "The agent is offline." },
  ROUTING_AGENT_AWAY: { status: 409, message: "The agent is away: no new chats until they are back." },
  ROUTING_DECLINED_BEFORE: {
    status: 409,
    message: "The agent declined this chat before; it is not offered again.",
  },
  ROUTING_BAD_AGENT: { status: 400, message: "The agent's capacity, languages or skills are not valid." },
} as const satisfies Record<string, { status: number; message: string }>;

export type RoutingErrorCode = keyof typeof routingErrors;

export class RoutingError extends Error {
  readonly status: number;
  constructor(
    readonly code: RoutingErrorCode,
    readonly detail?: string,
  ) {
    const { status, message } = routingErrors[code];
    super(detail ? `${message} (${detail})` : message);
    this.name = "RoutingError";
    this.status = status;
  }
}
