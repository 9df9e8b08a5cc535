import { describe, expect, it } from "vitest";
import { defaultSignInGuardPolicy, SignInGuard } from "../../src/staff/sign-in-guard.js";

const T = 1_000_000;

describe("SignInGuard (pure)", () => {
  it("keeps a real account's backoff through a flood of made-up names from many addresses", () => {
    const guard = new SignInGuard();
    for (let i = 0; i < 6; i++) guard.attempted("li.wei", `10.0.0.${i}`, false, T);
    expect(guard.check("li.wei", "10.9.9.9", false, T).allowed).toBe(false);
    for (let i = 0; i < 20_000; i++) guard.attempted(null, `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, false, T);
    expect(guard.check("li.wei", "10.9.9.9", false, T)).toMatchObject({ allowed: false, why: "account" });
  });

  it("refuses an address outright past the window's maximum, until the window passes", () => {
    const guard = new SignInGuard({ ...defaultSignInGuardPolicy, maxDelayMs: 1, firstDelayMs: 1 });
    const n = defaultSignInGuardPolicy.maxFailuresPerAddress;
    for (let i = 1; i <= n; i++) guard.attempted(null, "10.6.6.6", false, T + 2 * i);
    const t = T + 2 * n;
    expect(guard.check(null, "10.6.6.6", false, t + 2)).toMatchObject({ allowed: false, why: "address" });
    expect(guard.check(null, "10.6.6.6", false, t + defaultSignInGuardPolicy.windowMs).allowed).toBe(true);
  });

  it("raises each anomaly once per window", () => {
    const guard = new SignInGuard();
    const alerts = Array.from({ length: 8 }, (_, i) => guard.attempted("li.wei", `10.0.0.${i}`, false, T + i)).flat();
    expect(alerts).toEqual([{ kind: "many-addresses", account: "li.wei", addresses: 5 }]);
  });

  it("does not slow an account for a typo from its own address", () => {
    const guard = new SignInGuard();
    for (let i = 0; i < 10; i++) guard.attempted("li.wei", "10.0.0.1", true, T + i * 120_000);
    expect(guard.check("li.wei", "10.0.0.2", false, T + 1_200_000).allowed).toBe(true);
  });
});
