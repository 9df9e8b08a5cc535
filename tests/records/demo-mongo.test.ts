import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Connection } from "mongoose";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { DEMO_CITIZENS, openDemoRecords } from "../../src/records/demo/index.js";
import { DEMO_RECORDS_COLLECTIONS } from "../../src/records/demo/mongo-demo-models.js";
import { createMongoDemoRecords } from "../../src/records/demo/mongo-demo-records.js";
import type { RecordsPort } from "../../src/records/ports.js";
import { FieldCipher } from "../../src/security/field-cipher.js";
import { openMongo } from "../../src/storage/mongo/connection.js";
import { describeMongo, freshDatabaseUri } from "../testing/mongo.js";
import { demoRecordsSuite, eligible, fileUnemployment, NOW, note, values } from "./demo-records-suite.js";

describeMongo("demo records in MongoDB", () => {
  // One database for this file; each test starts from an empty one.
  const uri = freshDatabaseUri("demo_records");
  let conn: Connection;
  beforeAll(async () => {
    conn = await openMongo(uri);
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  demoRecordsSuite("mongodb", async () => {
    await conn.dropDatabase();
    return { open: (options) => createMongoDemoRecords({ uri, ...options }), dispose: async () => {} };
  });

  const opened: RecordsPort[] = [];
  const cipher = new FieldCipher(randomBytes(32));
  async function start(): Promise<RecordsPort> {
    const records = await createMongoDemoRecords({ uri, cipher, clock: () => NOW, transitions: false });
    opened.push(records);
    return records;
  }
  const collection = (name: keyof typeof DEMO_RECORDS_COLLECTIONS) =>
    conn.collection(DEMO_RECORDS_COLLECTIONS[name]);
  beforeEach(async () => {
    await conn.dropDatabase();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((r) => r.close()));
  });

  it("takes over a status-change claim whose holder stopped before writing, and only a stale one", async () => {
    const records = await start();
    const app = await fileUnemployment(records);
    // Another instance claimed the next entry, then stopped: a claim just made holds...
    await collection("statusSteps").insertOne({ _id: `${app.number}#2` as never, at: NOW.toISOString(), claimedAt: NOW.toISOString() });
    await expect(records.updateStatus(app.number, "accepted", { zh: "受理", en: "Accepted" }, NOW)).rejects.toMatchObject({ code: "RECORDS_BUSY" });
    // ...one made long ago, with the application still as it was, is taken over.
    await collection("statusSteps").updateOne({ _id: `${app.number}#2` as never }, { $set: { claimedAt: new Date(NOW.getTime() - 60_000).toISOString() } });
    const changed = await records.updateStatus(app.number, "accepted", { zh: "受理", en: "Accepted" }, NOW);
    expect(changed.timeline.map((e) => e.status)).toEqual(["submitted", "accepted"]);
    expect((await records.getApplication(app.number))?.status).toBe("accepted");
  });

  it("gives 50 applications filed at once from 3 connections 50 distinct, consecutive numbers of the day", async () => {
    const desks = await Promise.all([start(), start(), start()]);
    const filed = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        desks[i % 3]!.submitApplication({
          kind: "unemployment.apply",
          idNumber: eligible.idNumber,
          values: { ...values, n: String(i) },
          status: "submitted",
          note,
          at: NOW,
        }),
      ),
    );
    const numbers = filed.map((a) => a.number);
    expect(numbers.slice().sort()).toEqual(
      Array.from({ length: 50 }, (_, i) => `SQ20261128${String(i + 1).padStart(6, "0")}`),
    );
    // Each number holds the application it was given to, whichever connection reads it.
    for (const [i, app] of filed.entries()) {
      expect((await desks[(i + 1) % 3]!.getApplication(app.number))?.values.n).toBe(String(i));
    }
    expect(await collection("applications").countDocuments()).toBe(50);
    expect(await desks[2]!.listApplications(eligible.idNumber)).toHaveLength(50);
  });

  it("agrees on one set of keys when two start at once on an empty database", async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const app = await a.submitApplication({
      kind: "certificate.participation",
      idNumber: eligible.idNumber,
      values: { certKind: "contributions" },
      status: "completed",
      note,
      at: NOW,
    });
    expect((await b.listApplications(eligible.idNumber)).map((x) => x.number)).toEqual([app.number]);
    expect((await b.findByVerificationCode(app.verificationCode!))?.number).toBe(app.number);
    expect(await collection("secrets").countDocuments()).toBe(2);
  });

  it("stores ID numbers and values only sealed, in camelCase documents keyed by their natural key, without __v", async () => {
    const records = await start();
    const app = await records.submitApplication({
      kind: "card.replace",
      idNumber: DEMO_CITIZENS.cardReplacing.idNumber,
      values,
      status: "submitted",
      note,
      at: NOW,
    });
    await records.reportCardLost(DEMO_CITIZENS.cardHolder.idNumber, NOW);
    const everything = JSON.stringify(
      await Promise.all(
        (await conn.listCollections()).map(async (c) => conn.collection(c.name).find({}).toArray()),
      ),
    );
    for (const secret of [
      eligible.idNumber,
      eligible.mobile,
      eligible.name,
      values.bankCard,
      DEMO_CITIZENS.cardReplacing.idNumber,
      DEMO_CITIZENS.cardHolder.idNumber,
    ])
      expect(everything.includes(secret), secret).toBe(false);
    const doc = await collection("applications").findOne({ _id: app.number as never });
    expect(Object.keys(doc!).sort()).toEqual(
      [
        "_id",
        "kind",
        "idNumberHash",
        "idNumberSealed",
        "status",
        "createdAt",
        "updatedAt",
        "timeline",
        "valuesSealed",
        "verificationCode",
      ].sort(),
    );
    expect(doc).toMatchObject({
      _id: app.number,
      idNumberHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      idNumberSealed: expect.stringMatching(/^v1\./),
      valuesSealed: expect.stringMatching(/^v1\./),
      timeline: [{ status: "submitted", at: NOW.toISOString(), note }],
      verificationCode: null,
    });
    expect(Object.keys(doc!.timeline[0]).sort()).toEqual(["at", "note", "status"]);
    // The replacement's card change and the loss report: one document per citizen, by the ID's HMAC.
    const cards = await collection("cardStatus").find({}).toArray();
    expect(cards.map((c) => c.status).sort()).toEqual(["replacing", "reported_lost"]);
    for (const c of cards) expect(Object.keys(c).sort()).toEqual(["_id", "status", "updatedAt"]);
    expect(cards.map((c) => c._id)).toContain(doc!.idNumberHash);
    const secrets = await collection("secrets").find({}).toArray();
    expect(secrets.map((s) => s._id).sort()).toEqual(["lookup_key", "verification_secret"]);
    for (const s of secrets) expect(s.value).toMatch(/^v1\./);
  });

  it("creates its indexes at start, and a second start on the same database reads everything back", async () => {
    const first = await start();
    const indexes = await collection("applications").indexes();
    expect(indexes.map((i) => i.name).sort()).toEqual(
      ["_id_", "demo_applications_citizen", "demo_applications_code", "demo_applications_status"].sort(),
    );
    expect(indexes.find((i) => i.name === "demo_applications_citizen")?.key).toEqual({
      idNumberHash: 1,
      createdAt: -1,
      _id: -1,
    });
    for (const i of indexes) expect(i.partialFilterExpression).toBeUndefined();
    const app = await fileUnemployment(first);
    await first.updateStatus(app.number, "accepted", { zh: "已受理", en: "accepted" }, NOW);
    await first.reportCardLost(DEMO_CITIZENS.cardHolder.idNumber, NOW);
    await first.close();

    const second = await start();
    expect(await second.listApplications(eligible.idNumber)).toEqual([
      {
        ...app,
        status: "accepted",
        timeline: [
          ...app.timeline,
          { status: "accepted", at: NOW.toISOString(), note: { zh: "已受理", en: "accepted" } },
        ],
      },
    ]);
    expect((await second.findCitizen(DEMO_CITIZENS.cardHolder.idNumber))?.cardStatus).toBe("reported_lost");
    const next = await second.submitApplication({
      kind: "card.lost",
      idNumber: eligible.idNumber,
      values,
      status: "completed",
      note,
      at: NOW,
    });
    expect(next.number).toBe("SQ20261128000002");
    expect((await collection("applications").indexes()).map((i) => i.name).sort()).toEqual(
      indexes.map((i) => i.name).sort(),
    );
  });

  it("refuses a 1,000,000th application of a day with RECORDS_SEQUENCE_EXHAUSTED, and the next day still numbers", async () => {
    const records = await start();
    const file = (at: Date) =>
      records.submitApplication({
        kind: "card.lost",
        idNumber: eligible.idNumber,
        values,
        status: "completed",
        note,
        at,
      });
    const last = await file(NOW);
    // The day's top number is taken: nothing after it.
    const top = await collection("applications").findOne({ _id: last.number as never });
    await collection("applications").insertOne({ ...top!, _id: "SQ20261128999999" as never });
    await expect(file(NOW)).rejects.toMatchObject({ code: "RECORDS_SEQUENCE_EXHAUSTED" });
    expect((await file(new Date("2026-11-29T04:00:00Z"))).number).toBe("SQ20261129000001");
    expect(await collection("applications").countDocuments()).toBe(3);
  });

  it("is what openDemoRecords opens when given the desk's MongoDB URI; without one, the SQLite file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "records-open-"));
    try {
      const file = join(dir, "records-demo.sqlite");
      const options = { file, cipher, clock: () => NOW, transitions: false as const };
      const inMongo = await openDemoRecords({ ...options, mongodbUri: uri });
      opened.push(inMongo);
      const app = await inMongo.submitApplication({
        kind: "card.lost",
        idNumber: eligible.idNumber,
        values,
        status: "completed",
        note,
        at: NOW,
      });
      expect(await collection("applications").countDocuments({ _id: app.number as never })).toBe(1);
      expect(existsSync(file)).toBe(false);
      const inFile = await openDemoRecords({ ...options, mongodbUri: undefined });
      opened.push(inFile);
      expect(existsSync(file)).toBe(true);
      expect(await inFile.getApplication(app.number)).toBeUndefined();
    } finally {
      await Promise.all(opened.splice(0).map((r) => r.close()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
