import { z } from "zod";
import type { TrustedProxies } from "../security/client-address.js";
import type { Rate } from "../security/rate-limit.js";
import { addressListSetting } from "./address-list.js";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Abuse limits (issue 12): per address, per conversation and per socket. */
/** "N/window": at most N events in any window, e.g. `120/1m`, `20/10s`, `60/10m`, `500/250ms`. */
function parseRate(s: string): Rate | undefined {
  const m = /^\s*(\d{1,7})\s*\/\s*(\d{1,7})\s*(ms|s|m|h)\s*$/.exec(s);
  if (!m) return undefined;
  const limit = Number(m[1]);
  const windowMs = Number(m[2]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[3] as "ms" | "s" | "m" | "h"];
  return limit >= 1 && windowMs >= 100 && windowMs <= 86_400_000 ? { limit, windowMs } : undefined;
}
const RATE_FORMAT = 'must be "N/window" with N ≥ 1 and a window of 100ms to 24h, e.g. "120/1m"';
const rateSetting = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s, ctx) => {
      const rate = parseRate(s);
      if (!rate) ctx.addIssue({ code: "custom", message: RATE_FORMAT });
      return rate ?? z.NEVER;
    });
/** Budgets of one socket per kind of event, besides chat:message (CHAT_RATE_LIMIT). */
const socketEventKinds = ["locale", "typing", "feedback", "survey", "unknown", "refused"] as const;
export type SocketEventKind = (typeof socketEventKinds)[number];
const SOCKET_EVENT_DEFAULTS = "locale=10/1m,typing=120/1m,feedback=30/1m,survey=5/1m,unknown=3/1m,refused=20/1m";
/** "kind=N/window,…" over the defaults: a setting names only the budgets it changes. */
function parseSocketEvents(s: string): Record<SocketEventKind, Rate> | string {
  const budgets: Partial<Record<SocketEventKind, Rate>> = {};
  for (const part of `${SOCKET_EVENT_DEFAULTS},${s}`.split(",").filter((p) => p.trim() !== "")) {
    const [kind = "", rate = ""] = part.split("=").map((x) => x.trim());
    if (!(socketEventKinds as readonly string[]).includes(kind)) return `"${kind}" is not one of ${socketEventKinds.join(", ")}`;
    const parsed = parseRate(rate);
    if (!parsed) return `${kind}: ${RATE_FORMAT}`;
    budgets[kind as SocketEventKind] = parsed;
  }
  return budgets as Record<SocketEventKind, Rate>;
}
export const abuseEnv = {
  TRUSTED_PROXY: addressListSetting(),
  LIMIT_ADDRESS_CONNECTIONS: rateSetting("120/1m"),
  LIMIT_ADDRESS_SOCKETS: int(1, 1_000_000).default(50),
  LIMIT_ADDRESS_CONVERSATIONS: rateSetting("60/10m"),
  LIMIT_CONVERSATION_MESSAGES: rateSetting("20/10s"),
  LIMIT_SOCKET_EVENTS: z
    .string()
    .default("")
    .transform((s, ctx) => {
      const budgets = parseSocketEvents(s);
      if (typeof budgets !== "string") return budgets;
      ctx.addIssue({ code: "custom", message: budgets });
      return z.NEVER;
    }),
};
export interface AbuseLimits {
  /** Who is the client behind a reverse proxy; without it, the socket's remote address. */
  trustedProxies?: TrustedProxies;
  /** New socket connections per address (an IPv6 address counts by its /64). */
  addressConnections: Rate;
  /** Sockets one address may hold open at once, on one instance. */
  addressSockets: number;
  /** New conversations (connections without a token) per address. */
  addressConversations: Rate;
  /** Citizen messages per conversation, across all its sockets (and instances, with Redis). */
  conversationMessages: Rate;
  /** Per socket, for each kind of event besides messages; `unknown` and `refused` past theirs close the socket. */
  socketEvents: Record<SocketEventKind, Rate>;
}
export function abuseLimits(e: { [K in keyof typeof abuseEnv]: z.infer<(typeof abuseEnv)[K]> }): AbuseLimits {
  return {
    ...(e.TRUSTED_PROXY ? { trustedProxies: e.TRUSTED_PROXY } : {}),
    addressConnections: e.LIMIT_ADDRESS_CONNECTIONS,
    addressSockets: e.LIMIT_ADDRESS_SOCKETS,
    addressConversations: e.LIMIT_ADDRESS_CONVERSATIONS,
    conversationMessages: e.LIMIT_CONVERSATION_MESSAGES,
    socketEvents: e.LIMIT_SOCKET_EVENTS,
  };
}

