/**
 * Schema of the demo back office's own SQLite file, applied in order on open; `PRAGMA user_version`
 * records how far a file got. Never edit a released migration: add the next one.
 *
 * Personal data is never stored in the clear: the applicant's ID number is kept sealed (FieldCipher)
 * plus an HMAC for lookups, and the values the citizen gave are one sealed JSON document.
 */
export const migrations: string[] = [
  `CREATE TABLE meta (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );
   CREATE TABLE application_days (
     day TEXT PRIMARY KEY,
     last INTEGER NOT NULL
   );
   CREATE TABLE applications (
     number TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     id_number_hash TEXT NOT NULL,
     id_number_sealed TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     timeline TEXT NOT NULL,
     values_sealed TEXT NOT NULL,
     verification_code TEXT UNIQUE
   );
   CREATE INDEX applications_by_citizen ON applications(id_number_hash, created_at);
   CREATE INDEX applications_by_status ON applications(status);
   CREATE TABLE card_status (
     id_number_hash TEXT PRIMARY KEY,
     status TEXT NOT NULL CHECK (status IN ('active', 'reported_lost', 'replacing', 'none')),
     updated_at TEXT NOT NULL
   );`,
];
