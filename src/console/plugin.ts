import { readFile, realpath, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { type PagePolicy, pageHeaders } from "../http/browser-headers.js";

export interface ConsolePluginOptions {
  /** The console's build output (`agent-console/dist`): index.html and assets/. */
  dir: string;
}

export const CONSOLE_NOT_BUILT = "console not built: run npm run build:console";

/** Vite names every file under assets/ after a hash of its content, so a name never changes meaning. */
const IMMUTABLE = "public, max-age=31536000, immutable";

const TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * The console page loads only its own bundle and talks only to this origin (HTTP and the socket);
 * a citizen's text that somehow reached the DOM as markup still could not run or load anything.
 * No site may frame it (an agent's clicks must not be borrowed by another page).
 */
export const CONSOLE_PAGE_POLICY: PagePolicy = {
  csp: [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ],
  framing: "none",
  referrer: "same-origin",
};

function notBuilt(reply: FastifyReply) {
  return reply
    .code(503)
    .type("text/plain; charset=utf-8")
    .header("cache-control", "no-store")
    .send(CONSOLE_NOT_BUILT);
}

function refused(reply: FastifyReply, status: 400 | 404) {
  return reply
    .code(status)
    .type("application/json; charset=utf-8")
    .header("cache-control", "no-store")
    .send(
      status === 400
        ? { error: "CONSOLE_BAD_PATH", message: "That is not a console asset path." }
        : { error: "CONSOLE_ASSET_NOT_FOUND", message: "There is no such console asset." },
    );
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A plain file name path under assets/ (e.g. `index-3f9a1c.js`, `fonts/a.woff2`): no empty, `.`
 * or `..` segment, no backslash, no NUL, no drive letter. Anything else is refused before the disk
 * is touched.
 */
function isSafeAssetPath(path: string): boolean {
  if (path.length === 0 || path.length > 256) return false;
  if (/[\\\0:]/.test(path)) return false;
  return path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

/**
 * Serves the agent console built by `npm run build:console`: `GET /console` and `/console/` give
 * index.html (revalidated on every load, so a new build is picked up at once) and
 * `/console/assets/*` the hashed bundle files (cached for a year). A missing build answers 503
 * saying how to build it; a path that tries to leave assets/ is refused with 400.
 */
export async function consolePlugin(fastify: FastifyInstance, options: ConsolePluginOptions): Promise<void> {
  const root = resolve(options.dir);
  const assetsRoot = join(root, "assets");

  const index = async (_request: unknown, reply: FastifyReply) => {
    let html: Buffer;
    try {
      html = await readFile(join(root, "index.html"));
    } catch {
      return notBuilt(reply);
    }
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .headers(pageHeaders(CONSOLE_PAGE_POLICY))
      .send(html);
  };
  fastify.get("/console", index);
  fastify.get("/console/", index);

  fastify.get<{ Params: { "*": string } }>("/console/assets/*", async (request, reply) => {
    if (!(await isDirectory(root))) return notBuilt(reply);
    const wanted = request.params["*"] ?? "";
    if (!isSafeAssetPath(wanted)) return refused(reply, 400);
    const path = resolve(assetsRoot, wanted);
    if (!path.startsWith(assetsRoot + sep)) return refused(reply, 400);
    let body: Buffer;
    try {
      // A symlink inside assets/ must not lead outside it either.
      const real = await realpath(path);
      const realRoot = await realpath(assetsRoot);
      if (!real.startsWith(realRoot + sep)) return refused(reply, 400);
      if (!(await stat(real)).isFile()) return refused(reply, 404);
      body = await readFile(real);
    } catch {
      return refused(reply, 404);
    }
    return reply
      .type(TYPES[extname(path).toLowerCase()] ?? "application/octet-stream")
      .header("cache-control", IMMUTABLE)
      .header("x-content-type-options", "nosniff")
      .send(body);
  });
}
