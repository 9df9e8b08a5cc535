import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("configuration", () => {
  it("has safe embedded defaults and generates the secrets once, reusing them later", () => {
    dir = mkdtempSync(join(tmpdir(), "cfg-"));
    const a = loadConfig({ DATA_DIR: dir }, dir);
    expect(a).toMatchObject({ host: "127.0.0.1", port: 3000, chat: { maxText: 2000, rateLimit: 10, rateWindowMs: 5000 } });
    expect(a.secrets.generated).toEqual(["SESSION_SECRET", "FIELD_ENCRYPTION_KEY"]);
    const file = join(dir, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const b = loadConfig({ DATA_DIR: dir }, dir);
    expect(b.secrets.sessionSecret).toBe(a.secrets.sessionSecret);
    expect(b.secrets.fieldKey.equals(a.secrets.fieldKey)).toBe(true);
    expect(readFileSync(file, "utf8")).toContain(a.secrets.sessionSecret);
  });

  it("uses secrets from the environment without writing a file", () => {
    dir = mkdtempSync(join(tmpdir(), "cfg-"));
    const key = Buffer.alloc(32, 7).toString("base64");
    const c = loadConfig({ DATA_DIR: dir, SESSION_SECRET: "k".repeat(40), FIELD_ENCRYPTION_KEY: key }, dir);
    expect(c.secrets.generated).toEqual([]);
    expect(existsSync(join(dir, "secrets.json"))).toBe(false);
  });

  it("names a bad value and hides secrets in the message", () => {
    dir = mkdtempSync(join(tmpdir(), "cfg-"));
    expect(() => loadConfig({ DATA_DIR: dir, PORT: "eighty" }, dir)).toThrow(/PORT: .*\(got "eighty"\)/);
    expect(() => loadConfig({ DATA_DIR: dir, LOG_LEVEL: "loud" }, dir)).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir, CORS_ORIGINS: "example.com" }, dir)).toThrow(/CORS_ORIGINS/);
    expect(loadConfig({ DATA_DIR: dir, CORS_ORIGINS: "https://a.example.gov.cn/, http://b.test:8080" }, dir).corsOrigins).toEqual([
      "https://a.example.gov.cn",
      "http://b.test:8080",
    ]);
    let message = "";
    try {
      loadConfig({ DATA_DIR: dir, FIELD_ENCRYPTION_KEY: "short-secret-value" }, dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("FIELD_ENCRYPTION_KEY");
    expect(message).not.toContain("short-secret-value");
  });

  it("sets up the WeChat channel only with its token and AppID, and hides the token and AES key in errors", () => {
    dir = mkdtempSync(join(tmpdir(), "cfg-"));
    expect(loadConfig({ DATA_DIR: dir }, dir).wechat).toBeUndefined();
    const wechat = { DATA_DIR: dir, WECHAT_TOKEN: "deskToken2026", WECHAT_APP_ID: "wx0123456789abcdef" };
    expect(loadConfig(wechat, dir).wechat).toEqual({ token: "deskToken2026", appId: "wx0123456789abcdef", apiBase: "https://api.weixin.qq.com", passiveWaitMs: 4500 });
    expect(() => loadConfig({ DATA_DIR: dir, WECHAT_TOKEN: "deskToken2026" }, dir)).toThrow(/WECHAT_APP_ID: required with WECHAT_TOKEN/);
    expect(() => loadConfig({ DATA_DIR: dir, WECHAT_APP_ID: "wx0123456789abcdef" }, dir)).toThrow(/WECHAT_TOKEN: required/);
    const bad = () => loadConfig({ ...wechat, WECHAT_TOKEN: "has spaces!", WECHAT_ENCODING_AES_KEY: "tooShortSecret" }, dir);
    expect(bad).toThrow(/WECHAT_TOKEN: .*\(got \(hidden\)\).*WECHAT_ENCODING_AES_KEY: the 43-character EncodingAESKey \(got \(hidden\)\)/);
    expect(bad).not.toThrow(/has spaces|tooShortSecret/);
  });

  it("sets up the Bot Framework channel with the bot's App ID and password, or without auth outside production only", () => {
    dir = mkdtempSync(join(tmpdir(), "cfg-"));
    expect(loadConfig({ DATA_DIR: dir }, dir).botFramework).toBeUndefined();
    const appId = "00000000-1111-4222-8333-444444444444";
    expect(loadConfig({ DATA_DIR: dir, BOTFRAMEWORK_APP_ID: appId, BOTFRAMEWORK_APP_PASSWORD: "pw" }, dir).botFramework).toEqual({ appId, appPassword: "pw", appType: "MultiTenant" });
    expect(() => loadConfig({ DATA_DIR: dir, BOTFRAMEWORK_APP_ID: appId }, dir)).toThrow(/BOTFRAMEWORK_APP_PASSWORD: required/);
    expect(() => loadConfig({ DATA_DIR: dir, BOTFRAMEWORK_APP_ID: appId, BOTFRAMEWORK_APP_PASSWORD: "pw", BOTFRAMEWORK_APP_TYPE: "SingleTenant" }, dir)).toThrow(/BOTFRAMEWORK_TENANT_ID: required/);
    expect(() => loadConfig({ DATA_DIR: dir, BOTFRAMEWORK_APP_ID: "not-a-guid", BOTFRAMEWORK_APP_PASSWORD: "s3cret-pw" }, dir)).toThrow(/BOTFRAMEWORK_APP_ID/);
    expect(() => loadConfig({ DATA_DIR: dir, BOTFRAMEWORK_APP_ID: "not-a-guid", BOTFRAMEWORK_APP_PASSWORD: "s3cret-pw" }, dir)).not.toThrow(/s3cret-pw/);
    expect(loadConfig({ DATA_DIR: dir, BOTFRAMEWORK_WITHOUT_AUTH: "true" }, dir).botFramework).toEqual({ appId: "", appPassword: "", appType: "MultiTenant" });
    const production = { DATA_DIR: dir, NODE_ENV: "production", SESSION_SECRET: "s".repeat(48), FIELD_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") };
    expect(() => loadConfig({ ...production, BOTFRAMEWORK_WITHOUT_AUTH: "true" }, dir)).toThrow(/BOTFRAMEWORK_WITHOUT_AUTH=true takes activities from anyone/);
  });

  it("generates into a data folder it makes 0700, and tightens an existing secrets file and folder", () => {
    dir = mkdtempSync(join(tmpdir(), "cfg-"));
    const data = join(dir, "nested", "data");
    loadConfig({ DATA_DIR: data }, dir);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    chmodSync(data, 0o755);
    chmodSync(join(data, "secrets.json"), 0o644);
    loadConfig({ DATA_DIR: data }, dir);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    expect(statSync(join(data, "secrets.json")).mode & 0o777).toBe(0o600);
  });

  it("reads each secret from a file when <NAME>_FILE is set, and refuses both or a bad file", () => {
    dir = mkdtempSync(join(tmpdir(), "cfg-"));
    const key = Buffer.alloc(32, 9);
    writeFileSync(join(dir, "field.key"), `${key.toString("base64")}\n`);
    writeFileSync(join(dir, "session.secret"), `${"s".repeat(40)}\n`);
    const c = loadConfig({ DATA_DIR: join(dir, "data"), FIELD_ENCRYPTION_KEY_FILE: "field.key", SESSION_SECRET_FILE: join(dir, "session.secret") }, dir);
    expect(c.secrets.fieldKey.equals(key)).toBe(true);
    expect(c.secrets.sessionSecret).toBe("s".repeat(40));
    expect(c.secrets.generated).toEqual([]);
    expect(existsSync(join(dir, "data", "secrets.json"))).toBe(false);
    expect(() => loadConfig({ DATA_DIR: dir, FIELD_ENCRYPTION_KEY_FILE: "field.key", FIELD_ENCRYPTION_KEY: key.toString("base64") }, dir)).toThrow(
      "set FIELD_ENCRYPTION_KEY or FIELD_ENCRYPTION_KEY_FILE, not both",
    );
    expect(() => loadConfig({ DATA_DIR: dir, FIELD_ENCRYPTION_KEY_FILE: "missing.key" }, dir)).toThrow(/FIELD_ENCRYPTION_KEY_FILE: cannot read .*missing\.key \(ENOENT\)/);
    writeFileSync(join(dir, "short.key"), "c2hvcnQ=");
    let message = "";
    try {
      loadConfig({ DATA_DIR: dir, FIELD_ENCRYPTION_KEY_FILE: "short.key" }, dir);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/FIELD_ENCRYPTION_KEY_FILE: .*short\.key must hold 32 bytes in base64/);
    expect(message).not.toContain("c2hvcnQ=");
    writeFileSync(join(dir, "short.secret"), "too short");
    expect(() => loadConfig({ DATA_DIR: dir, SESSION_SECRET_FILE: "short.secret" }, dir)).toThrow(/SESSION_SECRET_FILE: .* at least 32 characters/);
  });

  describe("with NODE_ENV=production", () => {
    const key = Buffer.alloc(32, 5).toString("base64");
    const secret = "p".repeat(40);

    it("refuses to start without the secrets, saying what to set, and generates nothing", () => {
      dir = mkdtempSync(join(tmpdir(), "cfg-"));
      const data = join(dir, "data");
      expect(() => loadConfig({ NODE_ENV: "production", DATA_DIR: data }, dir)).toThrow(ConfigError);
      expect(() => loadConfig({ NODE_ENV: "production", DATA_DIR: data }, dir)).toThrow(
        "NODE_ENV=production needs SESSION_SECRET (or SESSION_SECRET_FILE) and FIELD_ENCRYPTION_KEY (or FIELD_ENCRYPTION_KEY_FILE, a file outside DATA_DIR)",
      );
      expect(() => loadConfig({ NODE_ENV: "production", DATA_DIR: data, SESSION_SECRET: secret }, dir)).toThrow(
        /needs FIELD_ENCRYPTION_KEY \(or FIELD_ENCRYPTION_KEY_FILE, a file outside DATA_DIR\); secrets are generated/,
      );
      expect(() => loadConfig({ NODE_ENV: "production", DATA_DIR: data, FIELD_ENCRYPTION_KEY: key }, dir)).toThrow(/needs SESSION_SECRET \(or SESSION_SECRET_FILE\);/);
      expect(existsSync(join(data, "secrets.json"))).toBe(false);
    });

    it("points to the secrets generated in development instead of making new ones", () => {
      dir = mkdtempSync(join(tmpdir(), "cfg-"));
      const data = join(dir, "data");
      loadConfig({ DATA_DIR: data }, dir);
      const before = readFileSync(join(data, "secrets.json"), "utf8");
      expect(() => loadConfig({ NODE_ENV: "production", DATA_DIR: data }, dir)).toThrow(/secrets\.json holds the values generated so far: move them out/);
      // Even with one of them set elsewhere, the generated file is neither used nor rewritten.
      expect(() => loadConfig({ NODE_ENV: "production", DATA_DIR: data, SESSION_SECRET: secret }, dir)).toThrow(/FIELD_ENCRYPTION_KEY/);
      expect(readFileSync(join(data, "secrets.json"), "utf8")).toBe(before);
    });

    it("starts with the secrets from the environment, or from files outside DATA_DIR", () => {
      dir = mkdtempSync(join(tmpdir(), "cfg-"));
      const data = join(dir, "data");
      const c = loadConfig({ NODE_ENV: "production", DATA_DIR: data, SESSION_SECRET: secret, FIELD_ENCRYPTION_KEY: key }, dir);
      expect(c.secrets.generated).toEqual([]);
      mkdirSync(join(dir, "keys"));
      writeFileSync(join(dir, "keys", "field.key"), key);
      writeFileSync(join(dir, "keys", "session.secret"), secret);
      const f = loadConfig({ NODE_ENV: "production", DATA_DIR: data, SESSION_SECRET_FILE: "keys/session.secret", FIELD_ENCRYPTION_KEY_FILE: "keys/field.key" }, dir);
      expect(f.secrets.fieldKey.toString("base64")).toBe(key);
      expect(f.secrets.sessionSecret).toBe(secret);
      expect(existsSync(join(data, "secrets.json"))).toBe(false);
    });

    it("refuses a key file inside DATA_DIR, also reached through a symbolic link", () => {
      dir = mkdtempSync(join(tmpdir(), "cfg-"));
      const data = join(dir, "data");
      mkdirSync(join(data, "keys"), { recursive: true });
      writeFileSync(join(data, "keys", "field.key"), key);
      writeFileSync(join(data, "session.secret"), secret);
      const env = { NODE_ENV: "production", DATA_DIR: data };
      expect(() => loadConfig({ ...env, SESSION_SECRET: secret, FIELD_ENCRYPTION_KEY_FILE: join(data, "keys", "field.key") }, dir)).toThrow(
        /FIELD_ENCRYPTION_KEY_FILE: .*field\.key is inside DATA_DIR .*keep it outside the data folder/,
      );
      expect(() => loadConfig({ ...env, FIELD_ENCRYPTION_KEY: key, SESSION_SECRET_FILE: "data/session.secret" }, dir)).toThrow(/SESSION_SECRET_FILE: .* is inside DATA_DIR/);
      symlinkSync(join(data, "keys"), join(dir, "keys"));
      expect(() => loadConfig({ ...env, SESSION_SECRET: secret, FIELD_ENCRYPTION_KEY_FILE: "keys/field.key" }, dir)).toThrow(/is inside DATA_DIR/);
      // A folder whose name only begins like the data folder's is outside it.
      mkdirSync(join(dir, "data-keys"));
      writeFileSync(join(dir, "data-keys", "field.key"), key);
      expect(loadConfig({ ...env, SESSION_SECRET: secret, FIELD_ENCRYPTION_KEY_FILE: "data-keys/field.key" }, dir).secrets.fieldKey.toString("base64")).toBe(key);
      // Development takes a key file anywhere.
      expect(loadConfig({ DATA_DIR: data, SESSION_SECRET: secret, FIELD_ENCRYPTION_KEY_FILE: "keys/field.key" }, dir).secrets.generated).toEqual([]);
    });
  });
});
