import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { AgentProfileView } from "../protocol/agent-events.js";
import { formatIssues } from "../http/validation.js";
import type { StaffTokens } from "../security/conversation-token.js";
import { SlidingWindowLimit } from "../security/rate-limit.js";
import type { StaffRecord, StaffStore } from "../storage/ports.js";
import { decoyHash, hashPassword, verifyPassword } from "./password.js";

/** Each code with the HTTP status it answers with when a request caused it (the sign-in route). */
const STAFF_STATUS = {
  STAFF_BAD_CREDENTIALS: 401,
  STAFF_BAD_TOKEN: 401,
  STAFF_RATE_LIMITED: 429,
  STAFF_BAD_INPUT: 400,
  STAFF_USERNAME_TAKEN: 409,
} as const;

export class StaffError extends Error {
  readonly status: number;

  constructor(
    readonly code: keyof typeof STAFF_STATUS,
    message: string,
  ) {
    super(message);
    this.status = STAFF_STATUS[code];
  }
}

const SKILLS = ["*", "pension", "medical", "unemployment", "injury", "maternity", "card", "other"] as const;

/** What a new account needs; validated before anything is stored. */
export const NewStaffInput = z
  .object({
    username: z.string().regex(/^[a-z][a-z0-9._-]{2,31}$/, "3-32 lowercase letters, digits, '.', '_' or '-', starting with a letter"),
    displayName: z.string().trim().min(1).max(40),
    password: z.string().min(10, "at least 10 characters").max(200),
    languages: z.array(z.enum(["zh", "en"])).min(1).max(2),
    skills: z.array(z.enum(SKILLS)).min(1).max(SKILLS.length),
    capacity: z.number().int().min(1).max(10),
  })
  .strict();
export type NewStaff = z.infer<typeof NewStaffInput>;

export const SignInInput = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();

export const profileView = (s: StaffRecord): AgentProfileView => ({
  id: s.id,
  username: s.username,
  displayName: s.displayName,
  languages: s.languages,
  skills: s.skills,
  capacity: s.capacity,
});

/**
 * Staff accounts and sign-in. A wrong username and a wrong password look the same (same error,
 * same work: an unknown name is checked against a decoy hash); attempts are limited per username
 * and per address, so a password cannot be guessed at speed.
 */
export class StaffAccounts {
  private readonly byName = new Map<string, SlidingWindowLimit>();
  private readonly byAddress = new Map<string, SlidingWindowLimit>();

  constructor(
    private readonly store: StaffStore,
    private readonly tokens: StaffTokens,
    private readonly clock: () => Date,
    private readonly limits = { attempts: 10, windowMs: 5 * 60_000 },
  ) {}

  async create(input: NewStaff): Promise<StaffRecord> {
    const parsed = NewStaffInput.safeParse(input);
    if (!parsed.success) {
      throw new StaffError("STAFF_BAD_INPUT", formatIssues(parsed.error.issues));
    }
    const data = parsed.data;
    if (await this.store.findByUsername(data.username)) throw new StaffError("STAFF_USERNAME_TAKEN", `${data.username} exists`);
    const record: StaffRecord = {
      id: randomUUID(),
      username: data.username,
      displayName: data.displayName,
      passwordHash: await hashPassword(data.password),
      languages: data.languages,
      skills: data.skills,
      capacity: data.capacity,
      disabled: false,
      createdAt: this.clock().toISOString(),
    };
    await this.store.create(record);
    return record;
  }

  async signIn(username: string, password: string, address: string): Promise<{ token: string; expiresAt: string; staff: StaffRecord }> {
    const now = this.clock().getTime();
    // Both limits count the attempt before the slow hash, so a burst of parallel guesses cannot all
    // pass the check; a success gives its count back. A refused attempt creates no entry, so a
    // flood from one address cannot push real usernames out of the table.
    const addressLimit = this.limit(this.byAddress, address);
    if (!addressLimit.tryHit(now)) throw new StaffError("STAFF_RATE_LIMITED", "too many failed sign-ins; wait a few minutes");
    const nameLimit = this.limit(this.byName, username.toLowerCase());
    if (!nameLimit.tryHit(now)) {
      addressLimit.forget();
      throw new StaffError("STAFF_RATE_LIMITED", "too many failed sign-ins; wait a few minutes");
    }
    const staff = await this.store.findByUsername(username);
    const ok = await verifyPassword(password, staff?.passwordHash ?? (await decoyHash()));
    if (!staff || !ok || staff.disabled) throw new StaffError("STAFF_BAD_CREDENTIALS", "wrong username or password");
    // Only failures count: an agent who signs in on three tabs is not slowed down.
    nameLimit.forget();
    addressLimit.forget();
    const at = this.clock();
    return { token: this.tokens.issue(staff.id, at), expiresAt: this.tokens.expiresAt(at).toISOString(), staff };
  }

  /** The signed-in staff member a token names, or STAFF_BAD_TOKEN. */
  async fromToken(token: unknown): Promise<StaffRecord> {
    const id = typeof token === "string" && token.length <= 2048 ? this.tokens.verify(token, this.clock()) : undefined;
    const staff = id ? await this.store.get(id) : undefined;
    if (!staff || staff.disabled) throw new StaffError("STAFF_BAD_TOKEN", "sign in again");
    return staff;
  }

  private limit(map: Map<string, SlidingWindowLimit>, key: string): SlidingWindowLimit {
    let limit = map.get(key);
    if (!limit) {
      // Bounded: a flood of made-up names cannot grow memory without end; the oldest entry goes first.
      if (map.size >= 10_000) map.delete(map.keys().next().value as string);
      limit = new SlidingWindowLimit(this.limits.attempts, this.limits.windowMs);
      map.set(key, limit);
    }
    return limit;
  }
}
