import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
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
});
