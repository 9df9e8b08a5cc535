/**
 * What stops password guessing without handing strangers a way to lock staff out. Pure: the caller
 * passes the time and tells it each outcome.
 *
 * - Per address: after a few failures in the window, each further failure from it doubles the time
 *   before it may try again (up to `maxDelayMs`); far more, and the address is refused for the window.
 * - Per account: failures from addresses it never signed in from make the account back off the same
 *   way for such addresses only. An address the account has signed in from before (its own office,
 *   its own phone) is never held back by them: a stranger can slow the guessing of a password, not
 *   the person who knows it. An admin can lift an account's backoff.
 * - Anomalies (one account failing from many addresses, one address failing on many accounts) are
 *   reported once per window, for the audit log and the admins.
 */
export interface SignInGuardPolicy {
  windowMs: number;
  /** Failures from one address before it is slowed. */
  freeFailuresPerAddress: number;
  /** Failures from one address in the window after which it is refused until the window passes. */
  maxFailuresPerAddress: number;
  /** Failures on one account from unknown addresses before they are slowed. */
  freeFailuresPerAccount: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** Distinct addresses failing on one account, or accounts failing from one address, that raise an alert. */
  anomalyThreshold: number;
}

export const defaultSignInGuardPolicy: SignInGuardPolicy = {
  windowMs: 15 * 60_000,
  freeFailuresPerAddress: 5,
  maxFailuresPerAddress: 100,
  freeFailuresPerAccount: 5,
  firstDelayMs: 1000,
  maxDelayMs: 60_000,
  anomalyThreshold: 5,
};

export type SignInVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; why: "address" | "account" };

export type SignInAlert = { kind: "many-addresses"; account: string; addresses: number } | { kind: "many-accounts"; address: string; accounts: number };

interface Failures {
  times: number[];
  /** Earliest time the next attempt is allowed. */
  notBefore: number;
  /** Distinct accounts (for an address) or addresses (for an account) that failed in the window. */
  others: Map<string, number>;
  alerted: number;
}

/** Bounded: a flood of made-up names or addresses cannot grow memory without end. */
const MAX_ENTRIES = 10_000;

export class SignInGuard {
  private readonly byAddress = new Map<string, Failures>();
  private readonly byAccount = new Map<string, Failures>();

  constructor(private readonly policy: SignInGuardPolicy = defaultSignInGuardPolicy) {}

  /** Whether an attempt on `account` from `address` may be checked now; `known`: the account signed in from there before. */
  check(account: string | null, address: string, known: boolean, now: number): SignInVerdict {
    const a = this.entry(this.byAddress, address, false);
    if (a && this.recent(a, now).length >= this.policy.maxFailuresPerAddress) {
      return { allowed: false, retryAfterMs: (a.times[0] as number) + this.policy.windowMs - now, why: "address" };
    }
    if (a && a.notBefore > now) return { allowed: false, retryAfterMs: a.notBefore - now, why: "address" };
    if (!known && account !== null) {
      const c = this.entry(this.byAccount, account, false);
      if (c && c.notBefore > now) return { allowed: false, retryAfterMs: c.notBefore - now, why: "account" };
    }
    return { allowed: true };
  }

  /**
   * An attempt about to be checked, counted as a failure until `succeeded` says otherwise (counted
   * before the slow hash, so a burst of parallel guesses cannot all pass `check`). Returns the
   * alerts now due.
   */
  attempted(account: string | null, address: string, known: boolean, now: number): SignInAlert[] {
    const alerts: SignInAlert[] = [];
    const a = this.entry(this.byAddress, address, true) as Failures;
    this.count(a, now, this.policy.freeFailuresPerAddress, account ?? `?${a.times.length}`);
    if (a.others.size >= this.policy.anomalyThreshold && a.alerted <= now - this.policy.windowMs) {
      a.alerted = now;
      alerts.push({ kind: "many-accounts", address, accounts: a.others.size });
    }
    // No account by that name: nothing to protect, and no entry a flood of made-up names could use
    // to push a real account's backoff out of the table.
    if (account === null) return alerts;
    const c = this.entry(this.byAccount, account, true) as Failures;
    // From an address the account uses, a typo does not slow the account for everyone else.
    if (!known) this.count(c, now, this.policy.freeFailuresPerAccount, address);
    else this.prune(c, now);
    if (c.others.size >= this.policy.anomalyThreshold && c.alerted <= now - this.policy.windowMs) {
      c.alerted = now;
      alerts.push({ kind: "many-addresses", account, addresses: c.others.size });
    }
    return alerts;
  }

  /** The right password: proof it is the account's own person, so address and account start afresh. */
  succeeded(account: string | null, address: string): void {
    this.byAddress.delete(address);
    if (account !== null) this.byAccount.delete(account);
  }

  /** An admin lifts an account's backoff. */
  lift(account: string): void {
    this.byAccount.delete(account);
  }

  private count(f: Failures, now: number, free: number, other: string): void {
    this.prune(f, now);
    f.times.push(now);
    f.others.set(other, now);
    const over = f.times.length - free;
    if (over > 0) f.notBefore = now + Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** (over - 1));
  }

  private prune(f: Failures, now: number): void {
    const since = now - this.policy.windowMs;
    while (f.times.length > 0 && (f.times[0] as number) <= since) f.times.shift();
    for (const [k, at] of f.others) if (at <= since) f.others.delete(k);
  }

  private recent(f: Failures, now: number): number[] {
    this.prune(f, now);
    return f.times;
  }

  private entry(map: Map<string, Failures>, key: string, create: boolean): Failures | undefined {
    let f = map.get(key);
    if (!f && create) {
      if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as string);
      f = { times: [], notBefore: 0, others: new Map(), alerted: -Infinity };
      map.set(key, f);
    }
    return f;
  }
}
