import { resolve } from "node:path";
import { z } from "zod";

/**
 * Every setting, read from the environment in one place and validated at start.
 * Defaults run the whole product on one machine with embedded stores.
 */
const Env = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  host: string;
  port: number;
  /** Where models, the embedded database and generated secrets live. */
  dataDir: string;
  /** The project root: knowledge-base/ and bot/ are read from here. */
  rootDir: string;
  logLevel: z.infer<typeof Env>["LOG_LEVEL"];
}

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, rootDir = process.cwd()): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  return { host: e.HOST, port: e.PORT, dataDir: resolve(rootDir, e.DATA_DIR), rootDir, logLevel: e.LOG_LEVEL };
}
