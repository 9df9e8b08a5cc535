import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, } from "node:fs";
import type { Connection } from "mongoose";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openMongo } from "../../../src/storage/mongo/connection.js";
import { CONVERSATION_COLLECTIONS, mongoConversationStores } from "../../../src/storage/mongo/conversation-stores.js";
import { describeMongo, freshDatabaseUri } from "../../testing/mongo.js";
import { type ConversationStores, conversationStoresContract } from "./conversations.js";
import { mongoFixture, sqliteFixture } from "./fixtures.js";

const pick = (s: ConversationStores): ConversationStores => ({
  conversations: s.conversations,
  messages: s.messages,
  feedback: s.feedback,
  applicationLinks: s.applicationLinks,
});

conversationStoresContract("sqlite", async () => {
  const f = sqliteFixture("conversations", pick);
  return {
    ...f,
    // The file and its write-ahead log: what is written lands in the log first.
    rawBytes: async () => Buffer.concat([f.file, `${f.file}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file))),
    close: f.dispose,
  };
});

describeMongo("conversation stores on MongoDB", () => {
  const uri = freshDatabaseUri("conversations");
  let admin: Connection;

  beforeAll(async () => {
    admin = await openMongo(uri);
  });
  afterAll(async () => {
    await admin?.db?.dropDatabase();
    await admin?.close();
  });

  /** Every document of the stores' collections, as the server returns them. */
  const rawDocuments = async () =>
    Promise.all(Object.values(CONVERSATION_COLLECTIONS).map((c) => admin.db!.collection(c).find({}).toArray()));

  conversationStoresContract("mongo", async () => {
    // Not emptied: the tests below share this database with the contract's, every id fresh.
    const f = await mongoFixture(uri, mongoConversationStores, { fresh: false });
    return { ...f, rawBytes: async () => Buffer.from(JSON.stringify(await rawDocuments())), close: f.dispose };
  });

  it("numbers 50 messages from 5 processes at once 1 to 50, and stores a resend racing across them once", async () => {
    // Each connection is a desk process of its own: only the unique indexes stand between them.
    const conns = await Promise.all(Array.from({ length: 5 }, () => openMongo(uri)));
    try {
      const desks = await Promise.all(conns.map((c) => mongoConversationStores(c)));
      const at = "2026-11-28T12:00:00.000Z";
      const id = randomUUID();
      await desks[0]!.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: at, updatedAt: at });
      const say = (i: number, clientId: string | null = randomUUID()) =>
        desks[i % desks.length]!.messages.append({ id: randomUUID(), conversationId: id, role: "citizen", text: `m${i}`, textSealed: null, clientId, createdAt: at, meta: {} });
      const stored = await Promise.all(Array.from({ length: 50 }, (_, i) => say(i)));
      expect(stored.map((m) => m.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      const resent = await Promise.all(Array.from({ length: 10 }, (_, i) => say(i, "resent-across")));
      expect(new Set(resent.map((m) => m.id)).size).toBe(1);
      expect(resent[0]?.seq).toBe(51);
      const all = await desks[1]!.messages.listRecent(id, 100);
      expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
      const key = `oFollower-${randomUUID()}`;
      const opened = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          desks[i % desks.length]!.conversations.findOrCreateByKey({ id: randomUUID(), channel: "wechat", key, locale: "zh", createdAt: at, updatedAt: at }),
        ),
      );
      expect(opened.filter((o) => o.created)).toHaveLength(1);
      expect(new Set(opened.map((o) => o.conversation.id)).size).toBe(1);
    } finally {
      await Promise.all(conns.map((c) => c.close()));
    }
  });

  it("keeps camelCase documents keyed by the record id, sealed values exactly as given", async () => {
    const conn = await openMongo(uri);
    try {
      const s = await mongoConversationStores(conn);
      const at = "2026-11-28T12:00:00.000Z";
      const id = randomUUID();
      await s.conversations.create({ id, channel: "web", key: id, locale: "zh", createdAt: at, updatedAt: at });
      await s.conversations.setFlowState(id, "v1.0badc0de.iv.tag.body", at);
      const m = await s.messages.append({
        id: randomUUID(),
        conversationId: id,
        role: "citizen",
        text: "1101**********002X",
        textSealed: "v1.0badc0de.iv2.tag2.body2",
        clientId: "client-raw",
        createdAt: at,
        meta: { intent: "card.lost" },
      });
      const db = conn.db!;
      expect(await db.collection("conversations").findOne({ _id: id as never })).toEqual({
        _id: id,
        channel: "web",
        key: id,
        locale: "zh",
        createdAt: at,
        updatedAt: at,
        flowState: "v1.0badc0de.iv.tag.body",
        contactSealed: null,
      });
      expect(await db.collection("messages").findOne({ _id: m.id as never })).toEqual({
        _id: m.id,
        conversationId: id,
        seq: 1,
        role: "citizen",
        text: "1101**********002X",
        textSealed: "v1.0badc0de.iv2.tag2.body2",
        clientId: "client-raw",
        clientKey: "client:client-raw",
        createdAt: at,
        meta: { intent: "card.lost" },
      });
    } finally {
      await conn.close();
    }
  });

  it("creates the unique indexes its guards rely on, at start, and again on a reopen without error", async () => {
    const conn = await openMongo(uri);
    try {
      await mongoConversationStores(conn);
      const names = async (c: string) => (await conn.db!.collection(c).indexes()).map((i) => [i.name, i.unique ?? false]);
      expect(await names("conversations")).toContainEqual(["conversations_channel_key", true]);
      expect(await names("messages")).toEqual(
        expect.arrayContaining([
          ["messages_conversation_seq", true],
          ["messages_client_key", true],
        ]),
      );
      expect(await names("applicationLinks")).toContainEqual(["application_links_number_conversation", true]);
      expect(await names("feedback")).toContainEqual(["feedback_conversation", false]);
    } finally {
      await conn.close();
    }
  });

  it("does without partial indexes: FerretDB refuses partialFilterExpression (MongoDB takes it)", async () => {
    const db = admin.db!;
    const info = await db.admin().command({ buildInfo: 1 });
    const scratch = db.collection(`partial_probe_${randomUUID().slice(0, 8)}`);
    const created = scratch
      .createIndex({ a: 1 }, { unique: true, partialFilterExpression: { a: { $type: "string" } } })
      .then(() => "accepted")
      .catch((e: { message?: string }) => `refused: ${e.message}`);
    const outcome = await created;
    await scratch.drop().catch(() => {});
    if ("ferretdbVersion" in info) expect(outcome).toMatch(/refused: .*partialFilterExpression/);
    else expect(outcome).toBe("accepted");
  });
});
