import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { createSecureContext } from "node:tls";
import { z } from "zod";
import { parseServiceHours, type ServiceHours, ServiceHoursError } from "./handoff/service-hours.js";
import { securePrivateFolder } from "./storage/sqlite/private-files.js";
import { TrustedProxies } from "./security/client-address.js"; // Abuse limits (issue 12)
import type { Rate } from "./security/rate-limit.js"; // Abuse limits (issue 12)

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const base64Key = z
  .string()
  .refine((s) => /^[A-Za-z0-9+/]+={0,2}$/.test(s) && Buffer.from(s, "base64").length === 32, {
    message: "must be 32 bytes in base64 (openssl rand -base64 32)",
  });

// Abuse limits (issue 12)
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
const abuseEnv = {
  TRUSTED_PROXY: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s.trim() === "") return undefined;
      try {
        return TrustedProxies.parse(s);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
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
function abuseLimits(e: { [K in keyof typeof abuseEnv]: z.infer<(typeof abuseEnv)[K]> }): AbuseLimits {
  return {
    ...(e.TRUSTED_PROXY ? { trustedProxies: e.TRUSTED_PROXY } : {}),
    addressConnections: e.LIMIT_ADDRESS_CONNECTIONS,
    addressSockets: e.LIMIT_ADDRESS_SOCKETS,
    addressConversations: e.LIMIT_ADDRESS_CONVERSATIONS,
    conversationMessages: e.LIMIT_CONVERSATION_MESSAGES,
    socketEvents: e.LIMIT_SOCKET_EVENTS,
  };
}

/**
 * Every setting, read from the environment in one place and validated at start.
 * Defaults run the whole product on one machine with embedded stores.
 */
const Env = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: int(0, 65535).default(3000),
  DATA_DIR: z.string().min(1).default("data"),
  MODELS_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  FIELD_ENCRYPTION_KEY: base64Key.optional(),
  FIELD_ENCRYPTION_OLD_KEYS: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((k) => k.trim()).filter(Boolean) : []))
    .pipe(z.array(base64Key)),
  // Keys and files (issue 12): production takes its secrets from the environment or from files
  // outside DATA_DIR; only development generates them into DATA_DIR/secrets.json.
  NODE_ENV: z.string().optional(),
  SESSION_SECRET_FILE: z.string().min(1).optional(),
  FIELD_ENCRYPTION_KEY_FILE: z.string().min(1).optional(),
  CHAT_MAX_TEXT: int(1, 20_000).default(2000),
  CHAT_RATE_LIMIT: int(1, 1000).default(10),
  CHAT_RATE_WINDOW_MS: int(100, 3_600_000).default(5000),
  CHAT_TYPING_AFTER_MS: int(0, 10_000).default(300),
  NLU_WORKER: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  CONVERSATION_TOKEN_DAYS: int(1, 3650).default(30),
  SHUTDOWN_GRACE_MS: int(0, 600_000).default(10_000),
  DEMO_STATUS_STEP_MS: int(0, 86_400_000).default(30_000),
  FLOW_IDLE_MS: int(100, 86_400_000).default(30 * 60_000),
  REDIS_URL: z.url({ protocol: /^rediss?$/, message: "must be a redis:// or rediss:// URL" }).optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "letters, digits, '-' and '_'").default("desk"),
  OFFER_TIMEOUT_MS: int(1000, 120_000).default(25_000),
  AGENT_GRACE_MS: int(0, 3_600_000).default(60_000),
  CITIZEN_GRACE_MS: int(0, 3_600_000).default(120_000),
  STAFF_TOKEN_HOURS: int(1, 24 * 30).default(12),
  DEMO_STAFF: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  SERVICE_HOURS: z.string().min(1).default("always"),
  SERVICE_TIMEZONE: z.string().min(1).default("Asia/Shanghai"),
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: "must be the http(s) address citizens reach the desk at" }).optional(),
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((o) => o.trim()).filter(Boolean) : []))
    .pipe(z.array(z.url({ protocol: /^https?$/, message: "each origin must be an http(s) URL such as https://www.example.gov.cn" }))),
  ...abuseEnv, // Abuse limits (issue 12)
});

export interface Config extends BrowserFacing {
  host: string;
  port: number;
  /** Where models, the embedded database and generated secrets live. */
  dataDir: string;
  /** Trained NLU artifacts; by default `<dataDir>/models`. */
  modelsDir: string;
  /** The project root: knowledge-base/, bot/ and widget/ are read from here. */
  rootDir: string;
  logLevel: z.infer<typeof Env>["LOG_LEVEL"];
  secrets: {
    /** Signs conversation tokens (HMAC-SHA256). */
    sessionSecret: string;
    /** AES-256-GCM key for personal data at rest. */
    fieldKey: Buffer;
    /** Earlier keys, still accepted for decryption after a rotation. */
    oldFieldKeys: Buffer[];
    /** Which secrets were generated into the data folder because the environment gave none (development only). */
    generated: string[];
  };
  chat: {
    maxText: number;
    rateLimit: number;
    rateWindowMs: number;
    tokenDays: number;
    /** The bot's "typing" shows only when its answer takes longer than this (0: always). */
    typingAfterMs: number;
  };
  shutdownGraceMs: number;
  /** The service's time zone (IANA): service hours are in it, and every time shown to people. */
  timeZone: string;
  /** Understand messages in a worker thread (the default) rather than on the event loop. */
  nluWorker: boolean;
  /** A guided application left idle this long ends with a notice. */
  flowIdleMs: number;
  /** The demo back office moves each application one status step on after this long (0: never). */
  demoStatusStepMs: number;
  /** The address citizens reach the desk at, for links in replies; by default the listening address. */
  publicUrl?: string;
  /** Other sites allowed to embed the widget (its socket connects cross-origin); none by default. */
  corsOrigins: string[];
  /** Several servers share the live queue through Redis when set; otherwise it lives in this process. */
  redis?: { url: string; prefix: string };
  handoff: {
    /** An offer to an agent lapses after this long and goes to someone else. */
    offerTimeoutMs: number;
    /** An agent whose socket dropped keeps their chats this long before they go back to the queue. */
    agentGraceMs: number;
    /** A waiting citizen whose every tab closed keeps their place this long, then leaves the queue. */
    citizenGraceMs: number;
    serviceHours: ServiceHours;
  };
  staff: {
    tokenHours: number;
    /** Create demo agent accounts (passwords written to DATA_DIR/demo-staff.json) when none exist. */
    demoAccounts: boolean;
  };
  /** Abuse limits (issue 12): per address, per conversation and per socket. */
  limits: AbuseLimits;
}

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
}

// Browser-facing hardening and TLS (issue 12)
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
function browserFacing(env: NodeJS.ProcessEnv, rootDir: string): BrowserFacing {
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

const SecretsFile = z.object({ sessionSecret: z.string().min(32), fieldKey: base64Key });

/**
 * In development, secrets the environment did not set are generated once into
 * `<dataDir>/secrets.json` (mode 600, in the 0700 data folder) and reused on later starts, so
 * tokens and encrypted data survive a restart.
 */
function localSecrets(dataDir: string): { sessionSecret: string; fieldKey: string; created: boolean } {
  const file = join(dataDir, "secrets.json");
  securePrivateFolder(dataDir);
  if (existsSync(file)) {
    const parsed = SecretsFile.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) throw new ConfigError(`${file} is damaged: delete it only if no data was encrypted with it`);
    return { ...parsed.data, created: false };
  }
  const secrets = { sessionSecret: randomBytes(32).toString("base64url"), fieldKey: randomBytes(32).toString("base64") };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { ...secrets, created: true };
}

const realPath = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/** Whether `path` is `dir` or inside it, symbolic links followed. */
function isInsideFolder(path: string, dir: string): boolean {
  const rel = relative(realPath(dir), realPath(path));
  return rel === "" || !(rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

export interface SecretPlace {
  rootDir: string;
  dataDir: string;
  production: boolean;
}

/**
 * A secret kept in a file (`<NAME>_FILE`, the way container secrets are mounted), trimmed. In
 * production the file must not be in DATA_DIR: a copy or backup of the data folder must not carry
 * the key that opens it. `setting` names where the path came from, for the messages.
 */
function secretFromFile(setting: string, path: string, place: SecretPlace): string {
  const file = resolve(place.rootDir, path);
  if (place.production && isInsideFolder(file, place.dataDir)) {
    throw new ConfigError(
      `invalid configuration: ${setting}: ${file} is inside DATA_DIR (${place.dataDir}); with NODE_ENV=production keep it outside the data folder, so a copy of the data does not carry its key`,
    );
  }
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(`invalid configuration: ${setting}: cannot read ${file} (${why})`);
  }
}

/** A field key from a file: 32 bytes in base64. Also read by `npm run keys:rotate -- --new-key-file`. */
export function fieldKeyFromFile(setting: string, path: string, place: SecretPlace): Buffer {
  const text = secretFromFile(setting, path, place);
  if (!base64Key.safeParse(text).success) {
    throw new ConfigError(`invalid configuration: ${setting}: ${resolve(place.rootDir, path)} must hold 32 bytes in base64 (openssl rand -base64 32)`);
  }
  return Buffer.from(text, "base64");
}

/**
 * Each secret from its variable or its `_FILE` (not both); otherwise development generates it into
 * the data folder and production refuses to start, saying what to set.
 */
function resolveSecrets(e: z.infer<typeof Env>, place: SecretPlace): Config["secrets"] {
  for (const name of ["SESSION_SECRET", "FIELD_ENCRYPTION_KEY"] as const) {
    if (e[name] && e[`${name}_FILE`]) throw new ConfigError(`invalid configuration: set ${name} or ${name}_FILE, not both`);
  }
  let sessionSecret = e.SESSION_SECRET;
  if (!sessionSecret && e.SESSION_SECRET_FILE) {
    sessionSecret = secretFromFile("SESSION_SECRET_FILE", e.SESSION_SECRET_FILE, place);
    if (sessionSecret.length < 32) {
      throw new ConfigError(`invalid configuration: SESSION_SECRET_FILE: ${resolve(place.rootDir, e.SESSION_SECRET_FILE)} must hold at least 32 characters`);
    }
  }
  let fieldKey: Buffer | undefined = e.FIELD_ENCRYPTION_KEY ? Buffer.from(e.FIELD_ENCRYPTION_KEY, "base64") : undefined;
  if (!fieldKey && e.FIELD_ENCRYPTION_KEY_FILE) fieldKey = fieldKeyFromFile("FIELD_ENCRYPTION_KEY_FILE", e.FIELD_ENCRYPTION_KEY_FILE, place);
  const generated: string[] = [];
  if (!sessionSecret || !fieldKey) {
    if (place.production) {
      const missing = [
        ...(sessionSecret ? [] : ["SESSION_SECRET (or SESSION_SECRET_FILE)"]),
        ...(fieldKey ? [] : ["FIELD_ENCRYPTION_KEY (or FIELD_ENCRYPTION_KEY_FILE, a file outside DATA_DIR)"]),
      ];
      const file = join(place.dataDir, "secrets.json");
      const earlier = existsSync(file)
        ? ` ${file} holds the values generated so far: move them out of the data folder into these settings (its fieldKey is FIELD_ENCRYPTION_KEY) rather than making new ones, or what was encrypted so far will not open.`
        : "";
      throw new ConfigError(
        `invalid configuration: NODE_ENV=production needs ${missing.join(" and ")}; secrets are generated into DATA_DIR only in development.${earlier}`,
      );
    }
    const local = localSecrets(place.dataDir);
    if (!sessionSecret) {
      sessionSecret = local.sessionSecret;
      generated.push("SESSION_SECRET");
    }
    if (!fieldKey) {
      fieldKey = Buffer.from(local.fieldKey, "base64");
      generated.push("FIELD_ENCRYPTION_KEY");
    }
  }
  return {
    sessionSecret,
    fieldKey,
    oldFieldKeys: e.FIELD_ENCRYPTION_OLD_KEYS.map((k) => Buffer.from(k, "base64")),
    generated,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, rootDir = process.cwd()): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      const shown = /SECRET|KEY/.test(name) ? "(hidden)" : JSON.stringify(env[name]);
      return `${name}: ${i.message} (got ${shown})`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  let serviceHours: ServiceHours;
  try {
    serviceHours = parseServiceHours(e.SERVICE_HOURS, e.SERVICE_TIMEZONE);
  } catch (error) {
    if (!(error instanceof ServiceHoursError)) throw error;
    throw new ConfigError(`invalid configuration: SERVICE_HOURS / SERVICE_TIMEZONE: ${error.message}`);
  }
  const dataDir = resolve(rootDir, e.DATA_DIR);
  const secrets = resolveSecrets(e, { rootDir, dataDir, production: e.NODE_ENV === "production" });
  return {
    ...browserFacing(env, rootDir),
    host: e.HOST,
    port: e.PORT,
    dataDir,
    modelsDir: e.MODELS_DIR ? resolve(rootDir, e.MODELS_DIR) : join(dataDir, "models"),
    rootDir,
    logLevel: e.LOG_LEVEL,
    secrets,
    chat: {
      maxText: e.CHAT_MAX_TEXT,
      rateLimit: e.CHAT_RATE_LIMIT,
      rateWindowMs: e.CHAT_RATE_WINDOW_MS,
      tokenDays: e.CONVERSATION_TOKEN_DAYS,
      typingAfterMs: e.CHAT_TYPING_AFTER_MS,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    nluWorker: e.NLU_WORKER,
    timeZone: serviceHours.timeZone,
    corsOrigins: e.CORS_ORIGINS.map((o) => new URL(o).origin),
    demoStatusStepMs: e.DEMO_STATUS_STEP_MS,
    flowIdleMs: e.FLOW_IDLE_MS,
    ...(e.REDIS_URL ? { redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } } : {}),
    handoff: { offerTimeoutMs: e.OFFER_TIMEOUT_MS, agentGraceMs: e.AGENT_GRACE_MS, citizenGraceMs: e.CITIZEN_GRACE_MS, serviceHours },
    staff: { tokenHours: e.STAFF_TOKEN_HOURS, demoAccounts: e.DEMO_STAFF },
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, "") } : {}),
    limits: abuseLimits(e), // Abuse limits (issue 12)
  };
}
