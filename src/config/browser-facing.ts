import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createSecureContext } from "node:tls";
import { z } from "zod";
import { ConfigError } from "./config-error.js";

/** Browser-facing hardening and TLS (issue 12). */
const BrowserFacingEnv = z.object({
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  HSTS: z.enum(["true", "false"]).optional(),
});

export interface BrowserFacing {
  /** Serve https (and socket.io over it) from these PEM files; plain http without them. */
  tls?: { certFile: string; keyFile: string; cert: Buffer; key: Buffer };
  /** Send Strict-Transport-Security: by default only when serving TLS; HSTS=true behind a TLS proxy. */
  hsts: boolean;
}

function readTlsFile(name: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(`invalid configuration: ${name}: cannot read ${path} (${reason})`);
  }
}

/** TLS_CERT_FILE / TLS_KEY_FILE (both or neither, read and checked as a pair now) and HSTS. */
export function browserFacing(env: NodeJS.ProcessEnv, rootDir: string): BrowserFacing {
  const parsed = BrowserFacingEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `${name}: ${i.message} (got ${JSON.stringify(env[name])})`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  const { TLS_CERT_FILE, TLS_KEY_FILE, HSTS } = parsed.data;
  if (!TLS_CERT_FILE !== !TLS_KEY_FILE) {
    throw new ConfigError(
      "invalid configuration: TLS_CERT_FILE and TLS_KEY_FILE go together: set both to serve https, or neither",
    );
  }
  let tls: BrowserFacing["tls"];
  if (TLS_CERT_FILE && TLS_KEY_FILE) {
    const certFile = resolve(rootDir, TLS_CERT_FILE);
    const keyFile = resolve(rootDir, TLS_KEY_FILE);
    const cert = readTlsFile("TLS_CERT_FILE", certFile);
    const key = readTlsFile("TLS_KEY_FILE", keyFile);
    try {
      createSecureContext({ cert, key });
    } catch (error) {
      throw new ConfigError(
        `invalid configuration: TLS_CERT_FILE / TLS_KEY_FILE: ${certFile} and ${keyFile} ` +
          `are not a PEM certificate and its private key (${(error as Error).message})`,
      );
    }
    tls = { certFile, keyFile, cert, key };
  }
  return { ...(tls ? { tls } : {}), hsts: HSTS === undefined ? tls !== undefined : HSTS === "true" };
}

