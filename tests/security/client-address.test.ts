import { describe, expect, it } from "vitest";
import { addressKey, clientAddress, normaliseIp, TrustedProxies, TrustedProxyError } from "../../src/security/client-address.js";

describe("client address", () => {
  it("plain addresses from what sockets and proxies write", () => {
    expect(normaliseIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normaliseIp(" 203.0.113.7 ")).toBe("203.0.113.7");
    expect(normaliseIp("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(normaliseIp("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normaliseIp("fe80::1%eth0")).toBe("fe80::1");
    expect(normaliseIp("2001:DB8::A")).toBe("2001:db8::a");
    expect(normaliseIp("unknown")).toBeUndefined();
    expect(normaliseIp("")).toBeUndefined();
  });

  it("parses TRUSTED_PROXY: addresses, CIDR ranges of both kinds, loopback and private; names a bad entry", () => {
    const t = TrustedProxies.parse("10.0.0.5, 192.168.8.0/24, 2001:db8:1::/48, loopback");
    expect(t.trusts("10.0.0.5")).toBe(true);
    expect(t.trusts("10.0.0.6")).toBe(false);
    expect(t.trusts("192.168.8.200")).toBe(true);
    expect(t.trusts("192.168.9.1")).toBe(false);
    expect(t.trusts("2001:db8:1:ffff::2")).toBe(true);
    expect(t.trusts("2001:db8:2::2")).toBe(false);
    expect(t.trusts("::ffff:127.0.0.1")).toBe(true);
    expect(t.trusts("::1")).toBe(true);
    expect(TrustedProxies.parse("private").trusts("172.20.1.1")).toBe(true);
    expect(TrustedProxies.parse("private").trusts("8.8.8.8")).toBe(false);
    for (const bad of ["proxy.example", "10.0.0.0/33", "10.0.0.1/8/2", "::1/129", " , "]) {
      expect(() => TrustedProxies.parse(bad), bad).toThrow(TrustedProxyError);
    }
    expect(() => TrustedProxies.parse("10.0.0.1,nginx")).toThrow(/"nginx"/);
  });

  it("is the socket's address unless that is a trusted proxy: then the nearest hop the proxies did not add", () => {
    const proxies = TrustedProxies.parse("10.0.0.0/8");
    // No trusted proxy configured: the header is anyone's to write, and ignored.
    expect(clientAddress("203.0.113.9", "198.51.100.1")).toBe("203.0.113.9");
    // From an address that is not a trusted proxy: ignored too.
    expect(clientAddress("203.0.113.9", "198.51.100.1", proxies)).toBe("203.0.113.9");
    // From the proxy: the client it saw.
    expect(clientAddress("::ffff:10.1.2.3", "198.51.100.1", proxies)).toBe("198.51.100.1");
    // A client's own (forged) entries come first; the proxy appends what it saw.
    expect(clientAddress("10.1.2.3", "1.2.3.4, 198.51.100.1", proxies)).toBe("198.51.100.1");
    // Through two trusted proxies.
    expect(clientAddress("10.1.2.3", "198.51.100.1, 10.9.9.9", proxies)).toBe("198.51.100.1");
    // Repeated headers, as Node gives them.
    expect(clientAddress("10.1.2.3", ["1.2.3.4", "198.51.100.1"], proxies)).toBe("198.51.100.1");
    // Garbage stops the walk at the last good hop; no header leaves the proxy's own address.
    expect(clientAddress("10.1.2.3", "198.51.100.1, garbage", proxies)).toBe("10.1.2.3");
    expect(clientAddress("10.1.2.3", undefined, proxies)).toBe("10.1.2.3");
    expect(clientAddress("10.1.2.3", "10.4.4.4", proxies)).toBe("10.4.4.4");
  });

  it("counts an IPv4 address as itself and an IPv6 address by its /64", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:0:1:aaaa::1")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:db8:0:1:bbbb:cccc:dddd:eeee")).toBe("2001:db8:0:1::/64");
    expect(addressKey("2001:0db8:0000:0001::")).toBe("2001:db8:0:1::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("::ffff:1.2.3.4")).toBe("0:0:0:0::/64");
    expect(addressKey("2001:db8::")).toBe("2001:db8:0:0::/64");
  });
});
