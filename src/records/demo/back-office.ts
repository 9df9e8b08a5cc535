import { createHmac } from "node:crypto";
import { normaliseCode, verificationCode } from "../../security/verification-code.js";
import type { FieldCipher } from "../../security/field-cipher.js";
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
import { applicationDay } from "./application-numbers.js";
import { DEMO_CITIZEN_LIST } from "./citizens.js";
import type { CardChange, DemoRecordsStore, DemoStart, StoredApplication } from "./demo-records-store.js";
import { unsealSecret } from "./sealed-secrets.js";
import { StatusScheduler } from "./status-scheduler.js";
import {
  APPLICATION_KINDS,
  APPLICATION_STATUSES,
  DEFAULT_TRANSITIONS,
  type DemoTransitions,
  TERMINAL_STATUSES,
} from "./transitions.js";

/** What the back office needs besides its store, whichever store that is. */
export interface BackOfficeOptions {
  /** Seals ID numbers, the citizen's values and the store's own keys. */
  cipher: FieldCipher;
  clock: () => Date;
  /** Automatic status steps for the demo; default DEFAULT_TRANSITIONS, false for none. */
  transitions?: DemoTransitions | false;
  /** The service's time zone: the date in an application number is the day there (default Asia/Shanghai). */
  timeZone?: string;
}

type Text = { zh: string; en: string };

const normaliseId = (idNumber: string) => idNumber.trim().toUpperCase();

/** Demo coherence: a replacement in progress means the card is being made; once done it is active. */
function cardAfter(
  kind: ApplicationKind,
  known: boolean,
  idNumberHash: string,
  status: ApplicationStatus,
  at: string,
): CardChange | undefined {
  if (kind !== "card.replace" || !known || TERMINAL_STATUSES.has(status)) return undefined;
  return { idNumberHash, status: status === "completed" ? "active" : "replacing", at };
}

/**
 * The demo back office over `store`: seeded fictional citizens (citizens.ts), the applications and
 * card-status changes the store keeps, and optional scheduled status steps so a demo chat sees
 * progress. Throws RECORDS_WRONG_KEY when the store's keys were sealed with another field key (the
 * caller closes the store then). Changes of one application are made one after another in this
 * process, so a staff action and a scheduled step never both append to the timeline they read.
 */
export function demoBackOffice(
  store: DemoRecordsStore,
  start: DemoStart,
  options: BackOfficeOptions,
): RecordsPort {
  const { cipher, clock } = options;
  const lookupKey = unsealSecret(start.sealedSecrets.lookup_key, cipher, store.where);
  const codeSecret = unsealSecret(start.sealedSecrets.verification_secret, cipher, store.where).toString(
    "base64",
  );
  const idHash = (idNumber: string) =>
    createHmac("sha256", lookupKey).update(normaliseId(idNumber)).digest("hex");
  const citizens = new Map(DEMO_CITIZEN_LIST.map((c) => [idHash(c.idNumber), c]));

  const toApplication = (s: StoredApplication): Application => ({
    number: s.number,
    kind: s.kind,
    idNumber: cipher.decrypt(s.idNumberSealed),
    status: s.status,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    timeline: s.timeline.map((e) => ({ status: e.status, at: e.at, note: { zh: e.note.zh, en: e.note.en } })),
    values: JSON.parse(cipher.decrypt(s.valuesSealed)) as Record<string, string>,
    ...(s.verificationCode ? { verificationCode: s.verificationCode } : {}),
  });

  /** A copy, so a caller changing what it got cannot change the seed. */
  async function citizenByHash(hash: string): Promise<CitizenRecord | undefined> {
    const seed = citizens.get(hash);
    if (!seed) return undefined;
    const { exercises: _exercises, ...record } = seed;
    const override = await store.cardStatus(hash);
    return {
      ...record,
      cardStatus: override ?? record.cardStatus,
      contributions: record.contributions.map((y) => ({ ...y })),
    };
  }

  const listeners = new Set<(change: StatusChange) => void>();
  /** Every call under way, so close() lets them finish before the store goes. */
  const underWay = new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;

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

  /** Runs a call unless the back office is closed, counting it as under way until it settles. */
  function whileOpen<T>(work: () => Promise<T>): Promise<T> {
    if (closing) return Promise.reject(new RecordsError("RECORDS_CLOSED", "the records adapter is closed"));
    const run = work();
    underWay.add(run);
    void run.then(
      () => underWay.delete(run),
      () => underWay.delete(run),
    );
    return run;
  }

  /**
   * The changes of each application, one after another within this process: each reads the
   * timeline the one before it wrote. Across instances sharing the store, each write is a
   * compare-and-set on the status and time it read (store.setStatus), so a change is made once.
   */
  const changing = new Map<string, Promise<unknown>>();
  function inTurn<T>(number: string, work: () => Promise<T>): Promise<T> {
    const before = changing.get(number) ?? Promise.resolve();
    const run = before.then(work);
    const settled = run.catch(() => {});
    changing.set(number, settled);
    void settled.then(() => {
      if (changing.get(number) === settled) changing.delete(number);
    });
    return run;
  }

  /** The change, made and told; undefined when another instance changed the application since it was read. */
  async function change(
    number: string,
    status: ApplicationStatus,
    note: Text,
    at: Date,
  ): Promise<Application | undefined> {
    const stored = await store.application(number);
    if (!stored) throw new RecordsError("RECORDS_APPLICATION_NOT_FOUND", `no application ${number}`);
    const app = toApplication(stored);
    if (TERMINAL_STATUSES.has(app.status)) {
      throw new RecordsError(
        "RECORDS_TERMINAL_STATUS",
        `${number} is ${app.status}; it cannot change any more`,
      );
    }
    const when = at.toISOString();
    const timeline: TimelineEntry[] = [
      ...app.timeline,
      { status, at: when, note: { zh: note.zh, en: note.en } },
    ];
    const made = await store.setStatus(
      { number, status, updatedAt: when, timeline, from: { steps: app.timeline.length } },
      cardAfter(app.kind, citizens.has(stored.idNumberHash), stored.idNumberHash, status, when),
    );
    if (!made) return undefined;
    const updated: Application = { ...app, status, updatedAt: when, timeline };
    scheduler.schedule(updated);
    notify({ application: updated, previous: app.status });
    return updated;
  }

  const transitions =
    options.transitions === false ? undefined : (options.transitions ?? DEFAULT_TRANSITIONS);
  const scheduler = new StatusScheduler({
    transitions,
    clock,
    // A staff action may have moved it on meanwhile; then this step is stale.
    step: (app, step) =>
      whileOpen(() =>
        inTurn(app.number, async () => {
          const current = await store.application(app.number);
          if (current?.status !== app.status) return;
          await change(app.number, step.to, step.note, clock());
        }),
      ).catch((err) => {
        if (!closing) process.emitWarning(`records: scheduled step for ${app.number} failed: ${String(err)}`);
      }),
  });
  for (const app of start.pending) scheduler.schedule(app);

  return {
    findCitizen: (idNumber) => whileOpen(() => citizenByHash(idHash(idNumber))),

    reportCardLost: (idNumber, at) =>
      whileOpen(async () => {
        const hash = idHash(idNumber);
        const citizen = await citizenByHash(hash);
        if (!citizen) throw new RecordsError("RECORDS_CITIZEN_NOT_FOUND", "no citizen with this ID number");
        if (citizen.cardStatus === "none")
          throw new RecordsError("RECORDS_NO_CARD", "this citizen has no card to freeze");
        // Already frozen (reported lost, or a replacement under way): nothing changes, so a retry is harmless.
        if (citizen.cardStatus !== "active") return citizen;
        await store.setCardStatus({ idNumberHash: hash, status: "reported_lost", at: at.toISOString() });
        return { ...citizen, cardStatus: "reported_lost" as const };
      }),

    submitApplication: (input) =>
      whileOpen(async () => {
        if (!APPLICATION_KINDS.has(input.kind))
          throw new RecordsError("RECORDS_BAD_INPUT", `unknown kind ${input.kind}`);
        if (!APPLICATION_STATUSES.has(input.status))
          throw new RecordsError("RECORDS_BAD_INPUT", `unknown status ${input.status}`);
        if (Number.isNaN(input.at.getTime())) throw new RecordsError("RECORDS_BAD_INPUT", "invalid date");
        const at = input.at.toISOString();
        const hash = idHash(input.idNumber);
        const idNumberSealed = cipher.encrypt(normaliseId(input.idNumber));
        const valuesSealed = cipher.encrypt(JSON.stringify(input.values));
        const stored = await store.insertApplication(
          applicationDay(input.at, options.timeZone),
          (number) => ({
            number,
            kind: input.kind,
            idNumberHash: hash,
            idNumberSealed,
            status: input.status,
            createdAt: at,
            updatedAt: at,
            timeline: [{ status: input.status, at, note: { zh: input.note.zh, en: input.note.en } }],
            valuesSealed,
            verificationCode:
              input.kind === "certificate.participation" ? verificationCode(codeSecret, number) : null,
          }),
          cardAfter(input.kind, citizens.has(hash), hash, input.status, at),
        );
        const app = toApplication(stored);
        scheduler.schedule(app);
        return app;
      }),

    getApplication: (number) =>
      whileOpen(async () => {
        const stored = await store.application(number.trim().toUpperCase());
        return stored ? toApplication(stored) : undefined;
      }),

    listApplications: (idNumber) =>
      whileOpen(async () => (await store.applicationsOf(idHash(idNumber))).map(toApplication)),

    updateStatus: (number, status, note, at) =>
      whileOpen(async () => {
        if (!APPLICATION_STATUSES.has(status))
          throw new RecordsError("RECORDS_BAD_INPUT", `unknown status ${status}`);
        return inTurn(number, async () => {
          // Another instance moved it on between our read and our write: read again and apply over that.
          for (let tries = 0; tries < 5; tries++) {
            const made = await change(number, status, note, at);
            if (made) return made;
          }
          throw new RecordsError("RECORDS_BUSY", `${number} keeps changing under this update; try again`);
        });
      }),

    findByVerificationCode: (code) =>
      whileOpen(async () => {
        const canonical = normaliseCode(code);
        if (!canonical) return undefined;
        const stored = await store.applicationByCode(canonical);
        return stored ? toApplication(stored) : undefined;
      }),

    onStatusChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    close() {
      closing ??= (async () => {
        scheduler.stop();
        listeners.clear();
        await Promise.allSettled([...underWay]);
        await store.close();
      })();
      return closing;
    },
  };
}
