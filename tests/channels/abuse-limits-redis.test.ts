import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deleteKeys, describeRedis, redisUrl, uniquePrefix } from "../testing/redis.js";
import { startTestServer, type TestServer } from "../testing/server.js";
import { Citizen } from "./citizen-from.js";

const prefix = uniquePrefix("limits").replaceAll(":", "-");

describeRedis("abuse limits across two instances sharing one Redis", () => {
  let a: TestServer;
  let b: TestServer;
  const open: Citizen[] = [];

  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl, REDIS_PREFIX: prefix, DEMO_STAFF: "false", TRUSTED_PROXY: "loopback", LIMIT_ADDRESS_CONVERSATIONS: "4/1m" };
    a = await startTestServer({ env });
    // The same data folder: one database, as two instances behind a load balancer share one.
    b = await startTestServer({ dataDir: a.dataDir, env });
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await b.stop();
    await a.stop();
    a.cleanup();
    const redis = new Redis(redisUrl);
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it("one message budget per conversation, whichever instance its sockets reach", async () => {
    const first = await Citizen.connect(a.url, { address: "198.51.100.10" });
    open.push(first);
    const sockets = [first];
    for (let i = 1; i < 20; i++) {
      const c = await Citizen.connect((i % 2 ? b : a).url, { address: "198.51.100.10", token: first.session.token });
      open.push(c);
      sockets.push(c);
    }
    const acks = await Promise.all(sockets.flatMap((s, i) => Array.from({ length: 10 }, (_, j) => s.send(`你好 ${i}-${j}`))));
    expect(acks.filter((x) => x.ok).length).toBe(20);
    const stored = await a.app.storage.messages.listRecent(first.session.conversationId, 1000);
    expect(stored.filter((m) => m.role === "citizen").length).toBe(20);
  });

  it("one budget of new conversations per address across instances", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) outcomes.push(await Citizen.attempt((i % 2 ? b : a).url, { address: "198.51.100.11" }));
    expect(outcomes).toEqual(["accepted", "accepted", "accepted", "accepted", "CHAT_TOO_MANY_CONVERSATIONS", "CHAT_TOO_MANY_CONVERSATIONS"]);
  });
});
