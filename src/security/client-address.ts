import { BlockList, isIP } from "node:net";

/**
 * Who is on the other end of a connection, for limits per address. The socket's own remote address
 * by default; behind a reverse proxy, X-Forwarded-For is read only when the connection comes from a
 * configured trusted proxy (anyone else could write any address into that header).
 */

/** Named ranges accepted in TRUSTED_PROXY besides addresses and CIDR ranges. */
const NAMED: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

export class TrustedProxyError extends Error {}

/** The proxies whose X-Forwarded-For is believed: addresses, CIDR ranges, `loopback`, `private`. */
export class TrustedProxies {
  private readonly list = new BlockList();

  private constructor(readonly entries: readonly string[]) {
    for (const entry of entries) {
      for (const range of NAMED[entry] ?? [entry]) {
        const [address = "", bits] = range.split("/");
        const type = isIP(address) === 6 ? "ipv6" : "ipv4";
        if (bits === undefined) this.list.addAddress(address, type);
        else this.list.addSubnet(address, Number(bits), type);
      }
    }
  }

  /** Parses a comma-separated list; throws TrustedProxyError naming the first bad entry. */
  static parse(spec: string): TrustedProxies {
    const entries = spec
      .split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean);
    for (const entry of entries) {
      if (entry in NAMED) continue;
      const [address = "", bits, extra] = entry.split("/");
      const version = isIP(address);
      const max = version === 6 ? 128 : 32;
      const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
      if (version === 0 || !bitsOk || extra !== undefined) {
        throw new TrustedProxyError(`"${entry}" is not an IP address, a CIDR range, "loopback" or "private"`);
      }
    }
    if (entries.length === 0) throw new TrustedProxyError("names no proxy");
    return new TrustedProxies(entries);
  }

  trusts(address: string): boolean {
    const ip = normaliseIp(address);
    if (!ip) return false;
    return this.list.check(ip, isIP(ip) === 6 ? "ipv6" : "ipv4");
  }
}

/**
 * An address as written by a socket or a proxy, made plain: IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as
 * IPv4, a zone (`%eth0`), brackets and a port (`[::1]:443`, `1.2.3.4:5678`) dropped. Undefined when
 * it is not an IP address at all.
 */
export function normaliseIp(raw: string): string | undefined {
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1] as string;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (mapped) s = mapped[1] as string;
  return isIP(s) === 0 ? undefined : s;
}

/**
 * The client's address: the socket's remote address, unless that is a trusted proxy; then the
 * X-Forwarded-For hops are read from the right (the nearest) and the first that is not itself a
 * trusted proxy is the client. A hop that is not an address stops the walk at the last good one.
 */
export function clientAddress(remote: string, forwardedFor: string | string[] | undefined, trusted?: TrustedProxies): string {
  let address = normaliseIp(remote) ?? remote;
  if (!trusted || forwardedFor === undefined || !trusted.trusts(address)) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",");
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseIp(hops[i] as string);
    if (!hop) break;
    address = hop;
    if (!trusted.trusts(hop)) break;
  }
  return address;
}

/**
 * The key limits count under: an IPv4 address as is; an IPv6 address by its /64, since one
 * subscriber is usually given a whole /64 and could otherwise take a fresh address per connection.
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail] = address.split("::");
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const width = (gs: string[]) => gs.reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0);
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const full = [...h, ...Array.from({ length: 8 - width(h) - width(t) }, () => "0"), ...t];
  return `${full
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}
