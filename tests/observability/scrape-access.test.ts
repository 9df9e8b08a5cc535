import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { metricsConfig } from "../../src/config/observability.js";
import { mayScrape, type ScrapeRequest } from "../../src/observability/scrape-access.js";
import { TrustedProxies } from "../../src/security/client-address.js";

const TOKEN = "scrape-token-0123456789abcdefghij";
const from = (ip: string, headers: ScrapeRequest["headers"] = {}, socketAddress = ip): ScrapeRequest => ({
  ip,
  socketAddress,
  headers,
});

describe("who may read /metrics", () => {
  it("loopback (v4, v6, v4-mapped) by default, nobody else", () => {
    const rule = metricsConfig({});
    for (const ip of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
      expect(mayScrape(from(ip), rule), ip).toBe(true);
    for (const ip of ["10.0.0.1", "192.168.1.2", "203.0.113.9", "::2", "not an address"])
      expect(mayScrape(from(ip), rule), ip).toBe(false);
  });

  it("METRICS_ALLOW's addresses and ranges; the token from anywhere, compared whole", () => {
    const rule = metricsConfig({
      METRICS_ALLOW: TrustedProxies.parse("10.0.0.0/8, 192.0.2.7, fd00::/8"),
      METRICS_TOKEN: TOKEN,
    });
    for (const ip of ["10.200.1.1", "192.0.2.7", "fd00::1"]) expect(mayScrape(from(ip), rule), ip).toBe(true);
    for (const ip of ["11.0.0.1", "192.0.2.8", "fe80::1"]) expect(mayScrape(from(ip), rule), ip).toBe(false);
    expect(mayScrape(from("203.0.113.9", { authorization: `Bearer ${TOKEN}` }), rule)).toBe(true);
    expect(mayScrape(from("203.0.113.9", { authorization: `bearer ${TOKEN}` }), rule)).toBe(true);
    for (const wrong of [
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      TOKEN,
      `Basic ${TOKEN}`,
      "Bearer ",
    ]) {
      expect(mayScrape(from("203.0.113.9", { authorization: wrong }), rule), wrong).toBe(false);
    }
    // Without METRICS_TOKEN no bearer is accepted at all.
    expect(mayScrape(from("203.0.113.9", { authorization: `Bearer ${TOKEN}` }), metricsConfig({}))).toBe(
      false,
    );
  });

  it("a request a proxy passed on counts by the client a trusted proxy names, never by the proxy's own address", () => {
    const rule = metricsConfig({ METRICS_ALLOW: TrustedProxies.parse("10.0.0.0/8") });
    // An untrusted proxy on loopback: the server's request.ip is the proxy's; the client is unknown.
    for (const header of ["x-forwarded-for", "forwarded", "x-real-ip"]) {
      expect(mayScrape(from("127.0.0.1", { [header]: "203.0.113.9" }), rule), header).toBe(false);
    }
    // A trusted proxy (TRUSTED_PROXY): request.ip is the client it names.
    expect(mayScrape(from("10.3.3.3", { "x-forwarded-for": "10.3.3.3" }, "127.0.0.1"), rule)).toBe(true);
    expect(mayScrape(from("203.0.113.9", { "x-forwarded-for": "203.0.113.9" }, "127.0.0.1"), rule)).toBe(
      false,
    );
  });

  it("is configured by METRICS_ALLOW and METRICS_TOKEN, whose bad values stop the start (the token never echoed)", () => {
    const config = loadConfig({ METRICS_ALLOW: "10.0.0.0/8,loopback", METRICS_TOKEN: TOKEN });
    expect(config.metrics.token).toBe(TOKEN);
    expect(config.metrics.allow?.trusts("10.9.9.9")).toBe(true);
    expect(loadConfig({}).metrics).toEqual({});
    expect(() => loadConfig({ METRICS_ALLOW: "10.0.0.0/33" })).toThrow(/METRICS_ALLOW/);
    let refused: unknown;
    try {
      loadConfig({ METRICS_TOKEN: "short secret" });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConfigError);
    expect(String(refused)).toContain("METRICS_TOKEN");
    expect(String(refused)).not.toContain("short secret");
  });
});
