import { afterAll, beforeAll, expect, it } from "vitest";
import { ChatClient } from "../../../bench/lib/chat-client.js";
import { openMongo } from "../../../src/storage/mongo/connection.js";
import { describeMongo, freshDatabaseUri } from "../../testing/mongo.js";
import { startTestServer, type TestServer } from "../../testing/server.js";

describeMongo("the desk on MongoDB", () => {
  const uri = freshDatabaseUri("server");
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { MONGODB_URI: uri, DEMO_STAFF: "false" } });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
    const conn = await openMongo(uri);
    await conn.dropDatabase();
    await conn.close();
  });

  it("starts with MONGODB_URI, says so in /readyz, answers a citizen and keeps the chat in MongoDB (personal data masked, the original sealed)", async () => {
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { status: string; store: string; version: number };
    expect(ready).toMatchObject({ status: "ready", store: "mongodb", version: 1 });
    const client = await ChatClient.connect(server.url);
    try {
      const reply = await client.ask("我的电话是13812345678，社保卡丢了怎么挂失");
      expect(reply.text).toContain("挂失");
    } finally {
      client.close();
    }
    const conn = await openMongo(uri);
    try {
      const messages = await conn.collection("messages").find({}).sort({ createdAt: 1, seq: 1 }).toArray();
      const citizen = messages.find((m) => m.role === "citizen");
      expect(citizen?.text).not.toContain("13812345678");
      expect(citizen?.textSealed).toBeTruthy();
      expect(JSON.stringify(messages)).not.toContain("13812345678");
      expect(messages.some((m) => m.role === "bot" && (m.meta as { intent?: string }).intent === "card.lost")).toBe(true);
      // The knowledge base's first version was published into MongoDB too.
      expect(await conn.collection("knowledge_versions").countDocuments()).toBe(1);
    } finally {
      await conn.close();
    }
  }, 60_000);
});
