import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { embeddableScript, type PagePolicy, pageHeaders } from "../../http/browser-headers.js";

export interface WebPagesPluginOptions {
  /** The widget's folder (`widget/`): demo/ holds the demo page and icon, dist/ the built widget.js. */
  widgetDir: string;
}

/**
 * The demo page stands in for a bureau's site: its own markup and styles, and the widget from this
 * server, which talks to this server only. Styles may be inline because the widget puts its
 * stylesheet inside its shadow root as a `<style>` element (any page embedding it must allow that);
 * scripts come only from this origin, and the page has no inline script. Only this origin's pages
 * may frame it.
 */
export const DEMO_PAGE_POLICY: PagePolicy = {
  csp: [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ],
  framing: "self",
  referrer: "same-origin",
};

/** Serves a file from the project, or a 503 saying how to build it. */
function projectFile(path: string, type: string, hint: string, headers: Record<string, string> = {}) {
  return async (_request: unknown, reply: FastifyReply) => {
    if (!existsSync(path)) return reply.code(503).type("text/plain; charset=utf-8").send(hint);
    return reply.type(type).header("cache-control", "no-cache").headers(headers).send(readFileSync(path));
  };
}

/** The citizen side's files: the demo page at /, the mobile chat at /m, the icon, and /widget.js that any page embeds. */
export async function webPagesPlugin(fastify: FastifyInstance, options: WebPagesPluginOptions): Promise<void> {
  const { widgetDir } = options;
  fastify.get(
    "/",
    projectFile(
      join(widgetDir, "demo", "index.html"),
      "text/html; charset=utf-8",
      "demo page missing",
      pageHeaders(DEMO_PAGE_POLICY),
    ),
  );
  // The chat as a whole page, dressed as WeChat (the official account's menu and the help centre link here).
  fastify.get(
    "/m",
    projectFile(join(widgetDir, "demo", "m.html"), "text/html; charset=utf-8", "mobile chat page missing", pageHeaders(DEMO_PAGE_POLICY)),
  );
  // Browsers ask for /favicon.ico on every page; an SVG answers it (and /favicon.svg for <link rel=icon>).
  const favicon = projectFile(join(widgetDir, "demo", "favicon.svg"), "image/svg+xml", "favicon missing");
  fastify.get("/favicon.ico", favicon);
  fastify.get("/favicon.svg", favicon);
  // Other sites' pages include it: no frame rule or CSP of its own, and loadable from any origin.
  fastify.get(
    "/widget.js",
    embeddableScript,
    projectFile(join(widgetDir, "dist", "widget.js"), "application/javascript; charset=utf-8", "widget not built: run npm run build:widget"),
  );
}
