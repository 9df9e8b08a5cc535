import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { z } from "zod";
import { securePrivateFolder } from "../storage/sqlite/private-files.js";
import { ConfigError } from "./config-error.js";

export const base64Key = z
  .string()
  .refine((s) => /^[A-Za-z0-9+/]+={0,2}$/.test(s) && Buffer.from(s, "base64").length === 32, {
    message: "must be 32 bytes in base64 (openssl rand -base64 32)",
  });

/** What the desk keeps secret: how it signs tokens and seals personal data. */
export interface Secrets {
  /** Signs conversation tokens (HMAC-SHA256). */
  sessionSecret: string;
  /** AES-256-GCM key for personal data at rest. */
  fieldKey: Buffer;
  /** Earlier keys, still accepted for decryption after a rotation. */
  oldFieldKeys: Buffer[];
  /** Which secrets were generated into the data folder because the environment gave none (development only). */
  generated: string[];
}

/** The settings the secrets come from. */
export interface SecretsEnv {
  SESSION_SECRET?: string | undefined;
  SESSION_SECRET_FILE?: string | undefined;
  FIELD_ENCRYPTION_KEY?: string | undefined;
  FIELD_ENCRYPTION_KEY_FILE?: string | undefined;
  FIELD_ENCRYPTION_OLD_KEYS: string[];
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
export function resolveSecrets(e: SecretsEnv, place: SecretPlace): Secrets {
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

