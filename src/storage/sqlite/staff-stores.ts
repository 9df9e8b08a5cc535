import type Database from "better-sqlite3";
import type { StaffRole } from "../../domain/staff-role.js";
import type { StaffChanges, StaffRecord, StaffSessionRecord, StaffSessionStore, StaffStore } from "../ports.js";

/** Runs a write inside the adapter's group commit (durable when it resolves). */
export type Write = <R>(work: () => R) => Promise<R>;

const toStaff = (r: Record<string, unknown>): StaffRecord => ({
  id: r.id as string,
  username: r.username as string,
  displayName: r.display_name as string,
  passwordHash: r.password_hash as string,
  languages: JSON.parse(r.languages as string) as string[],
  skills: JSON.parse(r.skills as string) as string[],
  capacity: r.capacity as number,
  disabled: r.disabled === 1,
  createdAt: r.created_at as string,
  roles: JSON.parse(r.roles as string) as StaffRole[],
  totpSecretSealed: (r.totp_secret as string | null) ?? null,
  totpLastStep: r.totp_last_step as number,
  recoveryCodeHashes: JSON.parse(r.recovery_codes as string) as string[],
  requireSecondFactor: r.require_second_factor === 1,
});

const STAFF_COLUMNS: Record<keyof StaffChanges, string> = {
  displayName: "display_name",
  passwordHash: "password_hash",
  languages: "languages",
  skills: "skills",
  capacity: "capacity",
  disabled: "disabled",
  roles: "roles",
  totpSecretSealed: "totp_secret",
  totpLastStep: "totp_last_step",
  recoveryCodeHashes: "recovery_codes",
  requireSecondFactor: "require_second_factor",
};

const staffRow = (changes: StaffChanges): Record<string, unknown> => {
  const row: Record<string, unknown> = { ...changes };
  for (const k of ["languages", "skills", "roles", "recoveryCodeHashes"] as const) if (changes[k]) row[k] = JSON.stringify(changes[k]);
  for (const k of ["disabled", "requireSecondFactor"] as const) if (changes[k] !== undefined) row[k] = changes[k] ? 1 : 0;
  return row;
};

/** Staff accounts in the `staff` table. */
export function sqliteStaffStore(db: Database.Database, write: Write): StaffStore {
  const insert = db.prepare(
    `INSERT INTO staff (id, username, display_name, password_hash, languages, skills, capacity, disabled, created_at, roles,
                        totp_secret, totp_last_step, recovery_codes, require_second_factor)
     VALUES (@id, @username, @displayName, @passwordHash, @languages, @skills, @capacity, @disabled, @createdAt, @roles,
             @totpSecretSealed, @totpLastStep, @recoveryCodeHashes, @requireSecondFactor)`,
  );
  const advanceStep = db.prepare("UPDATE staff SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?");
  const codesOf = db.prepare("SELECT recovery_codes FROM staff WHERE id = ?").pluck();
  const setCodes = db.prepare("UPDATE staff SET recovery_codes = ? WHERE id = ?");
  const byId = db.prepare("SELECT * FROM staff WHERE id = ?");
  const byName = db.prepare("SELECT * FROM staff WHERE username = ?");
  const all = db.prepare("SELECT * FROM staff ORDER BY username");
  const updates = new Map<string, Database.Statement>();
  return {
    async create(r) {
      await write(() => insert.run({ ...r, ...staffRow(r) }));
    },
    async get(id) {
      const r = byId.get(id) as Record<string, unknown> | undefined;
      return r ? toStaff(r) : undefined;
    },
    async findByUsername(username) {
      const r = byName.get(username) as Record<string, unknown> | undefined;
      return r ? toStaff(r) : undefined;
    },
    async list() {
      return (all.all() as Record<string, unknown>[]).map(toStaff);
    },
    async update(id, changes) {
      const fields = (Object.keys(changes) as (keyof StaffChanges)[]).filter((k) => k in STAFF_COLUMNS && changes[k] !== undefined).sort();
      if (fields.length === 0) return (await this.get(id)) !== undefined;
      const key = fields.join(",");
      let statement = updates.get(key);
      if (!statement) {
        statement = db.prepare(`UPDATE staff SET ${fields.map((f) => `${STAFF_COLUMNS[f]} = @${f}`).join(", ")} WHERE id = @id`);
        updates.set(key, statement);
      }
      const run = statement;
      return (await write(() => run.run({ ...staffRow(changes), id }).changes)) === 1;
    },
    async advanceTotpStep(id, step) {
      return (await write(() => advanceStep.run(step, id, step).changes)) === 1;
    },
    async consumeRecoveryCode(id, hash) {
      // One synchronous read-and-write inside the write: nothing else runs between them.
      return write(() => {
        const raw = codesOf.get(id) as string | undefined;
        const codes = raw ? (JSON.parse(raw) as string[]) : [];
        if (!codes.includes(hash)) return undefined;
        const left = codes.filter((c) => c !== hash);
        setCodes.run(JSON.stringify(left), id);
        return left.length;
      });
    },
  };
}

const toSession = (r: Record<string, unknown>): StaffSessionRecord => ({
  id: r.id as string,
  staffId: r.staff_id as string,
  createdAt: r.created_at as string,
  expiresAt: r.expires_at as string,
  endedAt: (r.ended_at as string | null) ?? null,
  endedReason: (r.ended_reason as string | null) ?? null,
});

/** Staff sessions in the `staff_sessions` table. */
export function sqliteStaffSessionStore(db: Database.Database, write: Write): StaffSessionStore {
  const insert = db.prepare(
    "INSERT INTO staff_sessions (id, staff_id, created_at, expires_at, ended_at, ended_reason) VALUES (@id, @staffId, @createdAt, @expiresAt, @endedAt, @endedReason)",
  );
  const byId = db.prepare("SELECT * FROM staff_sessions WHERE id = ?");
  const end = db.prepare("UPDATE staff_sessions SET ended_at = ?, ended_reason = ? WHERE id = ? AND ended_at IS NULL");
  const openFor = db.prepare("SELECT id FROM staff_sessions WHERE staff_id = ? AND ended_at IS NULL").pluck();
  const endAllFor = db.prepare("UPDATE staff_sessions SET ended_at = ?, ended_reason = ? WHERE staff_id = ? AND ended_at IS NULL");
  return {
    async create(r) {
      await write(() => insert.run(r));
    },
    async get(id) {
      const r = byId.get(id) as Record<string, unknown> | undefined;
      return r ? toSession(r) : undefined;
    },
    async end(id, at, reason) {
      return (await write(() => end.run(at, reason, id).changes)) === 1;
    },
    async endAllFor(staffId, at, reason) {
      return write(() => {
        const ids = openFor.all(staffId) as string[];
        endAllFor.run(at, reason, staffId);
        return ids;
      });
    },
  };
}
