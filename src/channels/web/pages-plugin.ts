import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";

export interface WebPagesPluginOptions {
  /** The widget's folder (`widget/`): demo/ holds the demo page and icon, dist/ the built widget.js. */
  widgetDir: string;
}

/** Serves a file from the project, or a 503 saying how to build it. */
function projectFile(path: string, type: string, hint: string) {
  return async (_request: unknown, reply: FastifyReply) => {
    if (!existsSync(path)) return reply.code(503).type("text/plain; charset=utf-8").send(hint);
    return reply.type(type).header("cache-control", "no-cache").send(readFileSync(path));
  };
}

/** The citizen side's files: the demo page at /, its icon, and /widget.js that any page embeds. */
export async function webPagesPlugin(fastify: FastifyInstance, options: WebPagesPluginOptions): Promise<void> {
  const { widgetDir } = options;
  fastify.get("/", projectFile(join(widgetDir, "demo", "index.html"), "text/html; charset=utf-8", "demo page missing"));
  // Browsers ask for /favicon.ico on every page; an SVG answers it (and /favicon.svg for <link rel=icon>).
  const favicon = projectFile(join(widgetDir, "demo", "favicon.svg"), "image/svg+xml", "favicon missing");
  fastify.get("/favicon.ico", favicon);
  fastify.get("/favicon.svg", favicon);
  fastify.get(
    "/widget.js",
    projectFile(join(widgetDir, "dist", "widget.js"), "application/javascript; charset=utf-8", "widget not built: run npm run build:widget"),
  );
}
