import type { ApplicationKind, ApplicationStatus, CitizenRecord, TimelineEntry } from "../ports.js";

/**
 * What the demo back office (back-office.ts) needs from where it keeps its records: a SQLite file
 * (demo-records.ts) or a MongoDB database (mongo-demo-records.ts). A store holds personal data only
 * as the back office sealed it, and finds a citizen's applications by the HMAC of the ID number;
 * all rules (numbers' shape, statuses, card coherence, the scheduler) stay in the back office.
 */

export type CardStatus = CitizenRecord["cardStatus"];

/** An application as stored: the ID number and the values sealed, the ID number's HMAC for lookups. */
export interface StoredApplication {
  number: string;
  kind: ApplicationKind;
  idNumberHash: string;
  idNumberSealed: string;
  status: ApplicationStatus;
  createdAt: string;
  updatedAt: string;
  timeline: TimelineEntry[];
  /** The citizen's values as one sealed JSON object. */
  valuesSealed: string;
  /** Certificates only: the code third parties check; null otherwise. */
  verificationCode: string | null;
}

/** What the scheduler needs of an application still waiting for an automatic step. */
export type PendingApplication = Pick<StoredApplication, "number" | "kind" | "status" | "updatedAt">;

/** The statuses that still have an automatic step ahead (transitions.ts, nextStep). */
export const PENDING_STATUSES: readonly ApplicationStatus[] = ["submitted", "accepted", "under_review"];

/** A citizen's card status set by the back office (a loss report, or a replacement's progress). */
export interface CardChange {
  idNumberHash: string;
  status: CardStatus;
  at: string;
}

/** An application's new status and its whole timeline with the new entry. */
export interface StatusUpdate {
  number: string;
  status: ApplicationStatus;
  updatedAt: string;
  timeline: TimelineEntry[];
  /**
   * How many timeline entries it had when read (a version: times can repeat, and so can a
   * status): the update applies only if nobody changed it since.
   */
  from: { steps: number };
}

/** The random keys a store keeps sealed: the lookup key of ID numbers and the secret of verification codes. */
export type SecretName = "lookup_key" | "verification_secret";

export interface DemoRecordsStore {
  /** Where the records are, for messages: the file, or the database. */
  readonly where: string;
  /**
   * Gives an application the next free number of `day` (applicationNumber), stores what `make`
   * builds with it, and the card change that goes with it when there is one; returns what it stored.
   * Refuses with RECORDS_SEQUENCE_EXHAUSTED when the day has no number left.
   */
  insertApplication(
    day: string,
    make: (number: string) => StoredApplication,
    card?: CardChange,
  ): Promise<StoredApplication>;
  application(number: string): Promise<StoredApplication | undefined>;
  /** The citizen's applications, newest first (created at, then number). */
  applicationsOf(idNumberHash: string): Promise<StoredApplication[]>;
  applicationByCode(code: string): Promise<StoredApplication | undefined>;
  /**
   * Stores the application's new status and timeline, and the card change that goes with it, if
   * the application is still as it was read (`from`): false, and nothing written, when another
   * instance (or a staff action) changed it meanwhile. Compare-and-set, so that several instances
   * sharing the store make each change once and tell the citizen once.
   */
  setStatus(update: StatusUpdate, card?: CardChange): Promise<boolean>;
  /** The card status the back office last set for this citizen, if it ever did. */
  cardStatus(idNumberHash: string): Promise<CardStatus | undefined>;
  /** Sets a citizen's card status; the last writer wins. */
  setCardStatus(change: CardChange): Promise<void>;
  close(): Promise<void>;
}

/** What the back office starts from, read by the store's factory as it opens. */
export interface DemoStart {
  /** The stored, sealed value of each secret (the first one stored stands). */
  sealedSecrets: Record<SecretName, string>;
  /** Applications still waiting for an automatic step: their timers are armed again. */
  pending: PendingApplication[];
}
