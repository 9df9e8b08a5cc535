import type { Connection } from "mongoose";
import { isDuplicateKey, openMongo } from "../../storage/mongo/connection.js";
import type { RecordsPort } from "../ports.js";
import { applicationNumber, numbersOfDay, sequenceOf } from "./application-numbers.js";
import { type BackOfficeOptions, demoBackOffice } from "./back-office.js";
import {
  type CardChange,
  type DemoRecordsStore,
  PENDING_STATUSES,
  type PendingApplication,
  type SecretName,
  type StoredApplication,
} from "./demo-records-store.js";
import {
  type ApplicationDoc,
  type CardStatusDoc,
  type DemoModels,
  demoModels,
  type SecretDoc,
  type StatusStepDoc,
  toDoc,
  toStored,
} from "./mongo-demo-models.js";
import { freshSealedSecret } from "./sealed-secrets.js";

/**
 * The demo back office's records in MongoDB, beside the desk's own collections (documents and
 * indexes: mongo-demo-models.ts): what MongoDB and FerretDB (CI) both do correctly is all it uses.
 * No transactions, no conditional update picking a winner, no $inc or $push: whatever must happen
 * once (a number, a key) is an insert on a unique `_id`, and the loser of a race tries again or
 * reads the winner.
 */

/** A claim on a status change not followed by its write within this long: its holder stopped. */
const STALE_CLAIM_MS = 30_000;

/** Give up numbering after this many lost races: far more writers than a demo has. */
const MAX_NUMBER_ATTEMPTS = 1_000;

/** The sealed secret kept under `name`; the first one stored stands when two starts race. */
async function storedSecret({ Secrets }: DemoModels, name: SecretName, fresh: string): Promise<string> {
  const found = await Secrets.findById(name).lean<SecretDoc>();
  if (found) return found.value;
  try {
    await Secrets.insertOne({ _id: name, value: fresh });
    return fresh;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const winner = await Secrets.findById(name).lean<SecretDoc>();
    if (!winner) throw error;
    return winner.value;
  }
}

async function pendingIn({ Applications }: DemoModels): Promise<PendingApplication[]> {
  const docs = await Applications.find(
    { status: { $in: PENDING_STATUSES } },
    { _id: 1, kind: 1, status: 1, updatedAt: 1 },
  ).lean<Pick<ApplicationDoc, "_id" | "kind" | "status" | "updatedAt">[]>();
  return docs.map((d) => ({
    number: d._id,
    kind: d.kind as PendingApplication["kind"],
    status: d.status as PendingApplication["status"],
    updatedAt: d.updatedAt,
  }));
}

function mongoDemoStore(conn: Connection, { Applications, Cards, StatusSteps }: DemoModels, clock: () => Date): DemoRecordsStore {
  /** The day's highest number's counter (the _id index, from the top); 0 when the day has none. */
  async function topOfDay(day: string): Promise<number> {
    const { first, last } = numbersOfDay(day);
    const d = await Applications.findOne({ _id: { $gte: first, $lte: last } }, { _id: 1 })
      .sort({ _id: -1 })
      .lean<Pick<ApplicationDoc, "_id">>();
    return d ? sequenceOf(d._id) : 0;
  }

  /**
   * Inserts the application under the day's next number. The unique _id lets one of two racing
   * writers (other processes, other connections) have a number; the loser reads the top again and
   * tries the one after it, so the numbers have no gap. `_id` is the collection's only unique index,
   * so a duplicate key always means the number was taken.
   */
  async function insertNext(
    day: string,
    make: (number: string) => StoredApplication,
  ): Promise<StoredApplication> {
    let seq = (await topOfDay(day)) + 1;
    for (let attempt = 1; ; attempt++) {
      const application = make(applicationNumber(day, seq));
      try {
        await Applications.insertOne(toDoc(application));
        return application;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (attempt >= MAX_NUMBER_ATTEMPTS)
          throw new Error(`no free application number for ${day} after ${attempt} attempts`);
        seq = Math.max(seq, await topOfDay(day)) + 1;
      }
    }
  }

  /**
   * Numbers of one day from this process go one after another: the unique _id keeps them right
   * without it (other processes still race), but 50 writers racing for each number make about
   * 50²/2 inserts where this makes 50.
   */
  const numbering = new Map<string, Promise<unknown>>();
  function numberInTurn(
    day: string,
    make: (number: string) => StoredApplication,
  ): Promise<StoredApplication> {
    const before = numbering.get(day) ?? Promise.resolve();
    const run = before.then(() => insertNext(day, make));
    const settled = run.catch(() => {});
    numbering.set(day, settled);
    void settled.then(() => {
      if (numbering.get(day) === settled) numbering.delete(day);
    });
    return run;
  }

  /**
   * A set keyed by the citizen: the last writer wins, as in SQLite. Two first writes racing may both
   * try the insert; the loser's second try updates.
   */
  async function setCard(c: CardChange): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await Cards.updateOne(
          { _id: c.idNumberHash },
          { $set: { status: c.status, updatedAt: c.at } },
          { upsert: true },
        );
        return;
      } catch (error) {
        if (!isDuplicateKey(error) || attempt >= 3) throw error;
      }
    }
  }

  return {
    where: `the MongoDB database ${conn.name}`,
    async insertApplication(day, make, card) {
      const application = await numberInTurn(day, make);
      // No transaction: the card follows the application it goes with (a crash between the two
      // leaves the card as it was).
      if (card) await setCard(card);
      return application;
    },
    async application(number) {
      const d = await Applications.findById(number).lean<ApplicationDoc>();
      return d ? toStored(d) : undefined;
    },
    async applicationsOf(idNumberHash) {
      const docs = await Applications.find({ idNumberHash })
        .sort({ createdAt: -1, _id: -1 })
        .lean<ApplicationDoc[]>();
      return docs.map(toStored);
    },
    async applicationByCode(code) {
      const d = await Applications.findOne({ verificationCode: code }).lean<ApplicationDoc>();
      return d ? toStored(d) : undefined;
    },
    async setStatus(update, card) {
      // Who writes the application's next timeline entry: the one whose insert of that entry's
      // unique _id succeeds (a conditional update is not atomic on FerretDB). Then the whole
      // timeline is written back ($push is read-and-write-back on FerretDB).
      const _id = `${update.number}#${update.from.steps + 1}`;
      const claimedAt = clock().toISOString();
      try {
        await StatusSteps.create({ _id, at: update.updatedAt, claimedAt });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // The claim's holder may have stopped between its claim and its write (the timeline is
        // still as it was read, long after): its claim is taken over, or no change would ever land.
        const [claim, app] = await Promise.all([
          StatusSteps.findById(_id).lean<StatusStepDoc>(),
          Applications.findById(update.number, { timeline: 1 }).lean<Pick<ApplicationDoc, "timeline">>(),
        ]);
        const stale = claim?.claimedAt !== undefined && clock().getTime() - Date.parse(claim.claimedAt) > STALE_CLAIM_MS;
        if (!claim || !app || app.timeline.length !== update.from.steps || !stale) return false;
        const { deletedCount } = await StatusSteps.deleteOne({ _id, claimedAt: claim.claimedAt });
        if (deletedCount === 0) return false;
        try {
          await StatusSteps.create({ _id, at: update.updatedAt, claimedAt });
        } catch (again) {
          if (isDuplicateKey(again)) return false;
          throw again;
        }
      }
      await Applications.updateOne(
        { _id: update.number },
        { $set: { status: update.status, updatedAt: update.updatedAt, timeline: update.timeline } },
      );
      if (card) await setCard(card);
      return true;
    },
    async cardStatus(idNumberHash) {
      return (await Cards.findById(idNumberHash, { status: 1 }).lean<Pick<CardStatusDoc, "status">>())
        ?.status;
    },
    setCardStatus: setCard,
    async close() {
      await conn.close();
    },
  };
}

export interface MongoDemoRecordsOptions extends BackOfficeOptions {
  /** The MongoDB the desk runs on (MONGODB_URI): the demo records take collections of their own there. */
  uri: string;
}

/**
 * The demo back office (back-office.ts) over MongoDB, on a connection of its own: makes the
 * indexes, reads (or stores, on a first start) its sealed keys and the applications waiting for a
 * step, then serves. Fails with RECORDS_WRONG_KEY, closing the connection, when the keys stored
 * there were sealed with another field key.
 */
export async function createMongoDemoRecords(options: MongoDemoRecordsOptions): Promise<RecordsPort> {
  const conn = await openMongo(options.uri);
  try {
    const models = await demoModels(conn);
    const [lookupKey, verificationSecret, pending] = await Promise.all([
      storedSecret(models, "lookup_key", freshSealedSecret(options.cipher)),
      storedSecret(models, "verification_secret", freshSealedSecret(options.cipher)),
      pendingIn(models),
    ]);
    return demoBackOffice(
      mongoDemoStore(conn, models, options.clock),
      { sealedSecrets: { lookup_key: lookupKey, verification_secret: verificationSecret }, pending },
      options,
    );
  } catch (error) {
    await conn.close().catch(() => {});
    throw error;
  }
}
