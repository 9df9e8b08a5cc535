import type { IncomingMessage } from "node:http";

export interface SocketOriginOptions {
  /** Other sites allowed to embed the widget (CORS_ORIGINS), as origins (`https://www.example.gov.cn`). */
  corsOrigins: string[];
  /** The address citizens reach the desk at (PUBLIC_URL): its origin is this desk's own. */
  publicUrl?: string;
}

/**
 * Whether a socket.io handshake from this Origin may proceed. Browsers always send Origin on a
 * WebSocket and on a cross-origin request, and a page cannot forge it, so this decides which sites'
 * pages can open a chat (or the agents' socket):
 *
 * - no Origin: allowed. Not a browser page (a Node client, the load bench, a native app); such a
 *   client can send any Origin it likes, so refusing it would protect nothing;
 * - the desk's own pages (the demo page, the console): allowed when the Origin names the host the
 *   request was sent to (the Host header), or PUBLIC_URL's origin. The scheme may differ, since a
 *   proxy terminating TLS passes https pages' requests on as http;
 * - any other site: only when listed in CORS_ORIGINS (exact origin: scheme, host and port).
 *
 * `Origin: null` (a sandboxed frame, a file:// page) and anything unparsable are refused.
 */
export function socketOriginAllowed(
  options: SocketOriginOptions,
): (origin: string | undefined, host: string | undefined) => boolean {
  const listed = new Set(options.corsOrigins);
  if (options.publicUrl) listed.add(new URL(options.publicUrl).origin);
  return (origin, host) => {
    if (origin === undefined) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return false;
    if (listed.has(url.origin)) return true;
    if (!host) return false;
    try {
      // Parsed with the Origin's scheme, so `desk.example:443` and `desk.example` compare equal for https.
      return new URL(`${url.protocol}//${host}`).host === url.host;
    } catch {
      return false;
    }
  };
}

/** socket.io's `allowRequest`: refuses a handshake whose Origin is not allowed (403, or 400 for a websocket). */
export function allowSocketRequest(options: SocketOriginOptions) {
  const allowed = socketOriginAllowed(options);
  return (
    request: IncomingMessage,
    callback: (error: string | null | undefined, success: boolean) => void,
  ) => {
    const ok = allowed(request.headers.origin, request.headers.host);
    callback(ok ? null : "origin not allowed", ok);
  };
}
