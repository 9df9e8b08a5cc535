
import type { Connection } from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { openMongo } from "../../../src/storage/mongo/connection.js";
import { mongoStaffStores } from "../../../src/storage/mongo/staff-stores.js";
import type { Storage } from "../../../src/storage/ports.js";
import { describeMongo, freshDatabaseUri } from "../../testing/mongo.js";
import { mongoFixture, sqliteFixture } from "./fixtures.js";
import { type OpenedStaffStores, type StaffStores, staffStorageContract } from "./staff.js";

const group = (storage: Storage): StaffStores => ({
  staff: storage.staff,
  staffSessions: storage.staffSessions,
  audit: storage.audit,
  delayedJobs: storage.delayedJobs,
});

describe("staff storage in SQLite", () => {
  staffStorageContract("SQLite", async (): Promise<OpenedStaffStores> => {
    const f = sqliteFixture("staff-contract", group);
    return { ...f, rawStaff: async (id) => f.raw((db) => JSON.stringify(db.prepare("SELECT * FROM staff WHERE id = ?").get(id))) };
  });
});

describeMongo("staff storage in MongoDB", () => {
  // One database for this file; each test starts from an empty one.
  const uri = freshDatabaseUri("staff_contract");
  afterAll(async () => {
    const conn = await openMongo(uri);
    await conn.dropDatabase();
    await conn.close();
  });

  /** Every document the adapter keeps about one account (the account and its once-used marks). */
  const rawStaff = async (conn: Connection, id: string) => {
    const db = conn.db;
    if (!db) throw new Error("not connected");
    const account = await db.collection("staff").findOne({ _id: id as never });
    const marks = await db.collection("staffOnceUsed").find({ staffId: id }).toArray();
    return JSON.stringify({ account, marks });
  };

  staffStorageContract("MongoDB", async (): Promise<OpenedStaffStores> => {
    const f = await mongoFixture(uri, mongoStaffStores);
    return { ...f, rawStaff: (id) => rawStaff(f.conn(), id) };
  });

  describe("as stored", () => {
    it("keeps camelCase documents keyed by the record's id, with the indexes the queries need", async () => {
      const conn = await openMongo(uri);
      try {
        await conn.dropDatabase();
        const s = await mongoStaffStores(conn);
        await mongoStaffStores(conn); // a second call on one connection reuses the models
        const id = "acc-1";
        await s.staff.create({
          id,
          username: "wang.fang",
          displayName: "Wang",
          passwordHash: "-",
          languages: ["zh"],
          skills: ["*"],
          capacity: 2,
          disabled: false,
          createdAt: "2026-11-28T12:00:00.000Z",
          roles: ["agent"],
          totpSecretSealed: null,
          totpLastStep: 0,
          recoveryCodeHashes: [],
          requireSecondFactor: false,
        });
        const db = conn.db;
        if (!db) throw new Error("not connected");
        const doc = await db.collection("staff").findOne({ _id: id as never });
        expect(doc).toMatchObject({ _id: id, username: "wang.fang", displayName: "Wang", totpSecretSealed: null, requireSecondFactor: false });
        expect(doc).not.toHaveProperty("__v");
        const indexes = await db.collection("staff").indexes();
        expect(indexes.find((i) => i.key.username === 1)).toMatchObject({ unique: true });
        const auditIndexes = (await db.collection("auditLog").indexes()).map((i) => Object.keys(i.key).join(","));
        expect(auditIndexes).toEqual(expect.arrayContaining(["actor,_id", "action,_id", "target,_id"]));
      } finally {
        await conn.close();
      }
    });

    it("FerretDB v1.24 refuses partialFilterExpression, so 'at most one' lives in documents keyed by the value", async () => {
      const conn = await openMongo(uri);
      try {
        const db = conn.db;
        if (!db) throw new Error("not connected");
        const build = await db.admin().command({ buildInfo: 1 });
        const partial = db.collection("probePartial").createIndex({ staffId: 1 }, { unique: true, partialFilterExpression: { open: true } });
        if (typeof build.ferretdbVersion === "string") await expect(partial).rejects.toMatchObject({ code: 238 });
        else await partial; // MongoDB accepts it; the adapter does not rely on it either way
        await db.collection("probePartial").drop().catch(() => {});
      } finally {
        await conn.close();
      }
    });
  });
});
