import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * What a browser is told about each response, in one place. Every response gets
 * `X-Content-Type-Options: nosniff` (and HSTS when it is on). Then by what the response is:
 *
 * - an HTML page sets its own policy with `pageHeaders` (CSP with frame-ancestors, X-Frame-Options,
 *   Referrer-Policy, Cross-Origin-Opener-Policy): only the page knows what its HTML loads;
 * - the widget script, which other sites embed (`embeddableScript`): no CSP or frame rule, which
 *   mean nothing for a script and would only read as if embedding were refused, and
 *   Cross-Origin-Resource-Policy: cross-origin, so even a host page isolated with COEP can load it;
 * - a downloaded document, the certificate PDF (`download`): no CSP, which can stop a browser's
 *   built-in PDF viewer, and no referrer (its URL carries the link's signature);
 * - everything else (JSON, plain text, console assets, icons, 404s, and an HTML page that forgot
 *   its policy): nothing may load or frame it (`default-src 'none'; frame-ancestors 'none'`,
 *   X-Frame-Options: DENY), no referrer, Cross-Origin-Resource-Policy: same-origin.
 */

declare module "fastify" {
  interface FastifyContextConfig {
    /** How browser-facing headers treat this route's responses; a plain resource when unset. */
    browser?: "embeddable-script" | "download";
  }
}

/** Route options for a script other sites include with a `<script src>` tag. */
export const embeddableScript = { config: { browser: "embeddable-script" } } as const;
/** Route options for a document the browser downloads or shows in its own viewer (a PDF). */
export const download = { config: { browser: "download" } } as const;

/** One year; browsers remember to use https only for this long after the last response. */
export const HSTS_VALUE = "max-age=31536000";

/** `'sha256-…'`: a CSP source that allows exactly this inline `<style>` or `<script>` text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const LOCKED_DOWN_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export interface PagePolicy {
  /** The page's directives (script-src, style-src…); frame-ancestors is added from `framing`. */
  csp: string[];
  /** Who may show the page in a frame: nobody, or pages of this same origin. */
  framing: "none" | "self";
  referrer: "no-referrer" | "same-origin" | "strict-origin-when-cross-origin";
}

/**
 * The headers of an HTML page: its CSP and frame rule (also as X-Frame-Options for older browsers),
 * its referrer policy, a browsing context of its own (COOP), and nosniff, so a plugin serving the
 * page alone (a test's bare Fastify) sends them too.
 */
export function pageHeaders(policy: PagePolicy): Record<string, string> {
  return {
    "content-security-policy": [...policy.csp, `frame-ancestors '${policy.framing}'`].join("; "),
    "x-frame-options": policy.framing === "none" ? "DENY" : "SAMEORIGIN",
    "referrer-policy": policy.referrer,
    "cross-origin-opener-policy": "same-origin",
    "x-content-type-options": "nosniff",
  };
}

/** The onSend hook that completes every response's headers as described at the top of this file. */
export function browserHeaders(options: { hsts: boolean }) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    reply.header("x-content-type-options", "nosniff");
    if (options.hsts) reply.header("strict-transport-security", HSTS_VALUE);
    const kind = request.routeOptions.config?.browser;
    if (!reply.hasHeader("referrer-policy")) reply.header("referrer-policy", "no-referrer");
    if (!reply.hasHeader("cross-origin-resource-policy")) {
      reply.header(
        "cross-origin-resource-policy",
        kind === "embeddable-script" ? "cross-origin" : "same-origin",
      );
    }
    if (kind === undefined && !reply.hasHeader("content-security-policy")) {
      reply.header("content-security-policy", LOCKED_DOWN_CSP);
      reply.header("x-frame-options", "DENY");
    }
    return payload;
  };
}

/** The same baseline for socket.io's own HTTP responses (long-polling, the websocket upgrade). */
export function socketHeaders(options: { hsts: boolean }) {
  return (headers: Record<string, string>) => {
    headers["X-Content-Type-Options"] = "nosniff";
    if (options.hsts) headers["Strict-Transport-Security"] = HSTS_VALUE;
  };
}
