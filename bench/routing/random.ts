/**
 * Seeded randomness for the routing simulator.
 *
 * Common random numbers: every policy must face the very same citizens, so the draws are split into
 * independent streams per purpose (arrivals, attributes, handle times, patience, offers), each derived
 * from (seed, purpose). What one policy does can then never shift another stream: a policy that makes
 * more offers consumes more offer draws, but only from the chat's own offer stream, and the k-th offer of
 * a chat sees the same draws under every policy.
 */

/** splitmix32: turns any 32-bit value into a well-mixed one; used to seed the generators. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a of a purpose name, so "arrivals" and "patience" give unrelated streams. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** xoshiro128**: 128 bits of state (mulberry32's 2^32 period is uncomfortably short for long runs). */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    s = splitmix32(s);
    this.a = s;
    s = splitmix32(s);
    this.b = s;
    s = splitmix32(s);
    this.c = s;
    s = splitmix32(s);
    this.d = s;
    // All-zero state would stick at zero forever.
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A stream for one purpose, independent of every other purpose under the same seed. */
  static stream(seed: number, purpose: string, index = 0): Rng {
    return new Rng(splitmix32((seed >>> 0) ^ splitmix32(hashString(purpose) ^ splitmix32(index >>> 0))));
  }

  /** Next raw 32-bit value. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform on the open interval (0, 1): never 0, so -log(u) is always finite. */
  uniform(): number {
    return (this.nextU32() + 0.5) / 4294967296;
  }

  exponential(mean: number): number {
    return -mean * Math.log(this.uniform());
  }

  /** Standard normal (Box-Muller; uses two uniforms per draw so the stream position is predictable). */
  normal(): number {
    const u1 = this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Lognormal with the given mean and coefficient of variation (sd / mean) — the parameters people
   * quote for handle times — rather than the mu/sigma of the underlying normal:
   * sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2.
   */
  lognormal(mean: number, cv: number): number {
    if (cv <= 0) return mean;
    const sigma2 = Math.log(1 + cv * cv);
    return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * this.normal());
  }

  /** Index drawn from cumulative weights (last entry = total). */
  categorical(cumulative: readonly number[]): number {
    const total = cumulative[cumulative.length - 1] ?? 0;
    const u = this.uniform() * total;
    for (let i = 0; i < cumulative.length; i++) if (u < cumulative[i]!) return i;
    return cumulative.length - 1;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A categorical distribution over named values, prepared once. */
export class Categorical<T extends string> {
  readonly values: readonly T[];
  private readonly cumulative: number[];

  constructor(shares: Readonly<Record<T, number>>) {
    this.values = Object.keys(shares) as T[];
    let sum = 0;
    this.cumulative = this.values.map((v) => {
      sum += shares[v];
      return sum;
    });
  }

  draw(rng: Rng): T {
    return this.values[rng.categorical(this.cumulative)]!;
  }
}
