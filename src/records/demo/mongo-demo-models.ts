import { type Connection, type Model, Schema } from "mongoose";
import type { TimelineEntry } from "../ports.js";
import type { CardStatus, SecretName, StoredApplication } from "./demo-records-store.js";

/**
 * The documents of the demo back office's records in MongoDB (mongo-demo-records.ts), each schema
 * with the indexes its queries need; camelCase fields, `_id` the natural key, no version key, and
 * nothing FerretDB (CI) refuses or gets wrong: no partial or TTL index, no dotted field name.
 *
 * demoApplications {_id: number, kind, idNumberHash, idNumberSealed, status, createdAt, updatedAt,
 * timeline, valuesSealed, verificationCode}, demoCardStatus {_id: idNumberHash, status, updatedAt},
 * demoSecrets {_id: name, value (sealed)}. Times are ISO strings (they sort as text).
 */
export const DEMO_RECORDS_COLLECTIONS = {
  applications: "demoApplications",
  cardStatus: "demoCardStatus",
  secrets: "demoSecrets",
  statusSteps: "demoStatusSteps",
} as const;

export interface ApplicationDoc {
  /** The application number. */
  _id: string;
  kind: string;
  idNumberHash: string;
  idNumberSealed: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  timeline: TimelineEntry[];
  valuesSealed: string;
  verificationCode: string | null;
}

export interface CardStatusDoc {
  /** The citizen's ID-number HMAC: one document per citizen. */
  _id: string;
  status: CardStatus;
  updatedAt: string;
}

export interface SecretDoc {
  _id: SecretName;
  /** Sealed with the field cipher. */
  value: string;
}

const schemaOptions = { versionKey: false, strict: "throw", minimize: false } as const;

const timelineEntrySchema = new Schema<TimelineEntry>(
  {
    status: { type: String, required: true },
    at: { type: String, required: true },
    note: { zh: { type: String }, en: { type: String } },
  },
  { ...schemaOptions, _id: false },
);

const applicationSchema = new Schema<ApplicationDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    idNumberHash: { type: String, required: true },
    idNumberSealed: { type: String, required: true },
    status: { type: String, required: true },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
    timeline: { type: [timelineEntrySchema], required: true },
    valuesSealed: { type: String, required: true },
    verificationCode: { type: String, default: null },
  },
  schemaOptions,
);
// applicationsOf: a citizen's applications, newest first, in the order it returns them.
applicationSchema.index({ idNumberHash: 1, createdAt: -1, _id: -1 }, { name: "demo_applications_citizen" });
// pending: the applications a start arms timers for.
applicationSchema.index({ status: 1 }, { name: "demo_applications_status" });
// applicationByCode. Not unique: most applications have no code (null), and FerretDB refuses the
// partial index that would skip them; a code is an HMAC of the unique number, so two never meet.
applicationSchema.index({ verificationCode: 1 }, { name: "demo_applications_code" });

const cardStatusSchema = new Schema<CardStatusDoc>(
  {
    _id: { type: String, required: true },
    status: { type: String, enum: ["active", "reported_lost", "replacing", "none"], required: true },
    updatedAt: { type: String, required: true },
  },
  schemaOptions,
);

const secretSchema = new Schema<SecretDoc>(
  {
    _id: { type: String, required: true },
    value: { type: String, required: true },
  },
  schemaOptions,
);

/** One status change claimed: `_id` is the application number and the number of its timeline entry (`SQ…#3`). */
export interface StatusStepDoc {
  _id: string;
  at: string;
  /** When the claim was made (the desk's clock): a claim never followed by its write is taken over after a while. */
  claimedAt?: string;
}

const statusStepSchema = new Schema<StatusStepDoc>(
  {
    _id: { type: String, required: true },
    at: { type: String, required: true },
    claimedAt: { type: String },
  },
  schemaOptions,
);

/** The model `name` on `conn`: made once per connection, and never a model of that name with another schema. */
function modelOn<T>(conn: Connection, name: string, schema: Schema<T>, collection: string): Model<T> {
  const existing = conn.models[name] as Model<T> | undefined;
  if (existing) {
    if (existing.schema !== schema)
      throw new Error(`mongoose model ${name} is already defined with another schema`);
    return existing;
  }
  return conn.model<T>(name, schema, collection);
}

export const toStored = (d: ApplicationDoc): StoredApplication => ({
  number: d._id,
  kind: d.kind as StoredApplication["kind"],
  idNumberHash: d.idNumberHash,
  idNumberSealed: d.idNumberSealed,
  status: d.status as StoredApplication["status"],
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
  timeline: d.timeline,
  valuesSealed: d.valuesSealed,
  verificationCode: d.verificationCode ?? null,
});

export const toDoc = (a: StoredApplication): ApplicationDoc => ({
  _id: a.number,
  kind: a.kind,
  idNumberHash: a.idNumberHash,
  idNumberSealed: a.idNumberSealed,
  status: a.status,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
  timeline: a.timeline,
  valuesSealed: a.valuesSealed,
  verificationCode: a.verificationCode,
});

/** The demo records' models on `conn`, with the indexes their queries need made (autoIndex is off). */
export async function demoModels(conn: Connection) {
  const Applications = modelOn(
    conn,
    "DemoApplication",
    applicationSchema,
    DEMO_RECORDS_COLLECTIONS.applications,
  );
  const Cards = modelOn(conn, "DemoCardStatus", cardStatusSchema, DEMO_RECORDS_COLLECTIONS.cardStatus);
  const Secrets = modelOn(conn, "DemoSecret", secretSchema, DEMO_RECORDS_COLLECTIONS.secrets);
  const StatusSteps = modelOn(conn, "DemoStatusStep", statusStepSchema, DEMO_RECORDS_COLLECTIONS.statusSteps);
  await Promise.all([Applications.createIndexes(), Cards.createIndexes(), Secrets.createIndexes(), StatusSteps.createIndexes()]);
  return { Applications, Cards, Secrets, StatusSteps };
}
export type DemoModels = Awaited<ReturnType<typeof demoModels>>;
