import { createHash, timingSafeEqual } from "node:crypto";
import { normaliseIp, TrustedProxies } from "../security/client-address.js";

/** Who may read /metrics besides loopback (METRICS_ALLOW, METRICS_TOKEN: src/config/observability.ts). */
export interface MetricsAccess {
  /** Addresses and ranges whose requests are answered, besides loopback. */
  allow?: TrustedProxies;
  /** A scraper sending `Authorization: Bearer <token>` is answered from anywhere. */
  token?: string;
}

const LOOPBACK = TrustedProxies.parse("loopback");

/** What the rule reads of a request to /metrics. */
export interface ScrapeRequest {
  /** The client's address as the server resolved it (a trusted proxy's X-Forwarded-For read: TRUSTED_PROXY). */
  ip: string;
  /** The connection's own address. */
  socketAddress: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

/** Headers a reverse proxy adds to say whom it passes a request on for. */
const PROXY_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip"];

const digest = (s: string) => createHash("sha256").update(s).digest();

function bearerMatches(authorization: string | string[] | undefined, token: string): boolean {
  const given =
    typeof authorization === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  // Compared as digests, in constant time: how much of a guess was right is not told by the timing.
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * Whether a request may read /metrics: it carries the bearer token (METRICS_TOKEN, when set), or it
 * comes from loopback or an address METRICS_ALLOW lists. A request passed on by a proxy the desk
 * does not trust is judged by the token alone: its own address would be the proxy's (often
 * loopback), and the public would read the figures through it.
 */
export function mayScrape(request: ScrapeRequest, rule: MetricsAccess): boolean {
  if (rule.token !== undefined && bearerMatches(request.headers.authorization, rule.token)) return true;
  const ip = normaliseIp(request.ip);
  if (ip === undefined) return false;
  const proxied = PROXY_HEADERS.some((h) => request.headers[h] !== undefined);
  if (proxied && ip === normaliseIp(request.socketAddress ?? "")) return false;
  return LOOPBACK.trusts(ip) || (rule.allow?.trusts(ip) ?? false);
}
