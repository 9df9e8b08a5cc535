import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { AgentProfileView } from "../protocol/agent-events.js";
import { formatIssues } from "../http/validation.js";
import type { StaffTokens } from "../security/conversation-token.js";
import type { AuditLog } from "../audit/audit-log.js";
import { STAFF_ROLES } from "../domain/staff-role.js";
import type { StaffRecord, StaffSessionStore, StaffStore } from "../storage/ports.js";
import { hashPassword } from "./password.js";
import { type AgentSecondFactorRule, needsSecondFactor } from "./second-factor.js";
import type { SignedIn, SignInOutcome, StaffSignIn } from "./sign-in.js";
import { StaffError } from "./staff-error.js";

export { StaffError };

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
    roles: z.array(z.enum(STAFF_ROLES)).min(1).max(STAFF_ROLES.length).default(["agent"]),
  })
  .strict();
export type NewStaff = z.input<typeof NewStaffInput>;

/** What an admin may change on an account (a password is reset, never chosen by the admin). */
export const StaffChangeInput = z
  .object({
    displayName: z.string().trim().min(1).max(40),
    languages: z.array(z.enum(["zh", "en"])).min(1).max(2),
    skills: z.array(z.enum(SKILLS)).min(1).max(SKILLS.length),
    capacity: z.number().int().min(1).max(10),
    roles: z.array(z.enum(STAFF_ROLES)).min(1).max(STAFF_ROLES.length),
    disabled: z.boolean(),
    /** Ask an agent-only account for a second factor (the other roles always need one). */
    requireSecondFactor: z.boolean(),
  })
  .partial()
  .strict();
export type StaffChange = z.infer<typeof StaffChangeInput>;

export const SignInInput = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict();
export const SecondFactorInput = z.object({ challenge: z.string().min(1).max(4096), code: z.string().min(1).max(40) }).strict();

export const profileView = (s: StaffRecord): AgentProfileView => ({
  id: s.id,
  username: s.username,
  displayName: s.displayName,
  languages: s.languages,
  skills: s.skills,
  capacity: s.capacity,
  roles: s.roles,
});

/** An account as an admin's list shows it (never the password hash nor anything of the second factor's secrets). */
export const accountView = (s: StaffRecord, agents: AgentSecondFactorRule) => ({
  ...profileView(s),
  disabled: s.disabled,
  createdAt: s.createdAt,
  secondFactor: { required: needsSecondFactor(s, agents), enrolled: s.totpSecretSealed !== null, recoveryCodesLeft: s.recoveryCodeHashes.length },
});

/** Who acts on an account: a staff member, an operator at the command line, or the server itself (first start). */
export type Actor = StaffRecord | "cli" | "system";
const actorId = (actor: Actor): string => (typeof actor === "string" ? actor : actor.id);

/**
 * Staff accounts and their sessions; sign-in itself is src/staff/sign-in.ts. A token names a
 * session: sign-out, an admin, a disabled account or a reset password ends it at once, everywhere
 * (listeners close the sockets it opened). Everything that matters is written to the audit log.
 */
export class StaffAccounts {
  private readonly sessionsEnded: ((sessionIds: string[]) => void)[] = [];

  constructor(
    private readonly deps: {
      store: StaffStore;
      sessions: StaffSessionStore;
      tokens: StaffTokens;
      audit: AuditLog;
      clock: () => Date;
      signIns: StaffSignIn;
      newId?: () => string;
    },
  ) {}

  /** Told the ids of sessions that just ended, to close what they have open. */
  onSessionsEnded(listener: (sessionIds: string[]) => void): void {
    this.sessionsEnded.push(listener);
  }

  async create(input: NewStaff, actor: Actor = "cli"): Promise<StaffRecord> {
    const parsed = NewStaffInput.safeParse(input);
    if (!parsed.success) {
      throw new StaffError("STAFF_BAD_INPUT", formatIssues(parsed.error.issues));
    }
    const data = parsed.data;
    const { store, clock } = this.deps;
    if (await store.findByUsername(data.username)) throw new StaffError("STAFF_USERNAME_TAKEN", `${data.username} exists`);
    const record: StaffRecord = {
      id: (this.deps.newId ?? randomUUID)(),
      username: data.username,
      displayName: data.displayName,
      passwordHash: await hashPassword(data.password),
      languages: data.languages,
      skills: data.skills,
      capacity: data.capacity,
      disabled: false,
      createdAt: clock().toISOString(),
      roles: [...new Set(data.roles)],
      totpSecretSealed: null,
      totpLastStep: 0,
      recoveryCodeHashes: [],
      requireSecondFactor: false,
    };
    await store.create(record);
    await this.deps.audit.record({ actor: actorId(actor), action: "staff.create", target: record.id, detail: { username: record.username, roles: record.roles } });
    return record;
  }

  async list(): Promise<StaffRecord[]> {
    return this.deps.store.list();
  }

  async byUsername(username: string): Promise<StaffRecord> {
    const staff = await this.deps.store.findByUsername(username);
    if (!staff) throw new StaffError("STAFF_UNKNOWN_ACCOUNT", `no account ${username}`);
    return staff;
  }

  /**
   * Changes an account: profile, roles, disabled. Disabling ends its sessions at once. The last
   * admin cannot be disabled or lose the role (nobody could manage accounts any more).
   */
  async change(actor: Actor, staffId: string, input: StaffChange): Promise<StaffRecord> {
    const parsed = StaffChangeInput.safeParse(input);
    if (!parsed.success) throw new StaffError("STAFF_BAD_INPUT", formatIssues(parsed.error.issues));
    const changes = parsed.data;
    const { store } = this.deps;
    const before = await store.get(staffId);
    if (!before) throw new StaffError("STAFF_UNKNOWN_ACCOUNT", "no such account");
    const losesAdmin = before.roles.includes("admin") && !before.disabled && (changes.disabled === true || (changes.roles && !changes.roles.includes("admin")));
    if (losesAdmin) {
      const admins = (await store.list()).filter((s) => s.roles.includes("admin") && !s.disabled);
      if (admins.length <= 1) throw new StaffError("STAFF_LAST_ADMIN", "the last admin must keep the role and stay enabled");
    }
    await store.update(staffId, { ...changes, ...(changes.roles ? { roles: [...new Set(changes.roles)] } : {}) });
    const after = (await store.get(staffId)) as StaffRecord;
    const detail: Record<string, string[] | boolean | string | number> = {};
    for (const k of Object.keys(changes) as (keyof StaffChange)[]) detail[k] = after[k] as never;
    await this.deps.audit.record({ actor: actorId(actor), action: "staff.change", target: staffId, detail });
    if (changes.disabled) await this.endSessions(actor, staffId, "account disabled");
    return after;
  }

  /** A new random password for an account (given once to the admin); its sessions end. */
  async resetPassword(actor: Actor, staffId: string): Promise<string> {
    const staff = await this.deps.store.get(staffId);
    if (!staff) throw new StaffError("STAFF_UNKNOWN_ACCOUNT", "no such account");
    const password = randomBytes(12).toString("base64url");
    await this.deps.store.update(staffId, { passwordHash: await hashPassword(password) });
    await this.deps.audit.record({ actor: actorId(actor), action: "staff.reset-password", target: staffId });
    await this.endSessions(actor, staffId, "password reset");
    return password;
  }

  /** Ends every session of an account, on every instance, at once. */
  async endSessions(actor: Actor, staffId: string, reason = "ended by an admin"): Promise<number> {
    const ended = await this.deps.sessions.endAllFor(staffId, this.deps.clock().toISOString(), reason);
    await this.deps.audit.record({ actor: actorId(actor), action: "session.end-all", target: staffId, detail: { sessions: ended.length, reason } });
    if (ended.length > 0) for (const listener of this.sessionsEnded) listener(ended);
    return ended.length;
  }

  /** The password step (src/staff/sign-in.ts): a session, or the second step to take. */
  signIn(username: string, password: string, address: string): Promise<SignInOutcome> {
    return this.deps.signIns.password(username, password, address);
  }

  /** The second step: a code from the authenticator app, or a recovery code. */
  secondFactor(challenge: string, code: string, address: string): Promise<SignedIn> {
    return this.deps.signIns.secondFactor(challenge, code, address);
  }

  /** An admin lifts the sign-in backoff strangers' failures put on an account. */
  async liftSignInBackoff(actor: Actor, staffId: string): Promise<void> {
    const staff = await this.deps.store.get(staffId);
    if (!staff) throw new StaffError("STAFF_UNKNOWN_ACCOUNT", "no such account");
    this.deps.signIns.lift(staff.username);
    await this.deps.audit.record({ actor: actorId(actor), action: "staff.unlock", target: staffId });
  }

  /**
   * Forgets an account's authenticator and recovery codes (a lost phone): it enrols again at its
   * next sign-in. Its sessions end, since one of them may be the phone's finder's.
   */
  async resetSecondFactor(actor: Actor, staffId: string): Promise<void> {
    if (!(await this.deps.store.update(staffId, { totpSecretSealed: null, recoveryCodeHashes: [] }))) {
      throw new StaffError("STAFF_UNKNOWN_ACCOUNT", "no such account");
    }
    await this.deps.audit.record({ actor: actorId(actor), action: "staff.reset-second-factor", target: staffId });
    await this.endSessions(actor, staffId, "second factor reset");
  }

  /** Ends the session a token names (sign-out); the token stops working at once. */
  async signOut(token: unknown): Promise<void> {
    const { staff, sessionId } = await this.session(token);
    if (await this.deps.sessions.end(sessionId, this.deps.clock().toISOString(), "signed out")) {
      await this.deps.audit.record({ actor: staff.id, action: "session.end-own", target: staff.id });
      for (const listener of this.sessionsEnded) listener([sessionId]);
    }
  }

  /** The signed-in staff member a token names, or STAFF_BAD_TOKEN. */
  async fromToken(token: unknown): Promise<StaffRecord> {
    return (await this.session(token)).staff;
  }

  /** The open session a token names and its staff member; STAFF_BAD_TOKEN when it is not open. */
  async session(token: unknown): Promise<{ staff: StaffRecord; sessionId: string }> {
    const now = this.deps.clock();
    const sessionId = typeof token === "string" && token.length <= 2048 ? this.deps.tokens.verify(token, now) : undefined;
    const session = sessionId ? await this.deps.sessions.get(sessionId) : undefined;
    const open = session && session.endedAt === null && Date.parse(session.expiresAt) > now.getTime();
    const staff = open ? await this.deps.store.get(session.staffId) : undefined;
    if (!session || !staff || staff.disabled) throw new StaffError("STAFF_BAD_TOKEN", "sign in again");
    return { staff, sessionId: session.id };
  }
}
