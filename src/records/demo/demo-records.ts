// Long because it is the whole demo adapter of RecordsPort (citizens, applications, their timelines
// and certificates) over its own SQLite file, standing in for a city's records system; its seed data
// (citizens.ts) and status rules (transitions.ts) live beside it.
import { createHmac, randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { normaliseCode, verificationCode } from "../../security/verification-code.js";
import { DEFAULT_TIME_ZONE, localDate } from "../../domain/local-time.js";
import { DecryptionError, type FieldCipher } from "../../security/field-cipher.js";
import { preparePrivateDatabase } from "../../storage/sqlite/private-files.js";
import { RecordsError } from "../errors.js";
import type {
  Application,
  ApplicationKind,
  ApplicationStatus,
  CitizenRecord,
  RecordsPort,
  StatusChange,
  TimelineEntry,
} from "../ports.js";
import { DEMO_CITIZEN_LIST } from "./citizens.js";
import { migrations } from "./migrations.js";
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  DEFAULT_TRANSITIONS,
  type DemoTransitions,
  nextStep,
  TERMINAL_STATUSES,
} from "./transitions.js";

export interface DemoRecordsOptions {
  /** The demo back office's own SQLite file (created 0600 with its folder, 0700, when missing). */
  file: string;
  /** Seals ID numbers, the citizen's values and this file's own keys. */
  cipher: FieldCipher;
  clock: () => Date;
  /** Automatic status steps for the demo; default DEFAULT_TRANSITIONS, false for none. */
  transitions?: DemoTransitions | false;
  /** The service's time zone: the date in an application number is the day there (default Asia/Shanghai). */
  timeZone?: string;
}

interface ApplicationRow {
  number: string;
  kind: string;
  id_number_hash: string;
  id_number_sealed: string;
  status: string;
  created_at: string;
  updated_at: string;
  timeline: string;
  values_sealed: string;
  verification_code: string | null;
}

type Text = { zh: string; en: string };
type CardStatus = CitizenRecord["cardStatus"];

/** setTimeout's ceiling (about 24.8 days); a longer wait is re-armed when it runs out. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** The calendar day in the service's time zone as yyyymmdd: application numbers use it. */
export function applicationDay(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return localDate(at, timeZone).replaceAll("-", "");
}

const normaliseId = (idNumber: string) => idNumber.trim().toUpperCase();

/** Brings the file's schema up to date; each migration runs in its own transaction. */
function migrate(db: Database.Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/**
 * The demo back office: seeded fictional citizens (citizens.ts) and a SQLite file of applications
 * and card-status changes, with optional scheduled status steps so a demo chat sees progress.
 * better-sqlite3 is synchronous, so each write is in the WAL before its promise resolves and the
 * daily number sequence cannot race within the process.
 */
export function createDemoRecords(options: DemoRecordsOptions): RecordsPort {
  const { cipher, clock } = options;
  const transitions =
    options.transitions === false ? undefined : (options.transitions ?? DEFAULT_TRANSITIONS);

  // Citizens' data: folder 0700, file (and so its -wal and -shm) 0600.
  preparePrivateDatabase(options.file);
  const db = new Database(options.file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  // The default autocheckpoint is kept: a handful of applications a minute never stalls a chat.
  migrate(db);

  /**
   * A random key kept in the file, sealed with the field cipher. Keys derived from the ID alone
   * (a plain SHA-256) could be reversed by trying every birth date and region; these cannot be
   * without the field key.
   */
  function sealedSecret(name: string): Buffer {
    db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)").run(
      name,
      cipher.encrypt(randomBytes(32).toString("base64")),
    );
    const { value } = db.prepare("SELECT value FROM meta WHERE key = ?").get(name) as { value: string };
    try {
      return Buffer.from(cipher.decrypt(value), "base64");
    } catch (err) {
      db.close();
      if (err instanceof DecryptionError) {
        throw new RecordsError(
          "RECORDS_WRONG_KEY",
          `${options.file} was sealed with another FIELD_ENCRYPTION_KEY; set that key (or list it in FIELD_ENCRYPTION_OLD_KEYS)`,
        );
      }
      throw err;
    }
  }
  const lookupKey = sealedSecret("lookup_key");
  const codeSecret = sealedSecret("verification_secret").toString("base64");
  const idHash = (idNumber: string) =>
    createHmac("sha256", lookupKey).update(normaliseId(idNumber)).digest("hex");

  const citizens = new Map(DEMO_CITIZEN_LIST.map((c) => [idHash(c.idNumber), c]));

  const q = {
    nextInDay: db.prepare(
      `INSERT INTO application_days (day, last) VALUES (?, 1)
       ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last`,
    ),
    insert: db.prepare(
      `INSERT INTO applications (number, kind, id_number_hash, id_number_sealed, status, created_at, updated_at, timeline, values_sealed, verification_code)
       VALUES (@number, @kind, @id_number_hash, @id_number_sealed, @status, @created_at, @updated_at, @timeline, @values_sealed, @verification_code)`,
    ),
    get: db.prepare("SELECT * FROM applications WHERE number = ?"),
    byCitizen: db.prepare(
      "SELECT * FROM applications WHERE id_number_hash = ? ORDER BY created_at DESC, number DESC",
    ),
    byCode: db.prepare("SELECT * FROM applications WHERE verification_code = ?"),
    pending: db.prepare(
      "SELECT number, kind, status, updated_at FROM applications WHERE status IN ('submitted', 'accepted', 'under_review')",
    ),
    setStatus: db.prepare(
      "UPDATE applications SET status = ?, updated_at = ?, timeline = ? WHERE number = ?",
    ),
    card: db.prepare("SELECT status FROM card_status WHERE id_number_hash = ?"),
    setCard: db.prepare(
      `INSERT INTO card_status (id_number_hash, status, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (id_number_hash) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    ),
  };

  const toApplication = (r: ApplicationRow): Application => ({
    number: r.number,
    kind: r.kind as ApplicationKind,
    idNumber: cipher.decrypt(r.id_number_sealed),
    status: r.status as ApplicationStatus,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    timeline: JSON.parse(r.timeline) as TimelineEntry[],
    values: JSON.parse(cipher.decrypt(r.values_sealed)) as Record<string, string>,
    ...(r.verification_code ? { verificationCode: r.verification_code } : {}),
  });

  /** A copy, so a caller changing what it got cannot change the seed. */
  function citizenByHash(hash: string): CitizenRecord | undefined {
    const seed = citizens.get(hash);
    if (!seed) return undefined;
    const { exercises: _exercises, ...record } = seed;
    const override = q.card.get(hash) as { status: CardStatus } | undefined;
    return {
      ...record,
      cardStatus: override?.status ?? record.cardStatus,
      contributions: record.contributions.map((y) => ({ ...y })),
    };
  }

  /** Demo coherence: a replacement in progress means the card is being made; once done it is active. */
  function cardAfter(kind: ApplicationKind, hash: string, status: ApplicationStatus, at: string): void {
    if (kind !== "card.replace" || !citizens.has(hash) || TERMINAL_STATUSES.has(status)) return;
    q.setCard.run(hash, status === "completed" ? "active" : "replacing", at);
  }

  const allocateAndInsert = db.transaction(
    (input: {
      kind: ApplicationKind;
      idNumber: string;
      values: Record<string, string>;
      status: ApplicationStatus;
      at: Date;
      timeline: TimelineEntry[];
    }) => {
      const day = applicationDay(input.at, options.timeZone);
      const { last } = q.nextInDay.get(day) as { last: number };
      if (last > 999_999)
        throw new RecordsError("RECORDS_SEQUENCE_EXHAUSTED", `no application numbers left for ${day}`);
      const number = `SQ${day}${String(last).padStart(6, "0")}`;
      const hash = idHash(input.idNumber);
      const at = input.at.toISOString();
      q.insert.run({
        number,
        kind: input.kind,
        id_number_hash: hash,
        id_number_sealed: cipher.encrypt(normaliseId(input.idNumber)),
        status: input.status,
        created_at: at,
        updated_at: at,
        timeline: JSON.stringify(input.timeline),
        values_sealed: cipher.encrypt(JSON.stringify(input.values)),
        verification_code:
          input.kind === "certificate.participation" ? verificationCode(codeSecret, number) : null,
      });
      cardAfter(input.kind, hash, input.status, at);
      return number;
    },
  );

  const listeners = new Set<(change: StatusChange) => void>();
  const timers = new Map<string, NodeJS.Timeout>();
  let closed = false;

  const warn = (err: unknown) =>
    process.emitWarning(
      `records: status listener failed: ${err instanceof Error ? err.message : String(err)}`,
    );

  /** One failing listener must not keep the others (or the scheduler) from hearing about a change. */
  function notify(change: StatusChange): void {
    for (const listener of listeners) {
      try {
        const result: unknown = listener(change);
        if (result instanceof Promise) result.catch(warn);
      } catch (err) {
        warn(err);
      }
    }
  }

  function ensureOpen(): void {
    if (closed) throw new RecordsError("RECORDS_CLOSED", "the records adapter is closed");
  }

  function cancel(number: string): void {
    const timer = timers.get(number);
    if (timer) clearTimeout(timer);
    timers.delete(number);
  }

  /** Arms the application's next automatic step, timed from its last change (so a restart resumes it). */
  function schedule(app: {
    number: string;
    kind: ApplicationKind;
    status: ApplicationStatus;
    updatedAt: string;
  }): void {
    cancel(app.number);
    if (!transitions || closed) return;
    const step = nextStep(app.kind, app.status);
    if (!step) return;
    const wait = Math.max(0, Date.parse(app.updatedAt) + transitions[step.after] - clock().getTime());
    const rearm = wait > MAX_TIMER_MS;
    const timer = setTimeout(
      () => {
        timers.delete(app.number);
        if (closed) return;
        if (rearm) return schedule(app);
        try {
          const current = q.get.get(app.number) as ApplicationRow | undefined;
          // A staff action may have moved it on meanwhile; then this step is stale.
          if (current?.status !== app.status) return;
          change(app.number, step.to, step.note, clock());
        } catch (err) {
          process.emitWarning(`records: scheduled step for ${app.number} failed: ${String(err)}`);
        }
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    // A pending demo step must never keep the process alive.
    timer.unref();
    timers.set(app.number, timer);
  }

  function change(number: string, status: ApplicationStatus, note: Text, at: Date): Application {
    const row = q.get.get(number) as ApplicationRow | undefined;
    if (!row) throw new RecordsError("RECORDS_APPLICATION_NOT_FOUND", `no application ${number}`);
    const app = toApplication(row);
    if (TERMINAL_STATUSES.has(app.status)) {
      throw new RecordsError(
        "RECORDS_TERMINAL_STATUS",
        `${number} is ${app.status}; it cannot change any more`,
      );
    }
    const when = at.toISOString();
    const timeline = [...app.timeline, { status, at: when, note: { zh: note.zh, en: note.en } }];
    db.transaction(() => {
      q.setStatus.run(status, when, JSON.stringify(timeline), number);
      cardAfter(app.kind, row.id_number_hash, status, when);
    })();
    const updated: Application = { ...app, status, updatedAt: when, timeline };
    schedule(updated);
    notify({ application: updated, previous: app.status });
    return updated;
  }

  for (const r of q.pending.all() as { number: string; kind: string; status: string; updated_at: string }[]) {
    schedule({
      number: r.number,
      kind: r.kind as ApplicationKind,
      status: r.status as ApplicationStatus,
      updatedAt: r.updated_at,
    });
  }

  return {
    async findCitizen(idNumber) {
      ensureOpen();
      return citizenByHash(idHash(idNumber));
    },

    async reportCardLost(idNumber, at) {
      ensureOpen();
      const hash = idHash(idNumber);
      const citizen = citizenByHash(hash);
      if (!citizen) throw new RecordsError("RECORDS_CITIZEN_NOT_FOUND", "no citizen with this ID number");
      if (citizen.cardStatus === "none")
        throw new RecordsError("RECORDS_NO_CARD", "this citizen has no card to freeze");
      // Already frozen (reported lost, or a replacement under way): nothing changes, so a retry is harmless.
      if (citizen.cardStatus !== "active") return citizen;
      q.setCard.run(hash, "reported_lost", at.toISOString());
      return { ...citizen, cardStatus: "reported_lost" };
    },

    async submitApplication(input) {
      ensureOpen();
      if (!APPLICATION_KINDS.has(input.kind))
        throw new RecordsError("RECORDS_BAD_INPUT", `unknown kind ${input.kind}`);
      if (!APPLICATION_STATUSES.has(input.status))
        throw new RecordsError("RECORDS_BAD_INPUT", `unknown status ${input.status}`);
      if (Number.isNaN(input.at.getTime())) throw new RecordsError("RECORDS_BAD_INPUT", "invalid date");
      const timeline: TimelineEntry[] = [
        { status: input.status, at: input.at.toISOString(), note: { zh: input.note.zh, en: input.note.en } },
      ];
      const number = allocateAndInsert({ ...input, timeline });
      const app = toApplication(q.get.get(number) as ApplicationRow);
      schedule(app);
      return app;
    },

    async getApplication(number) {
      ensureOpen();
      const row = q.get.get(number.trim().toUpperCase()) as ApplicationRow | undefined;
      return row ? toApplication(row) : undefined;
    },

    async listApplications(idNumber) {
      ensureOpen();
      return (q.byCitizen.all(idHash(idNumber)) as ApplicationRow[]).map(toApplication);
    },

    async updateStatus(number, status, note, at) {
      ensureOpen();
      if (!APPLICATION_STATUSES.has(status))
        throw new RecordsError("RECORDS_BAD_INPUT", `unknown status ${status}`);
      return change(number, status, note, at);
    },

    async findByVerificationCode(code) {
      ensureOpen();
      const canonical = normaliseCode(code);
      if (!canonical) return undefined;
      const row = q.byCode.get(canonical) as ApplicationRow | undefined;
      return row ? toApplication(row) : undefined;
    },

    onStatusChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      listeners.clear();
      // Fold the WAL into the main file so a copy of it alone is complete.
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
    },
  };
}
