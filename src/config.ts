import { join, resolve } from "node:path";
import { z } from "zod";
import { abuseEnv, type AbuseLimits, abuseLimits } from "./config/abuse-limits.js";
import { type BotFrameworkConfig, botFrameworkConfig, botFrameworkEnv } from "./config/botframework.js";
import { type WechatConfig, wechatConfig, wechatEnv } from "./config/wechat.js";
import { type BackupConfig, backupConfig, backupEnv } from "./config/backup.js";
import { type MetricsConfig, metricsConfig, observabilityEnv } from "./config/observability.js";
import { type BrowserFacing, browserFacing } from "./config/browser-facing.js";
import { ConfigError } from "./config/config-error.js";
import { base64Key, resolveSecrets, type Secrets } from "./config/secrets.js";
import type { AgentSecondFactorRule } from "./staff/second-factor.js";
import { parseServiceHours, type ServiceHours, ServiceHoursError } from "./handoff/service-hours.js";

export { ConfigError } from "./config/config-error.js";
export type { AbuseLimits, SocketEventKind } from "./config/abuse-limits.js";
export { fieldKeyFromFile } from "./config/secrets.js";

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

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
  // Sample turns run through the turn path on scratch storage before serving (0: none).
  WARM_UP_TURNS: int(0, 5000).default(500),
  // How often a running desk looks for a newly published knowledge version (0: only at start).
  KNOWLEDGE_POLL_MS: int(0, 3_600_000).default(5000),
  // The most a publication may lower the share of guard questions understood right (0.01: one point).
  KNOWLEDGE_MAX_DROP: z.coerce.number().min(0).max(1).default(0.01),
  // "required": a draft is published only once a second editor approved it as it is.
  KNOWLEDGE_REVIEW: z.enum(["optional", "required"]).default("optional"),
  // The system of record in MongoDB (a replica set in production); unset: the embedded SQLite file.
  MONGODB_URI: z.url({ protocol: /^mongodb(\+srv)?$/, message: "must be a mongodb:// or mongodb+srv:// URL" }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, message: "must be a redis:// or rediss:// URL" }).optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "letters, digits, '-' and '_'").default("desk"),
  OFFER_TIMEOUT_MS: int(1000, 120_000).default(25_000),
  AGENT_GRACE_MS: int(0, 3_600_000).default(60_000),
  CITIZEN_GRACE_MS: int(0, 3_600_000).default(120_000),
  STAFF_TOKEN_HOURS: int(1, 24 * 30).default(12),
  // Demo agents: on by default in development, off with NODE_ENV=production unless asked for.
  DEMO_STAFF: z.enum(["true", "false"]).optional(),
  STAFF_AGENT_SECOND_FACTOR: z.enum(["per-account", "required"]).default("per-account"),
  STAFF_AUTHENTICATOR_ISSUER: z.string().trim().min(1).max(40).default("社保服务台"),
  SERVICE_HOURS: z.string().min(1).default("always"),
  SERVICE_TIMEZONE: z.string().min(1).default("Asia/Shanghai"),
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: "must be the http(s) address citizens reach the desk at" }).optional(),
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((o) => o.trim()).filter(Boolean) : []))
    .pipe(z.array(z.url({ protocol: /^https?$/, message: "each origin must be an http(s) URL such as https://www.example.gov.cn" }))),
  ...abuseEnv, // Abuse limits (issue 12)
  ...wechatEnv,
  ...backupEnv, // Backups of the embedded store (issue 17)
  ...botFrameworkEnv,
  ...observabilityEnv,
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
  secrets: Secrets;
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
  /** Rehearsal turns before serving, so the first citizens are answered as fast as later ones (src/conversation/rehearsal.ts). */
  warmUpTurns: number;
  /** How often the store is asked for a newer knowledge version to serve (0: only at start). */
  knowledgePollMs: number;
  /** The regression guard refuses a publication that lowers accuracy by more than this (src/publishing/regression-guard.ts). */
  knowledgeMaxDrop: number;
  /** Whether a second editor must approve a draft before it is published (src/publishing/draft-review.ts). */
  knowledgeReviewRequired: boolean;
  /** The demo back office moves each application one status step on after this long (0: never). */
  demoStatusStepMs: number;
  /** The address citizens reach the desk at, for links in replies; by default the listening address. */
  publicUrl?: string;
  /** Other sites allowed to embed the widget (its socket connects cross-origin); none by default. */
  corsOrigins: string[];
  /** Several servers share the live queue through Redis when set; otherwise it lives in this process. */
  redis?: { url: string; prefix: string };
  /** MongoDB as the store (src/storage/mongo/); unset: the embedded SQLite file. */
  mongodbUri?: string;
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
    /** Agent-only accounts: a second factor when an admin asks it of one, or always. */
    agentSecondFactor: AgentSecondFactorRule;
    /** The name authenticator apps show beside a staff account. */
    authenticatorIssuer: string;
  };
  /** Abuse limits (issue 12): per address, per conversation and per socket. */
  limits: AbuseLimits;
  /** The WeChat official account channel (src/channels/wechat/); unset: web only. */
  wechat?: WechatConfig;
  /** The Bot Framework channel (src/channels/botframework/); unset: none. */
  botFramework?: BotFrameworkConfig;
  /** Backups of the embedded store while the desk runs (src/backup/): how often, where, how many kept. */
  backup: BackupConfig;
  /** Who may read /metrics besides loopback (src/observability/). */
  metrics: MetricsConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, rootDir = process.cwd()): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      const shown = /SECRET|KEY|PASSWORD|^(WECHAT|METRICS)_TOKEN$/.test(name) ? "(hidden)" : JSON.stringify(env[name]);
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
  const wechat = wechatConfig(e);
  const botFramework = botFrameworkConfig(e, e.NODE_ENV === "production");
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
    warmUpTurns: e.WARM_UP_TURNS,
    knowledgePollMs: e.KNOWLEDGE_POLL_MS,
    knowledgeMaxDrop: e.KNOWLEDGE_MAX_DROP,
    knowledgeReviewRequired: e.KNOWLEDGE_REVIEW === "required",
    ...(e.REDIS_URL ? { redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX } } : {}),
    ...(e.MONGODB_URI ? { mongodbUri: e.MONGODB_URI } : {}),
    handoff: { offerTimeoutMs: e.OFFER_TIMEOUT_MS, agentGraceMs: e.AGENT_GRACE_MS, citizenGraceMs: e.CITIZEN_GRACE_MS, serviceHours },
    staff: {
      tokenHours: e.STAFF_TOKEN_HOURS,
      demoAccounts: e.DEMO_STAFF === undefined ? e.NODE_ENV !== "production" : e.DEMO_STAFF === "true",
      agentSecondFactor: e.STAFF_AGENT_SECOND_FACTOR,
      authenticatorIssuer: e.STAFF_AUTHENTICATOR_ISSUER,
    },
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, "") } : {}),
    limits: abuseLimits(e), // Abuse limits (issue 12)
    ...(wechat ? { wechat } : {}),
    ...(botFramework ? { botFramework } : {}),
    backup: backupConfig(e, { dataDir, rootDir }),
    metrics: metricsConfig(e),
  };
}

/**
 * The settings `npm run backup` and `npm run restore` need (the data folder, the store, the backup
 * settings), validated as loadConfig does but without resolving the secrets: in development that
 * would generate secrets.json into the very folder a restore needs empty.
 */
export function loadBackupSettings(
  env: NodeJS.ProcessEnv = process.env,
  rootDir = process.cwd(),
): { dataDir: string; mongodbUri?: string; backup: BackupConfig } {
  const parsed = z.object({ DATA_DIR: Env.shape.DATA_DIR, MONGODB_URI: Env.shape.MONGODB_URI, ...backupEnv }).safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const dataDir = resolve(rootDir, e.DATA_DIR);
  return { dataDir, ...(e.MONGODB_URI ? { mongodbUri: e.MONGODB_URI } : {}), backup: backupConfig(e, { dataDir, rootDir }) };
}
