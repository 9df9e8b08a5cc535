// The SQLite adapter of the demo back office: its store over records-demo.sqlite and createDemoRecords;
// the rules are in back-office.ts, the MongoDB adapter in mongo-demo-records.ts.
import Database from "better-sqlite3";
import { preparePrivateDatabase } from "../../storage/sqlite/private-files.js";
import type { ApplicationKind, ApplicationStatus, RecordsPort, TimelineEntry } from "../ports.js";
import { applicationNumber } from "./application-numbers.js";
import { type BackOfficeOptions, demoBackOffice } from "./back-office.js";
import {
  type CardChange,
  type CardStatus,
  type DemoRecordsStore,
  PENDING_STATUSES,
  type PendingApplication,
  type SecretName,
  type StoredApplication,
} from "./demo-records-store.js";
import { migrations } from "./migrations.js";
import { freshSealedSecret } from "./sealed-secrets.js";

export interface DemoRecordsOptions extends BackOfficeOptions {
  /** The demo back office's own SQLite file (created 0600 with its folder, 0700, when missing). */
  file: string;
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

const fromRow = (r: ApplicationRow): StoredApplication => ({
  number: r.number,
  kind: r.kind as ApplicationKind,
  idNumberHash: r.id_number_hash,
  idNumberSealed: r.id_number_sealed,
  status: r.status as ApplicationStatus,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  timeline: JSON.parse(r.timeline) as TimelineEntry[],
  valuesSealed: r.values_sealed,
  verificationCode: r.verification_code,
});

const toRow = (a: StoredApplication): ApplicationRow => ({
  number: a.number,
  kind: a.kind,
  id_number_hash: a.idNumberHash,
  id_number_sealed: a.idNumberSealed,
  status: a.status,
  created_at: a.createdAt,
  updated_at: a.updatedAt,
  timeline: JSON.stringify(a.timeline),
  values_sealed: a.valuesSealed,
  verification_code: a.verificationCode,
});

/**
 * The demo back office's records in a SQLite file of their own (schema: migrations.ts).
 * better-sqlite3 is synchronous, so each write is in the WAL before its promise resolves, and the
 * daily number (a counter row per day, application_days) cannot race within the process.
 */
function sqliteDemoStore(db: Database.Database, file: string): DemoRecordsStore {
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
    setStatus: db.prepare(
      "UPDATE applications SET status = ?, updated_at = ?, timeline = ? WHERE number = ? AND json_array_length(timeline) = ?",
    ),
    card: db.prepare("SELECT status FROM card_status WHERE id_number_hash = ?"),
    setCard: db.prepare(
      `INSERT INTO card_status (id_number_hash, status, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (id_number_hash) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at`,
    ),
  };
  const setCard = (c: CardChange) => q.setCard.run(c.idNumberHash, c.status, c.at);

  const allocateAndInsert = db.transaction(
    (day: string, make: (number: string) => StoredApplication, card: CardChange | undefined) => {
      const { last } = q.nextInDay.get(day) as { last: number };
      const application = make(applicationNumber(day, last));
      q.insert.run(toRow(application));
      if (card) setCard(card);
      return application;
    },
  );
  const setStatus = db.transaction((u: Parameters<DemoRecordsStore["setStatus"]>[0], card?: CardChange) => {
    const { changes } = q.setStatus.run(u.status, u.updatedAt, JSON.stringify(u.timeline), u.number, u.from.steps);
    if (changes === 0) return false;
    if (card) setCard(card);
    return true;
  });

  return {
    where: file,
    async insertApplication(day, make, card) {
      return allocateAndInsert(day, make, card);
    },
    async application(number) {
      const row = q.get.get(number) as ApplicationRow | undefined;
      return row ? fromRow(row) : undefined;
    },
    async applicationsOf(idNumberHash) {
      return (q.byCitizen.all(idNumberHash) as ApplicationRow[]).map(fromRow);
    },
    async applicationByCode(code) {
      const row = q.byCode.get(code) as ApplicationRow | undefined;
      return row ? fromRow(row) : undefined;
    },
    async setStatus(update, card) {
      return setStatus(update, card);
    },
    async cardStatus(idNumberHash) {
      return (q.card.get(idNumberHash) as { status: CardStatus } | undefined)?.status;
    },
    async setCardStatus(change) {
      setCard(change);
    },
    async close() {
      // Fold the WAL into the main file so a copy of it alone is complete.
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
    },
  };
}

/** The sealed secret kept under `name`, storing `fresh` first when there is none. */
function storedSecret(db: Database.Database, name: SecretName, fresh: string): string {
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)").run(name, fresh);
  return (db.prepare("SELECT value FROM meta WHERE key = ?").get(name) as { value: string }).value;
}

function pendingIn(db: Database.Database): PendingApplication[] {
  const rows = db
    .prepare(
      `SELECT number, kind, status, updated_at FROM applications WHERE status IN (${PENDING_STATUSES.map(() => "?").join(", ")})`,
    )
    .all(...PENDING_STATUSES) as { number: string; kind: string; status: string; updated_at: string }[];
  return rows.map((r) => ({
    number: r.number,
    kind: r.kind as ApplicationKind,
    status: r.status as ApplicationStatus,
    updatedAt: r.updated_at,
  }));
}

/**
 * The demo back office (back-office.ts) over its own SQLite file, standing in for a city's records
 * system. Opens synchronously: the file's keys and pending applications are read as it opens.
 */
export function createDemoRecords(options: DemoRecordsOptions): RecordsPort {
  // Citizens' data: folder 0700, file (and so its -wal and -shm) 0600.
  preparePrivateDatabase(options.file);
  const db = new Database(options.file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("busy_timeout = 5000");
    // The default autocheckpoint is kept: a handful of applications a minute never stalls a chat.
    migrate(db);
    const sealedSecrets = {
      lookup_key: storedSecret(db, "lookup_key", freshSealedSecret(options.cipher)),
      verification_secret: storedSecret(db, "verification_secret", freshSealedSecret(options.cipher)),
    };
    return demoBackOffice(
      sqliteDemoStore(db, options.file),
      { sealedSecrets, pending: pendingIn(db) },
      options,
    );
  } catch (err) {
    db.close();
    throw err;
  }
}
